/**
 * Measures the linker against the answer key in ./answer-key: each tracker imported, its
 * repository scanned statically (none for the trackers without one), every item linked, and
 * the links compared with what a careful engineer attached.
 *
 * Item recall: of the items the key links, the share that get at least one of the key's
 * checks. Link precision: of the (item, check) pairs proposed, the share the key has; a
 * candidate the key marks `acceptable` counts neither way.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { catalog } from '../../src/checks/index.js';
import { scan } from '../../src/engine/scan.js';
import { linkPlan, type LinkOutcome } from '../../src/link/link-plan.js';
import { parsePlan } from '../../src/plan/load.js';
import { importTracker } from '../../src/plan/markdown/import.js';
import { newPlanText, type PlanFragment } from '../../src/plan/write.js';

const HERE = new URL('.', import.meta.url);
const NOW = new Date('2026-12-01T00:00:00Z');
const LIVE_DOMAINS = ['http', 'tls', 'dns', 'net', 'probe'];

export interface KeyItem {
  id: string;
  title: string;
  links: { check: string; messages?: string[]; where?: string[] }[];
  candidates?: { check: string; acceptable?: boolean }[];
  reason?: string;
}

export const TRACKERS: { name: string; repository?: string }[] = [
  { name: 'security-remediation', repository: 'stacks/k3s-saas-fixed' },
  { name: 'roadmap', repository: 'stacks/k3s-saas-fixed' },
  { name: 'devops-hardening-plan' },
  { name: 'security-ops-roadmap' },
];

export interface TrackerScore {
  tracker: string;
  items: number;
  keyLinkedItems: number;
  recalledItems: number;
  proposed: number;
  correct: number;
  neutral: number;
  wrong: { item: string; check: string }[];
  missed: { item: string; checks: string[] }[];
}

export function answerKey(tracker: string): KeyItem[] {
  const key = parse(readFileSync(new URL(`answer-key/${tracker}.yaml`, HERE), 'utf8')) as { items: KeyItem[] };
  return key.items;
}

/** Imports a tracker into a plan text, as `harden import --no-link` writes it. */
export function importedPlan(tracker: string): string {
  const file = new URL(`trackers/${tracker}.md`, HERE).pathname;
  const imported = importTracker(readFileSync(file, 'utf8'), file);
  return newPlanText(imported as unknown as PlanFragment, ' imported for the linking score');
}

export async function linkTracker(tracker: string, repository: string | undefined): Promise<LinkOutcome> {
  const planText = importedPlan(tracker);
  const loaded = parsePlan(planText, 'harden.yaml', { catalog, now: NOW });
  const root = repository ? new URL(repository, HERE).pathname : resolve('test/linking/empty');
  const results = repository
    ? (await scan({ catalog, root, selection: { only: [], skip: LIVE_DOMAINS }, verify: false, now: NOW, engine: { concurrency: 4, timeoutMs: 10_000 } })).results
    : [];
  return linkPlan({ plan: loaded.plan, planText, catalog, results });
}

export async function scoreTracker(tracker: string, repository: string | undefined): Promise<TrackerScore> {
  const outcome = await linkTracker(tracker, repository);
  const key = new Map(answerKey(tracker).map((item) => [item.id, item]));
  const score: TrackerScore = { tracker, items: outcome.items.length, keyLinkedItems: 0, recalledItems: 0, proposed: 0, correct: 0, neutral: 0, wrong: [], missed: [] };
  for (const { proposal } of outcome.items) {
    const expected = key.get(proposal.item);
    const right = new Set(expected?.links.map((link) => link.check) ?? []);
    const acceptable = new Set(expected?.candidates?.filter((c) => c.acceptable).map((c) => c.check) ?? []);
    if (right.size > 0) score.keyLinkedItems += 1;
    if (proposal.links.some((link) => right.has(link.check))) score.recalledItems += 1;
    else if (right.size > 0) score.missed.push({ item: proposal.item, checks: [...right] });
    for (const link of proposal.links) {
      if (right.has(link.check)) {
        score.proposed += 1;
        score.correct += 1;
      } else if (acceptable.has(link.check)) score.neutral += 1;
      else {
        score.proposed += 1;
        score.wrong.push({ item: proposal.item, check: link.check });
      }
    }
  }
  return score;
}
