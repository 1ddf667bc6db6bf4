import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLSeq, type Document, type YAMLMap } from 'yaml';
import type { EvidenceKind } from '../plan/evidence.js';
import type { NamedTarget } from './commands.js';
import type { LinkProposal } from './propose.js';

/** What `harden link` writes into one item: its links, the candidates left as comments, where its evidence lives. */
export interface ItemChange {
  proposal: LinkProposal;
  evidence?: { kind: EvidenceKind; why: string };
}

/** A live target to add under `targets:`, with the reason shown beside it. */
export interface TargetChange {
  target: NamedTarget;
  why: string;
}

export interface AppliedLinks {
  text: string;
  linkedItems: number;
  links: number;
  targets: number;
}

/**
 * Writes the links into the plan's text, keeping its comments and layout: each link is a
 * flow mapping under the item's `checks:` with a comment saying why, each candidate a
 * comment under the item, each new live target an entry under `targets:` with its reason.
 * Items that already have checks are left as they are.
 */
export function applyLinks(planText: string, items: readonly ItemChange[], targets: readonly TargetChange[]): AppliedLinks {
  const doc = parseDocument(planText);
  const root = doc.contents;
  if (!isMap(root)) return { text: planText, linkedItems: 0, links: 0, targets: 0 };
  const byId = itemNodes(root);
  let linkedItems = 0;
  let links = 0;
  for (const { proposal, evidence } of items) {
    const node = byId.get(proposal.item);
    if (!node || hasChecks(node)) continue;
    if (proposal.links.length > 0) {
      const checks = new YAMLSeq();
      for (const link of proposal.links) {
        const entry = doc.createNode({ check: link.check, ...(link.messages ? { messages: link.messages } : {}), ...(link.where ? { where: link.where } : {}) }) as YAMLMap;
        flow(entry);
        entry.comment = ` linked: ${link.why}`;
        checks.items.push(entry);
      }
      node.set('checks', checks);
      linkedItems += 1;
      links += proposal.links.length;
    } else if (evidence && !node.has('evidence')) {
      const value = new Scalar(evidence.kind);
      value.comment = ` no check reads this yet: ${evidence.why}`;
      node.set('evidence', value);
    }
    if (proposal.candidates.length > 0) node.comment = proposal.candidates.map((candidate) => ` candidate: ${candidate.check} (${candidate.why})`).join('\n');
  }
  const added = addTargets(doc, root, targets);
  return { text: doc.toString({ lineWidth: 0 }), linkedItems, links, targets: added };
}

function itemNodes(root: YAMLMap): Map<string, YAMLMap> {
  const items = root.get('items', true);
  const byId = new Map<string, YAMLMap>();
  if (!isSeq(items)) return byId;
  for (const node of items.items) if (isMap(node)) byId.set(String(node.get('id')), node as YAMLMap);
  return byId;
}

function hasChecks(node: YAMLMap): boolean {
  const checks = node.get('checks', true);
  return isSeq(checks) ? checks.items.length > 0 : checks !== undefined && checks !== null;
}

/** `{ check: x, messages: [a, b] }` on one line. */
function flow(entry: YAMLMap): void {
  entry.flow = true;
  for (const pair of entry.items) if (isSeq(pair.value)) pair.value.flow = true;
}

const TARGET_KEYS = { domain: 'domains', site: 'sites', service: 'services' } as const;

function addTargets(doc: Document, root: YAMLMap, targets: readonly TargetChange[]): number {
  if (targets.length === 0) return 0;
  const section: unknown = root.get('targets', true);
  const map = isMap(section) ? section : (doc.createNode({}) as YAMLMap);
  if (map !== section) root.set('targets', map);
  let added = 0;
  for (const { target, why } of targets) {
    const key = TARGET_KEYS[target.kind];
    const list: unknown = map.get(key, true);
    const seq = isSeq(list) ? list : new YAMLSeq();
    if (seq !== list) map.set(key, seq);
    const value = targetValue(target);
    if (seq.items.some((known) => sameTarget(known, value))) continue;
    const node = typeof value === 'string' ? new Scalar(value) : (doc.createNode(value) as YAMLMap);
    if (!(node instanceof Scalar)) flow(node as YAMLMap);
    node.comment = ` ${why}`;
    seq.items.push(node);
    added += 1;
  }
  return added;
}

function targetValue(target: NamedTarget): string | Record<string, unknown> {
  if (target.kind === 'domain') return target.name;
  if (target.kind === 'site') return target.url;
  return target.service === 'tcp' ? `${target.host}:${target.port}` : { host: target.host, port: target.port, kind: target.service };
}

function sameTarget(node: unknown, value: string | Record<string, unknown>): boolean {
  if (isScalar(node)) return typeof value === 'string' && String(node.value).replace(/\/$/, '') === value.replace(/\/$/, '');
  if (!isMap(node) || typeof value === 'string') return false;
  const url = node.get('url');
  if (url !== undefined) return false;
  return node.get('host') === value.host && node.get('port') === value.port;
}
