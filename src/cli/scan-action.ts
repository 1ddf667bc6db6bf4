import { displayText } from '../display-text.js';
import { writeBaseline } from '../engine/baseline.js';
import { isOpenFailure } from '../engine/result.js';
import { formatBytes } from '../limits.js';
import { atLeast } from '../severity.js';
import { findPlan, now, openPlan, runScan, type RunOptions } from './context.js';
import type { FailOn } from './options.js';
import { assertWritable, emit, reportContext } from './output.js';
import type { OutputOptions } from './output-options.js';
import { checkedNothing, nothingToCheckMessage, planTarget } from './scan-nothing.js';
import { readStandardInput, STDIN_NAME } from './scan-stdin.js';

export interface ScanOptions extends RunOptions, OutputOptions {
  failOn: FailOn;
  writeBaseline?: string;
  allowErrors?: boolean;
}

export async function scanCommand(dir: string | undefined, options: ScanOptions, exit: (code: number) => void): Promise<void> {
  const date = now(options);
  assertWritable(options.output, options.writeBaseline);
  const stdin = dir === '-';
  // Piped manifests are not the repository a plan describes: a plan applies (its waivers, its items) only when named.
  const plan = await openPlan(stdin ? options.plan : findPlan(options.plan, dir), date);
  const input = stdin ? { name: STDIN_NAME, text: await readStandardInput() } : undefined;
  const { run, catalog, scope } = await runScan(stdin ? undefined : dir, plan, options, date, plan !== undefined, input);
  await emit(run, reportContext(catalog, plan, options, date), options);
  if (input && checkedNothing(run, input.name)) {
    const what = run.tally.checks === 0 && options.only?.length
      ? `--only ${options.only.join(',')} selects no check that reads standard input (the Kubernetes and secret checks do)`
      : `standard input (${formatBytes(Buffer.byteLength(input.text))}) held no Kubernetes object (a document with apiVersion and kind)`;
    process.stderr.write(`harden: nothing to check: ${displayText(what)}\n`);
    exit(2);
    return;
  }
  if (!input && checkedNothing(run, planTarget(scope, plan))) {
    // "0 checks · 0 targets" and exit 0 would read as all clear.
    process.stderr.write(nothingToCheckMessage(scope, plan, options));
    exit(2);
    return;
  }
  if (options.writeBaseline) process.stderr.write(`baseline: ${writeBaseline(options.writeBaseline, run.findings)} fingerprints written to ${displayText(options.writeBaseline)}\n`);
  const threshold = options.failOn;
  const gated = threshold !== 'none' && run.findings.some((r) => isOpenFailure(r) && atLeast(r.severity, threshold));
  const expired = run.waivers.some((w) => w.state === 'expired');
  // --fail-on sets the severity gate only: targets that could not be checked fail the run unless --allow-errors.
  const blind = !options.allowErrors && run.tally.error > 0;
  exit(gated || expired || blind ? 1 : 0);
}
