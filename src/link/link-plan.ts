import type { AnyCheck } from '../checks/define.js';
import type { Result } from '../engine/result.js';
import type { Plan, PlanItem } from '../plan/schema.js';
import { applyLinks, type AppliedLinks, type ItemChange, type TargetChange } from './apply.js';
import { claimIndex } from './claim-index.js';
import type { NamedTarget } from './commands.js';
import { evidenceKindOf } from './evidence-kinds.js';
import { itemText, ownDomains, ownSites, proposeLinks, targetKey, type LinkContext } from './propose.js';
import { RepoEvidence } from './repo-evidence.js';

export interface LinkRequest {
  plan: Plan;
  /** The plan file's text: links are written into it, its comments and layout kept. */
  planText: string;
  catalog: ReadonlyMap<string, AnyCheck>;
  /** A static scan of the repository (no live target reached): which checks have targets here, and which. */
  results: Iterable<Result>;
}

export interface LinkOutcome extends AppliedLinks {
  items: ItemChange[];
  targetChanges: TargetChange[];
  /** Items that already had checks: left as they are. */
  kept: number;
}

/** Proposes links for every item without checks and writes them into the plan's text. */
export function linkPlan({ plan, planText, catalog, results }: LinkRequest): LinkOutcome {
  const repo = new RepoEvidence();
  for (const result of results) repo.add(result);
  const context: LinkContext = {
    claims: claimIndex(catalog.values()),
    catalog,
    repo,
    planned: {
      sites: plan.targets.sites.map((site) => site.url),
      domains: plan.targets.domains.map((domain) => domain.name),
      services: plan.targets.services.map((service) => `${service.host}:${service.port}`),
      hosts: plan.targets.hosts.map((host) => host.name),
      backups: plan.backups.map((set) => set.name),
      secrets: plan.secrets.map((secret) => secret.name),
      monitors: plan.monitors.map((monitor) => monitor.name),
    },
    ownDomains: [],
    ownSites: [],
    stageTitles: new Map(plan.stages.map((stage) => [stage.id, stage.title])),
  };
  const texts = plan.items.map((item) => `${item.title}\n${itemText(item)}`);
  context.ownDomains = ownDomains(texts);
  context.ownSites = ownSites(texts, context.ownDomains);
  const unlinked = plan.items.filter((item) => item.checks.length === 0);
  const items = unlinked.map((item) => itemChange(item, context));
  const targetChanges = targetsOf(items, plan.items);
  const applied = applyLinks(planText, items, targetChanges);
  return { ...applied, items, targetChanges, kept: plan.items.length - unlinked.length };
}

function itemChange(item: PlanItem, context: LinkContext): ItemChange {
  const proposal = proposeLinks(item, context);
  if (proposal.links.length > 0 || item.evidence) return { proposal };
  const kind = evidenceKindOf(item.title, itemText(item));
  return kind ? { proposal, evidence: { kind: kind.kind, why: `"${kind.name}" ${normalizedIn(item.title, kind.name) ? 'in the title' : 'in the notes'}` } } : { proposal };
}

function normalizedIn(title: string, name: string): boolean {
  return title.toLowerCase().includes(name.toLowerCase().replace(/\*$/, ''));
}

/** Each live target the links need, once, with the items that named it. */
function targetsOf(items: readonly ItemChange[], planItems: readonly PlanItem[]): TargetChange[] {
  const byKey = new Map<string, { target: NamedTarget; items: string[]; named: boolean }>();
  for (const { proposal } of items) {
    if (proposal.links.length === 0) continue;
    for (const target of proposal.targets) {
      const key = targetKey(target);
      const known = byKey.get(key) ?? byKey.set(key, { target, items: [], named: false }).get(key)!;
      known.items.push(proposal.item);
      if (target.from === undefined) known.named = true;
    }
  }
  const lines = new Map(planItems.map((item) => [item.id, item.source?.line]));
  return [...byKey.values()].map(({ target, items: by, named }) => {
    const where = by.slice(0, 3).map((id) => (lines.get(id) ? `${id}, line ${lines.get(id)}` : id)).join('; ') + (by.length > 3 ? ` and ${by.length - 3} more` : '');
    const { from: _from, ...plain } = target;
    return { target: plain, why: named ? `named by ${where}` : `${target.from}, for ${where}` };
  });
}
