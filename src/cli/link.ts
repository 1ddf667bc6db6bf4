import type { Command } from 'commander';
import { catalog } from '../checks/index.js';
import { DEFAULT_ENGINE_OPTIONS } from '../engine/run.js';
import { resolveRoot, scan } from '../engine/scan.js';
import { displayText } from '../display-text.js';
import { readInputFile } from '../input-file.js';
import { MAX_PLAN_BYTES } from '../limits.js';
import type { LinkOutcome } from '../link/link-plan.js';
import { EVIDENCE_LABELS, type EvidenceKind } from '../plan/evidence.js';
import { parsePlan } from '../plan/load.js';
import { findPlan, now, PLAN_FILE, requirePlan } from './context.js';
import { writePlanFile } from './plan-file.js';

interface LinkOptions {
  plan?: string;
  write?: boolean;
  now?: string;
}

/** The check domains that reach live targets: linking reads only the repository. */
const LIVE_DOMAINS = ['http', 'tls', 'dns', 'net', 'probe'];

export function registerLink(program: Command, exit: (code: number) => void): void {
  program
    .command('link')
    .summary('link plan items to the checks that verify them')
    .description(
      'Propose checks for the plan items that have none: a claim named in the title ("DMARC", "HSTS preload", "runAsNonRoot"), a Verify command (dig, curl | grep, openssl s_client, redis-cli), and a target to measure it on (a file or object of the repository, a site or domain the item or tracker names). Prints what it would add; --write saves it into the plan with a comment on every link saying why.',
    )
    .argument('[dir]', "repository the static checks read (default: the plan's targets.root)")
    .option('-p, --plan <file>', 'plan file (default: harden.yaml in DIR or here)')
    .option('--write', 'save the links into the plan (comments and layout kept)')
    .option('--now <date>', 'evaluate dates as of this day (YYYY-MM-DD)')
    .addHelpText('after', `
Each link is scoped to the reports that measure the claim (messages:) and to the objects the item
names (where:). What it is unsure of is written as a "# candidate:" comment, never as a link: a
wrong link is a false regression. Items left without a check get "evidence:" saying where their
proof lives (host, cluster, backup, application-code, decision, ...), which verify reports.

Examples:
  harden link                  what it would link, item by item
  harden link --write          save it; review with git diff`)
    .action(async (dir: string | undefined, options: LinkOptions) => {
      const date = now(options);
      const file = findPlan(options.plan, dir) ?? PLAN_FILE;
      const plan = requirePlan(findPlan(options.plan, dir), date);
      const outcome = await linkPlanText(readInputFile(file, 'plan', MAX_PLAN_BYTES), file, dir, date);
      process.stdout.write(describeLinks(outcome));
      if (options.write && outcome.links + outcome.targets > 0) writePlanFile(file, outcome.text);
      process.stderr.write(`${summaryOf(outcome, plan.plan.items.length)}${options.write ? ` · written to ${file}` : ' · run with --write to save them'}\n`);
      exit(0);
    });
}

/** Links a plan's text against the repository (a static scan: no live target is reached); the result still loads. */
export async function linkPlanText(planText: string, file: string, dir: string | undefined, date: Date): Promise<LinkOutcome> {
  const { linkPlan } = await import('../link/link-plan.js');
  const loaded = parsePlan(planText, file, { catalog, now: date });
  const run = await scan({
    catalog,
    root: resolveRoot(dir, loaded),
    plan: { ...loaded, plan: { ...loaded.plan, targets: { ...loaded.plan.targets, sites: [], domains: [], services: [] } } },
    selection: { only: [], skip: LIVE_DOMAINS },
    verify: false,
    now: date,
    engine: DEFAULT_ENGINE_OPTIONS,
  });
  const outcome = linkPlan({ plan: loaded.plan, planText, catalog, results: run.results });
  parsePlan(outcome.text, file, { catalog, now: date });
  return outcome;
}

/** One line per linked item, its candidates and the targets added. */
export function describeLinks(outcome: LinkOutcome): string {
  const lines: string[] = [];
  for (const { proposal, evidence } of outcome.items) {
    for (const link of proposal.links) {
      const scope = [link.messages ? `messages: ${link.messages.join(', ')}` : '', link.where ? `where: ${link.where.join(', ')}` : ''].filter(Boolean).join('; ');
      lines.push(`${proposal.item}  + ${link.check}${scope ? ` (${scope})` : ''}  — ${link.why}`);
    }
    if (proposal.links.length === 0 && evidence) lines.push(`${proposal.item}  evidence: ${evidence.kind}  — ${evidence.why}`);
    for (const candidate of proposal.candidates) lines.push(`${proposal.item}  ? ${candidate.check}  — ${candidate.why}`);
  }
  for (const { target, why } of outcome.targetChanges) lines.push(`targets  + ${target.kind === 'domain' ? `domains: ${target.name}` : target.kind === 'site' ? `sites: ${target.url}` : `services: ${target.host}:${target.port}`}  — ${why}`);
  return lines.map((line) => `${displayText(line)}\n`).join('');
}

export function summaryOf(outcome: LinkOutcome, total: number): string {
  const byKind = new Map<EvidenceKind, number>();
  for (const { evidence } of outcome.items) if (evidence) byKind.set(evidence.kind, (byKind.get(evidence.kind) ?? 0) + 1);
  const unlinked = outcome.items.length - outcome.linkedItems;
  const kinds = [...byKind].sort((a, b) => b[1] - a[1]).map(([kind, count]) => `${count} ${EVIDENCE_LABELS[kind]}`);
  const parts = [
    `${total} items: ${outcome.linkedItems} linked (${outcome.links} checks)`,
    ...(outcome.kept > 0 ? [`${outcome.kept} already had checks`] : []),
    ...(unlinked > 0 ? [`${unlinked} without a check${kinds.length ? ` (${kinds.join(', ')})` : ''}`] : []),
    ...(outcome.targets > 0 ? [`${outcome.targets} live targets added`] : []),
  ];
  return parts.join(' · ');
}
