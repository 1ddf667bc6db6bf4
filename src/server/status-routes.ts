import { incidentJson, monitorJson, statusPageJson } from '../status/api.js';
import { badge, responseColour, uptimeColour, type Colour } from '../status/badge.js';
import { milliseconds, percent } from '../status/format.js';
import { openApiDocument } from '../status/openapi.js';
import { renderMissingPage, renderStatusPage, STYLESHEET_PATH, type PageInput } from '../status/page.js';
import type { StatusPlan } from '../status/schema.js';
import type { MonitorState, MonitorView, StatusSnapshot } from '../status/snapshot.js';
import { STATUS_CSS } from '../status/stylesheet.js';
import { withDashboardApi } from './dashboard/openapi.js';
import { SCRIPTED_PAGE_CSP } from './headers.js';
import { LIVE_REFRESH_JS, LIVE_SCRIPT_PATH } from './live-script.js';
import { json, text, TYPES, type Reply } from './responses.js';

/** Monitors per page of /status. */
export const PAGE_SIZE = 100;

const STATE_BADGE: Record<MonitorState, { value: string; colour: Colour }> = {
  up: { value: 'up', colour: 'brightgreen' },
  down: { value: 'down', colour: 'red' },
  maintenance: { value: 'maintenance', colour: 'blue' },
  stale: { value: 'not checked', colour: 'grey' },
  unknown: { value: 'unknown', colour: 'grey' },
};

export interface RouteContext {
  plan: StatusPlan;
  snapshot: StatusSnapshot;
  /** Seconds a public reply may be cached. */
  maxAge: number;
}

const RANK: Record<MonitorState, number> = { down: 0, stale: 1, maintenance: 2, unknown: 3, up: 4 };
/** localeCompare's order, without building a collator per comparison. */
const byName = new Intl.Collator().compare;
const orderedOf = new WeakMap<StatusSnapshot, MonitorView[]>();

/** The monitors /status, the public API and badges show: all but those the plan keeps off them. */
const publicMonitors = (snapshot: StatusSnapshot): MonitorView[] => [...snapshot.monitors.values()].filter((monitor) => monitor.public);

function publicMonitor(snapshot: StatusSnapshot, name: string | undefined): MonitorView | undefined {
  const monitor = name === undefined ? undefined : snapshot.monitors.get(name);
  return monitor?.public ? monitor : undefined;
}

/** Down monitors first, then by name: what a reader looks for. Sorted once per snapshot, not per page. */
function ordered(snapshot: StatusSnapshot): MonitorView[] {
  let all = orderedOf.get(snapshot);
  if (!all) orderedOf.set(snapshot, (all = publicMonitors(snapshot).sort((a, b) => RANK[a.state] - RANK[b.state] || byName(a.name, b.name))));
  return all;
}

/**
 * One page (`?page=N`, PAGE_SIZE monitors) of a status page, refreshing itself as often as its snapshot
 * does with the live script the CSP lets in; a page out of range is a 404 naming the range.
 */
function pagedStatusPage(input: Omit<PageInput, 'live' | 'monitors' | 'scope' | 'page' | 'pages'>, all: readonly MonitorView[], query: URLSearchParams, maxAge: number): Reply {
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Number(query.get('page') ?? 1);
  if (!Number.isInteger(page) || page < 1 || page > pages) return text(404, `no page ${query.get('page')} (pages 1 to ${pages})`);
  const monitors = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const body = renderStatusPage({ ...input, monitors, scope: all, page, pages, live: { script: LIVE_SCRIPT_PATH, seconds: Math.max(1, maxAge) } });
  return { status: 200, type: TYPES.html, body, maxAge, headers: { 'content-security-policy': SCRIPTED_PAGE_CSP } };
}

function segment(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The public routes: pages, the stylesheet, badges and the read-only API. undefined: no such path. */
export function statusRoute(path: string, query: URLSearchParams, context: RouteContext): Reply | undefined {
  const { plan, snapshot, maxAge } = context;
  if (path === STYLESHEET_PATH) return { status: 200, type: TYPES.css, body: STATUS_CSS, maxAge: 3600 };
  if (path === LIVE_SCRIPT_PATH) return { status: 200, type: TYPES.js, body: LIVE_REFRESH_JS, maxAge: 3600 };
  if (path === '/' ) return { status: 302, type: TYPES.text, body: 'see /status\n', maxAge, headers: { location: '/status' } };
  // A trailing slash is a common typo of a page's address: sent to the page rather than to a 404.
  if (/^\/status(\/[a-z0-9-]+)?\/$/.test(path)) {
    const location = `${path.slice(0, -1)}${query.size > 0 ? `?${query}` : ''}`;
    return { status: 308, type: TYPES.text, body: `see ${location}\n`, maxAge, headers: { location } };
  }
  if (path === '/status') {
    const title = plan.project ? `${plan.project} status` : 'Status';
    return pagedStatusPage({ title, snapshot, showUrls: false, path }, ordered(snapshot), query, maxAge);
  }
  const named = /^\/status\/([a-z0-9-]+)$/.exec(path);
  if (named) {
    const page = plan.statusPages.find((p) => p.slug === named[1]);
    if (!page) return { status: 404, type: TYPES.html, body: renderMissingPage(path, plan.statusPages), maxAge };
    const monitors = page.monitors.flatMap((name) => snapshot.monitors.get(name) ?? []);
    return pagedStatusPage({ title: page.title, description: page.description, snapshot, showUrls: page.showUrls, path }, monitors, query, maxAge);
  }
  const badgePath = /^\/badge\/([^/]+)\/(status|uptime-24h|uptime-7d|uptime-30d|response)\.svg$/.exec(path);
  if (badgePath) {
    const name = segment(badgePath[1]!);
    const monitor = publicMonitor(snapshot, name);
    // A README embeds the badge as an image: a missing monitor says so in one, not as a broken image.
    // Never the name from the address: the server's own badge must not say what anyone writes into a URL.
    if (!monitor) return { status: 404, type: TYPES.svg, body: badge('harden', 'no such monitor', 'grey'), maxAge, crossOrigin: true };
    return { status: 200, type: TYPES.svg, body: badgeOf(monitor, badgePath[2]!), maxAge, crossOrigin: true };
  }
  if (path.startsWith('/api/v1/')) return apiRoute(path.slice('/api/v1'.length), context);
  return undefined;
}

function badgeOf(monitor: MonitorView, kind: string): string {
  if (kind === 'status') {
    const { value, colour } = STATE_BADGE[monitor.state];
    return badge(monitor.name, value, colour);
  }
  if (kind === 'response') return badge('response', milliseconds(monitor.responseMs), responseColour(monitor.responseMs));
  const window = kind.slice('uptime-'.length) as '24h' | '7d' | '30d';
  return badge(`uptime ${window}`, percent(monitor.uptime[window]), uptimeColour(monitor.uptime[window]));
}

function apiRoute(path: string, { plan, snapshot, maxAge }: RouteContext): Reply | undefined {
  const at = new Date(snapshot.at).toISOString();
  if (path === '/openapi.json') return json(withDashboardApi(openApiDocument()), 3600);
  if (path === '/monitors') return json({ at, monitors: publicMonitors(snapshot).map((monitor) => monitorJson(monitor)) }, maxAge);
  const monitorPath = /^\/monitors\/([^/]+)(\/days)?$/.exec(path);
  if (monitorPath) {
    const name = segment(monitorPath[1]!);
    const monitor = publicMonitor(snapshot, name);
    if (!monitor) return json({ error: `no monitor "${name ?? monitorPath[1]}"` }, 0, 404);
    return json(monitorPath[2] ? { monitor: monitor.name, days: monitor.days } : monitorJson(monitor), maxAge);
  }
  if (path === '/incidents') {
    const incidents = snapshot.incidents.filter((incident) => snapshot.monitors.get(incident.monitor)?.public);
    return json({ at, incidents: incidents.map((incident) => incidentJson(incident, false)) }, maxAge);
  }
  if (path === '/status-pages') return json({ pages: plan.statusPages.map((page) => ({ slug: page.slug, title: page.title, path: `/status/${page.slug}` })) }, maxAge);
  const pagePath = /^\/status-pages\/([a-z0-9-]+)$/.exec(path);
  if (pagePath) {
    const page = plan.statusPages.find((p) => p.slug === pagePath[1]);
    if (!page) return json({ error: `no status page "${pagePath[1]}"` }, 0, 404);
    return json(statusPageJson(page, snapshot), maxAge);
  }
  return json({ error: `no such endpoint: /api/v1${path}` }, 0, 404);
}
