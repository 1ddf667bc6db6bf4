import { findPlan, now, requirePlan, runScan, type RunOptions } from './context.js';
import { openStore } from './monitor-action.js';
import { assertWritable, emit, reportContext } from './output.js';
import type { OutputOptions } from './output-options.js';
import { verifyRunRecord } from './verify-record.js';

export interface VerifyOptions extends RunOptions, OutputOptions {
  strict?: boolean;
  allowErrors?: boolean;
  /** List every failure of the scan after the verdicts. */
  scan?: boolean;
  /** Keep the run in the store (the dashboard's history). */
  record?: boolean;
  database?: string;
}

export async function verifyCommand(dir: string | undefined, options: VerifyOptions, exit: (code: number) => void): Promise<void> {
  const date = now(options);
  assertWritable(options.output);
  const plan = await requirePlan(findPlan(options.plan, dir), date);
  const { run, catalog } = await runScan(dir, plan, options, date, true);
  await emit(run, { ...reportContext(catalog, plan, options, date), verify: { scan: options.scan === true } }, options);
  const verdicts = run.verdicts ?? [];
  if (options.record) {
    const store = await openStore(plan, options);
    try {
      await store.recordVerifyRun(verifyRunRecord(verdicts, date.getTime()));
    } finally {
      await store.close();
    }
  }
  const broken = verdicts.some((v) => v.verdict === 'regression' || v.verdict === 'waiver-expired') || run.waivers.some((w) => w.state === 'expired');
  const late = options.strict === true && verdicts.some((v) => v.overdue);
  const blind = !options.allowErrors && run.tally.error > 0;
  exit(broken || late || blind ? 1 : 0);
}
