import { catalog } from '../checks/index.js';
import { DEFAULT_ENGINE_OPTIONS } from '../engine/run.js';
import { resolveRoot, scan } from '../engine/scan.js';
import { displayText } from '../display-text.js';
import { readInputFile } from '../input-file.js';
import { MAX_PLAN_BYTES } from '../limits.js';
import type { LinkOutcome } from '../link/link-plan.js';
import { EVIDENCE_LABELS, type EvidenceKind } from '../plan/evidence.js';
import { parsePlan } from '../plan/load.js';
import { findPlan, now, requirePlan } from './context.js';
import { PLAN_FILE, writePlanFile } from './plan-file.js';

export interface LinkOptions {
  plan?: string;
  write?: boolean;
  now?: string;
}

/** The check domains that reach live targets: linking reads only the repository. */
const LIVE_DOMAINS = ['http', 'tls', 'dns', 'net', 'probe'];

export async function linkCommand(dir: string | undefined, options: LinkOptions, exit: (code: number) => void): Promise<void> {
  const date = now(options);
  const file = findPlan(options.plan, dir) ?? PLAN_FILE;
  const plan = await requirePlan(findPlan(options.plan, dir), date);
  const outcome = await linkPlanText(readInputFile(file, 'plan', MAX_PLAN_BYTES), file, dir, date);
  process.stdout.write(describeLinks(outcome));
  if (options.write && outcome.links + outcome.targets > 0) writePlanFile(file, outcome.text);
  process.stderr.write(`${summaryOf(outcome, plan.plan.items.length)}${options.write ? ` · written to ${file}` : ' · run with --write to save them'}\n`);
  exit(0);
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
  const classified = [...byKind.values()].reduce((sum, count) => sum + count, 0);
  if (classified > 0 && classified < unlinked) kinds.push(`${unlinked - classified} not classified`);
  const parts = [
    `${total} items: ${outcome.linkedItems} linked (${outcome.links} checks)`,
    ...(outcome.kept > 0 ? [`${outcome.kept} already had checks`] : []),
    ...(unlinked > 0 ? [`${unlinked} without a check${kinds.length ? ` (${kinds.join(', ')})` : ''}`] : []),
    ...(outcome.targets > 0 ? [`${outcome.targets} live targets added`] : []),
  ];
  return parts.join(' · ');
}
