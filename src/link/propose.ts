import type { AnyCheck } from '../checks/define.js';
import type { PlanItem } from '../plan/schema.js';
import { findClaims, type ClaimEntry, type ClaimHit } from './claim-index.js';
import { commandsIn, hintsOf, type CommandHint, type NamedTarget } from './commands.js';
import { namedHosts, registrableDomain } from './hosts.js';
import { familiesNamed, familyOf } from './families.js';
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
  planned: { sites: readonly string[]; domains: readonly string[]; services: readonly string[]; hosts: readonly string[]; backups: readonly string[]; secrets: readonly string[]; monitors: readonly string[] };
  /** Registrable domains the document names as the team's own (see ownDomains). */
  ownDomains: readonly string[];
  /** Sites on those domains the document names (`https://api.example.org`). */
  ownSites: readonly string[];
  /** Stage titles by id: "Kubernetes manifests" says which files an item is about. */
  stageTitles: ReadonlyMap<string, string>;
}

const LIVE_KINDS: Record<string, 'site' | 'domain' | 'service'> = { site: 'site', 'tls-endpoint': 'site', domain: 'domain', service: 'service' };

/**
 * Target kinds only the plan can name, never the linker nor the repository (an SSH login and its
 * host key, a bucket and its credentials): a claim on one is linked once the plan has some, else
 * left as a candidate saying what to add.
 */
const PLAN_NAMED: Record<string, { planned: 'hosts' | 'backups' | 'secrets' | 'monitors'; missing: string }> = {
  host: { planned: 'hosts', missing: 'the plan names no host: add it under targets.hosts (an SSH login and its host key), then link again' },
  'backup-set': { planned: 'backups', missing: 'the plan names no backup set (backups:)' },
  'secret-record': { planned: 'secrets', missing: 'the plan records no secrets: add the secret under secrets: (where it lives, never its value; rotated: YYYY-MM-DD)' },
  monitor: { planned: 'monitors', missing: 'the plan has no monitors: add one under monitors: with an alert channel (harden monitor records its samples)' },
};

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
  const abouts = new Map<string, string[]>();
  for (const [checkId, hits] of byCheck) {
    const check = hits[0]!.entry.check;
    const inTitle = hits.filter((hit) => hit.place === 'title' && !claimsOpposite(item, hit));
    if (inTitle.length === 0) {
      if (!links.has(checkId)) candidates.set(checkId, { check: checkId, why: `"${hits[0]!.name}" in the notes, not in the title (${hits[0]!.entry.about})` });
      continue;
    }
    const why = `"${inTitle[0]!.name}" in the title (${inTitle[0]!.entry.about})`;
    const messages = mergeMessages(inTitle.map((hit) => hit.entry));
    abouts.set(checkId, inTitle.map((hit) => hit.entry.about));
    const live = LIVE_KINDS[check.target];
    if (live) {
      const targets = liveTargets(live, hosts, context, item.status === 'done');
      if (!Array.isArray(targets)) {
        if (!links.has(checkId)) candidates.set(checkId, { check: checkId, why: `${why}, but ${targets}` });
        continue;
      }
      for (const target of targets) addTarget(proposal, target);
      mergeLink(links, { check: checkId, ...(messages ? { messages } : {}), why });
      continue;
    }
    const planNamed = PLAN_NAMED[check.target];
    if (planNamed) {
      if (context.planned[planNamed.planned].length > 0) mergeLink(links, { check: checkId, ...(messages ? { messages } : {}), why });
      else if (!links.has(checkId)) candidates.set(checkId, { check: checkId, why: `${why}, but ${planNamed.missing}` });
      continue;
    }
    if (!context.repo.hasTargets(checkId)) {
      // A check with nothing to read here is no link, and no candidate worth a reviewer's time.
      continue;
    }
    const where = context.repo.namedTargets(checkId, `${item.title}\n${text}`);
    mergeLink(links, { check: checkId, ...(messages ? { messages } : {}), ...(where ? { where } : {}), why });
  }
  narrowToNamedObjects(links, candidates, context);
  narrowToNamedFamily(links, candidates, abouts, context, `${item.title}\n${text}\n${item.stage ? (context.stageTitles.get(item.stage) ?? item.stage) : ''}`);
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
  if (!proposal.targets.some((known) => targetKey(known) === targetKey(target))) proposal.targets.push(target);
}

/** A target's identity, whatever the reason it was named for. */
export function targetKey({ from: _from, ...target }: NamedTarget): string {
  return JSON.stringify(target);
}

/**
 * What a live check of the item runs on: the target the item names, else the plan's own
 * (none to add), else the team's own domain or sites the document names. A target the item
 * does not name is taken only for a claim still open: a claim made done must be measured
 * where it was made, or it turns into a false regression.
 */
function liveTargets(kind: 'site' | 'domain' | 'service', hosts: ReturnType<typeof namedHosts>, context: LinkContext, done: boolean): NamedTarget[] | string {
  if (kind === 'domain') {
    const own = hosts.domains.filter((domain) => !isPlatform(domain));
    if (own.length > 0) return own.map((name) => ({ kind: 'domain', name }));
    if (context.planned.domains.length > 0) return [];
    if (context.ownDomains.length === 1) return [{ kind: 'domain', name: context.ownDomains[0]!, from: 'the domain of the hosts the tracker names' }];
    return context.ownDomains.length > 1 ? 'the tracker names several domains: add the one it means under targets.domains' : 'no domain named: add one under targets.domains';
  }
  if (kind === 'site') {
    const named = [...hosts.sites, ...hosts.hosts.filter((host) => !hosts.sites.some((site) => new URL(site).hostname === host)).map((host) => `https://${host}`)];
    const sites = named.filter((site) => !isPlatform(registrableDomain(new URL(site).hostname) ?? ''));
    if (sites.length > 0) return sites.map((url) => ({ kind: 'site', url }));
    if (context.planned.sites.length > 0) return [];
    if (context.ownSites.length === 0) return 'no site named: add one under targets.sites';
    if (done) return `the item names no site, and it is done: add the one it was fixed on under targets.sites (the tracker names ${context.ownSites.slice(0, 3).join(', ')})`;
    return context.ownSites.map((url) => ({ kind: 'site', url, from: 'a site the tracker names' }));
  }
  return context.planned.services.length > 0 ? [] : 'no host:port named: add the service under targets.services';
}

/** Words that take a risk away: a task "remove hostNetwork" claims the check's side, "Traefik DaemonSet + hostNetwork" the opposite. */
const REMOVAL = /\b(?:no|not|non|never|without|remov\w*|disabl\w*|drop\w*|block\w*|den(?:y|ied)|restrict\w*|avoid\w*|stop\w*|forbid\w*|prevent\w*|prohibit\w*|fix\w*|harden\w*|eliminat\w*|replac\w*|clos\w*|revok\w*|lock\w* down|get rid|pin\w*|rotat\w*|mitigat\w*|enforc\w*|requir\w*)\b/i;

/**
 * A task names what it does. When the claim's names name the risk the check forbids
 * (hostNetwork, privileged, :latest) and the task's title takes nothing away, the task sets
 * up the very thing: it claims the opposite of the check.
 */
function claimsOpposite(item: PlanItem, hit: ClaimHit): boolean {
  return item.kind === 'task' && hit.entry.risk && !REMOVAL.test(item.title);
}

/**
 * An item that names some of the repository's objects is about those: a static check that
 * reads none of them is not its link, even when the item's words fit it.
 */
function narrowToNamedObjects(links: Map<string, ProposedLink>, candidates: Map<string, Candidate>, context: LinkContext): void {
  const scoped = [...links.values()].filter((link) => link.where);
  if (scoped.length === 0) return;
  for (const link of [...links.values()]) {
    const check = context.catalog.get(link.check);
    if (link.where || !check || LIVE_KINDS[check.target] || PLAN_NAMED[check.target]) continue;
    links.delete(link.check);
    candidates.set(link.check, { check: link.check, why: `${link.why}, but the item names ${scoped[0]!.where!.join(', ')}, which it does not read` });
  }
}

/**
 * The same claim measured on several kinds of file (images pinned in Kubernetes, compose and
 * Dockerfiles): when the item or its stage names one kind, the others are not its links.
 */
function narrowToNamedFamily(links: Map<string, ProposedLink>, candidates: Map<string, Candidate>, abouts: ReadonlyMap<string, string[]>, context: LinkContext, text: string): void {
  const named = familiesNamed(text);
  if (named.size === 0) return;
  for (const link of [...links.values()]) {
    const check = context.catalog.get(link.check);
    const family = check && familyOf(check);
    if (!family || named.has(family)) continue;
    const siblings = [...links.values()].filter((other) => other !== link && (abouts.get(other.check) ?? []).some((about) => abouts.get(link.check)?.includes(about)));
    const namedSibling = siblings.find((other) => {
      const otherCheck = context.catalog.get(other.check);
      const otherFamily = otherCheck && familyOf(otherCheck);
      return otherFamily !== undefined && named.has(otherFamily);
    });
    if (!namedSibling) continue;
    links.delete(link.check);
    candidates.set(link.check, { check: link.check, why: `${link.why}, but the item is about ${[...named].join(', ')} (${namedSibling.check})` });
  }
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

/** Sites on the team's own domains the document names, as https origins. */
export function ownSites(texts: readonly string[], domains: readonly string[]): string[] {
  const own = new Set(domains);
  const sites = new Set<string>();
  for (const text of texts) {
    const named = namedHosts(text);
    for (const site of named.sites) if (own.has(registrableDomain(new URL(site).hostname) ?? '')) sites.add(new URL(site).origin);
    for (const host of named.hosts) if (own.has(registrableDomain(host) ?? '') && host !== registrableDomain(host)) sites.add(`https://${host}`);
  }
  return [...sites].sort();
}
