import type { AnyCheck } from '../checks/define.js';
import type { PlanItem } from '../plan/schema.js';
import { findClaims, type ClaimEntry, type ClaimHit } from './claim-index.js';
import { commandsIn, hintsOf, type CommandHint, type NamedTarget } from './commands.js';
import { namedHosts, registrableDomain } from './hosts.js';
import type { RepoEvidence } from './repo-evidence.js';

/** A check the linker attaches to an item, and why. */
export interface ProposedLink {
  check: string;
  messages?: string[];
  where?: string[];
  /** One line for the reviewer: what in the item or the repository made the link. */
  why: string;
}

/** A related check the linker did not attach: shown to the reviewer as a comment, never measured. */
export interface Candidate {
  check: string;
  why: string;
}

export interface LinkProposal {
  item: string;
  links: ProposedLink[];
  candidates: Candidate[];
  /** Live targets the links need that the plan does not name yet. */
  targets: NamedTarget[];
}

/** What the linker knows beyond one item: the catalog's claims, the repository, the live targets around. */
export interface LinkContext {
  claims: readonly ClaimEntry[];
  catalog: ReadonlyMap<string, AnyCheck>;
  repo: RepoEvidence;
  /** Live targets the plan already names. */
  planned: { sites: readonly string[]; domains: readonly string[]; services: readonly string[] };
  /** Registrable domains the document names as the team's own (see ownDomains). */
  ownDomains: readonly string[];
}

const LIVE_KINDS: Record<string, 'site' | 'domain' | 'service'> = { site: 'site', 'tls-endpoint': 'site', domain: 'domain', service: 'service' };

/** The links one item's text supports: claims named in its title or Verify lines, backed by a target to measure. */
export function proposeLinks(item: PlanItem, context: LinkContext): LinkProposal {
  const text = itemText(item);
  const proposal: LinkProposal = { item: item.id, links: [], candidates: [], targets: [] };
  const links = new Map<string, ProposedLink>();
  const candidates = new Map<string, Candidate>();
  const hosts = namedHosts(`${item.title}\n${text}`);

  for (const hint of commandsIn(text).flatMap(hintsOf)) addHint(hint, context, links, proposal);

  const byCheck = new Map<string, ClaimHit[]>();
  for (const hit of findClaims(context.claims, item.title, text)) {
    const hits = byCheck.get(hit.entry.check.id);
    if (hits) hits.push(hit);
    else byCheck.set(hit.entry.check.id, [hit]);
  }
  for (const [checkId, hits] of byCheck) {
    const check = hits[0]!.entry.check;
    const inTitle = hits.filter((hit) => hit.place === 'title');
    if (inTitle.length === 0) {
      if (!links.has(checkId)) candidates.set(checkId, { check: checkId, why: `"${hits[0]!.name}" in the notes, not in the title (${hits[0]!.entry.about})` });
      continue;
    }
    const why = `"${inTitle[0]!.name}" in the title (${inTitle[0]!.entry.about})`;
    const messages = mergeMessages(inTitle.map((hit) => hit.entry));
    const live = LIVE_KINDS[check.target];
    if (live) {
      const target = liveTarget(live, hosts, context);
      if (target === 'ambiguous' || target === undefined) {
        if (!links.has(checkId)) candidates.set(checkId, { check: checkId, why: `${why}, but no ${live} to measure it on${target === 'ambiguous' ? ' (the tracker names several: add the one it means under targets)' : ' (name one under targets)'}` });
        continue;
      }
      if (target !== 'planned') addTarget(proposal, target);
      mergeLink(links, { check: checkId, ...(messages ? { messages } : {}), why });
      continue;
    }
    if (!context.repo.hasTargets(checkId)) {
      candidates.set(checkId, { check: checkId, why: `${why}, but nothing in this repository for it to read` });
      continue;
    }
    const where = context.repo.namedTargets(checkId, `${item.title}\n${text}`);
    mergeLink(links, { check: checkId, ...(messages ? { messages } : {}), ...(where ? { where } : {}), why });
  }
  for (const checkId of links.keys()) candidates.delete(checkId);
  proposal.links = [...links.values()];
  proposal.candidates = [...candidates.values()];
  return proposal;
}

/** Everything an item says besides its title: notes, the decision's reason, references. */
export function itemText(item: PlanItem): string {
  return [item.notes, item.decision?.reason, ...item.refs, ...item.tags].filter((part): part is string => Boolean(part)).join('\n');
}

function addHint(hint: CommandHint, context: LinkContext, links: Map<string, ProposedLink>, proposal: LinkProposal): void {
  if (!context.catalog.has(hint.check)) return;
  if (hint.target) addTarget(proposal, hint.target);
  mergeLink(links, { check: hint.check, ...(hint.messages ? { messages: [...hint.messages] } : {}), why: `Verify line: ${hint.command}` });
}

/** Messages of several claims of one check: undefined when one of them judges every message. */
function mergeMessages(entries: readonly ClaimEntry[]): string[] | undefined {
  if (entries.some((entry) => entry.messages === undefined)) return undefined;
  return [...new Set(entries.flatMap((entry) => entry.messages ?? []))];
}

/** One link per check: a second reason adds its messages (unscoped wins) and its why. */
function mergeLink(links: Map<string, ProposedLink>, link: ProposedLink): void {
  const existing = links.get(link.check);
  if (!existing) {
    links.set(link.check, link);
    return;
  }
  const merged: ProposedLink = { check: link.check, why: `${existing.why}; ${link.why}` };
  if (existing.messages && link.messages) merged.messages = [...new Set([...existing.messages, ...link.messages])];
  const where = existing.where ?? link.where;
  if (where) merged.where = where;
  links.set(link.check, merged);
}

function addTarget(proposal: LinkProposal, target: NamedTarget): void {
  const key = JSON.stringify(target);
  if (!proposal.targets.some((known) => JSON.stringify(known) === key)) proposal.targets.push(target);
}

/**
 * What a live check of the item runs on: a target the item names, else the plan's own
 * (`planned`), else — for a domain — the one domain the document names as the team's.
 */
function liveTarget(kind: 'site' | 'domain' | 'service', hosts: ReturnType<typeof namedHosts>, context: LinkContext): NamedTarget | 'planned' | 'ambiguous' | undefined {
  if (kind === 'domain') {
    const own = hosts.domains.filter((domain) => !isPlatform(domain));
    if (own.length === 1) return { kind: 'domain', name: own[0]! };
    if (own.length > 1) return 'ambiguous';
    if (context.planned.domains.length > 0) return 'planned';
    if (context.ownDomains.length === 1) return { kind: 'domain', name: context.ownDomains[0]! };
    return context.ownDomains.length > 1 ? 'ambiguous' : undefined;
  }
  if (kind === 'site') {
    const sites = hosts.sites.filter((site) => !isPlatform(registrableDomain(new URL(site).hostname) ?? ''));
    if (sites.length === 1) return { kind: 'site', url: sites[0]! };
    if (sites.length > 1) return 'ambiguous';
    return context.planned.sites.length > 0 ? 'planned' : undefined;
  }
  return context.planned.services.length > 0 ? 'planned' : undefined;
}

/**
 * Domains of the platforms trackers link to for reference (code hosts, clouds, standards
 * bodies, documentation): never the team's own target.
 */
const PLATFORMS = new Set([
  'github.com', 'github.io', 'githubusercontent.com', 'gitlab.com', 'bitbucket.org', 'google.com', 'googleapis.com', 'cloudflare.com',
  'amazonaws.com', 'amazon.com', 'aws.amazon.com', 'microsoft.com', 'azure.com', 'mozilla.org', 'owasp.org', 'npmjs.com', 'docker.com',
  'docker.io', 'ghcr.io', 'quay.io', 'letsencrypt.org', 'wikipedia.org', 'stackoverflow.com', 'medium.com', 'ietf.org', 'rfc-editor.org',
  'kubernetes.io', 'k3s.io', 'rancher.com', 'hetzner.com', 'hetzner.cloud', 'digitalocean.com', 'vercel.com', 'vercel.app', 'netlify.app',
  'slack.com', 'discord.com', 'pagerduty.com', 'sentry.io', 'grafana.com', 'prometheus.io', 'hashicorp.com', 'vaultproject.io',
  'stripe.com', 'twilio.com', 'sendgrid.com', 'apple.com', 'hstspreload.org', 'securityheaders.com', 'ssllabs.com', 'nist.gov', 'cisecurity.org',
]);

function isPlatform(domain: string): boolean {
  return PLATFORMS.has(domain);
}

/** The registrable domains a document names for its own hosts: named by at least two items, not a platform. */
export function ownDomains(texts: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) for (const domain of namedHosts(text).domains) if (!isPlatform(domain)) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  return [...counts].filter(([, count]) => count >= 2).map(([domain]) => domain).sort();
}
