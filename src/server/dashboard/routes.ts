import type { IncomingMessage } from 'node:http';
import type { Store } from '../../monitor/store.js';
import type { StatusPlan } from '../../status/schema.js';
import type { StatusSnapshot } from '../../status/snapshot.js';
import { ROLE_RANK, type Authenticate, type Principal } from '../auth/session.js';
import { SCRIPTED_PAGE_CSP } from '../headers.js';
import { json, TYPES, type Reply } from '../responses.js';
import { dashboardApi } from './api.js';
import { csrfProblem } from './csrf.js';
import { type DashboardContext, incidentUpdates, monitorRows, outboxView, firingTriggers, sloRows, verifyHistory } from './data.js';
import { parseUpdate, updateAlerts } from './incident-update.js';
import { incidentsPage, monitorsPage, outboxPage, planPage, type Viewer } from './pages.js';
import { BodyError, readFields } from './request-body.js';

/** The dashboard's pages load their own script and post their own forms; nothing else changes from the public CSP. */

export interface DashboardOptions {
  store: Store;
  /** Who sends the request; undefined (or no function at all): nobody, and every dashboard route refuses. */
  authenticate: Authenticate | undefined;
  now: () => number;
  /** How often the dashboard's live regions refresh, in seconds: the age of the server's snapshot. */
  liveSeconds?: number;
}

/** Fixed notices a form's redirect may name: the query never carries text to show. */
const NOTICES: Record<string, string> = {
  posted: 'Update posted: it is on the status page and queued for the alert channels.',
  retried: 'The alert is due now: the daemon sends it on its next round.',
  gone: 'That alert was delivered meanwhile, or no longer exists.',
  invalid: 'The update was not posted: choose a phase and write a message (at most 2000 characters).',
  'no-incident': 'No such incident.',
};

const isApi = (path: string) => path.startsWith('/api/v1/');

/** The routes behind sign-in: /dashboard… pages, the dashboard's API, and posting incident updates. */
export function isDashboardPath(path: string): boolean {
  return path === '/dashboard' || path.startsWith('/dashboard/') || path.startsWith('/api/v1/dashboard/') || /^\/api\/v1\/incidents\/[^/]+\/updates$/.test(path);
}

const page = (body: string): Reply => ({ status: 200, type: TYPES.html, body, maxAge: 0, headers: { 'content-security-policy': SCRIPTED_PAGE_CSP } });
const seeOther = (location: string): Reply => ({ status: 303, type: TYPES.text, body: `see ${location}\n`, maxAge: 0, headers: { location } });
const problem = (status: number, message: string): Reply => json({ error: message }, 0, status);

function segment(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** One dashboard request: who it is, what they may do, then the page, the JSON or the state change. */
export async function dashboardRoute(
  request: IncomingMessage,
  url: URL,
  options: DashboardOptions,
  state: () => Promise<{ plan: StatusPlan; snapshot: StatusSnapshot }>,
): Promise<Reply> {
  const path = url.pathname;
  const principal = options.authenticate ? await options.authenticate(request) : undefined;
  if (!principal) {
    if (isApi(path)) return { ...problem(401, 'sign in or send Authorization: Bearer <token>'), headers: { 'www-authenticate': 'Bearer realm="harden"' } };
    return seeOther(`/login?next=${encodeURIComponent(path)}`);
  }
  const method = request.method ?? 'GET';
  const { plan, snapshot } = await state();
  const context: DashboardContext = { store: options.store, plan, snapshot, now: options.now() };
  if (method === 'GET' || method === 'HEAD') {
    if (isApi(path)) return (await dashboardApi(path.slice('/api/v1/dashboard'.length), url.searchParams, context)) ?? problem(404, `no such endpoint: ${path}`);
    const viewer = options.liveSeconds === undefined ? principal : { ...principal, liveSeconds: options.liveSeconds };
    return (await dashboardPage(path, url.searchParams, viewer, context)) ?? { status: 404, type: TYPES.text, body: 'not found\n', maxAge: 0 };
  }
  if (method !== 'POST') return { ...problem(405, 'GET, HEAD or POST'), headers: { allow: 'GET, HEAD, POST' } };
  return post(request, path, principal, context);
}

async function dashboardPage(path: string, query: URLSearchParams, principal: Viewer, context: DashboardContext): Promise<Reply | undefined> {
  const notice = NOTICES[query.get('notice') ?? ''];
  if (path === '/dashboard') {
    const [listed, slos, triggers] = await Promise.all([monitorRows(context, Number(query.get('page') ?? 1)), sloRows(context), firingTriggers(context)]);
    return listed && page(monitorsPage(principal, listed, slos, triggers));
  }
  if (path === '/dashboard/incidents') return page(incidentsPage(principal, context.snapshot.incidents, await incidentUpdates(context), notice));
  if (path === '/dashboard/outbox') return page(outboxPage(principal, await outboxView(context), context.now, notice));
  if (path === '/dashboard/plan') return page(planPage(principal, await verifyHistory(context)));
  return undefined;
}

/** State changes: operators only, a session's with its CSRF token; forms are answered with a redirect, JSON with JSON. */
async function post(request: IncomingMessage, path: string, principal: Principal, context: DashboardContext): Promise<Reply> {
  const api = isApi(path);
  if (principal.via === 'token') return problem(403, 'API tokens are read-only: an operator posts this signed in (the dashboard, or its session with the X-CSRF-Token header)');
  if (ROLE_RANK[principal.role] < ROLE_RANK.operator) return problem(403, 'an operator may change this; you are a viewer');
  let fields: Map<string, string>;
  try {
    fields = await readFields(request);
  } catch (error) {
    if (error instanceof BodyError) return problem(error.status, error.message);
    throw error;
  }
  const refused = csrfProblem(request, principal, fields);
  if (refused) return problem(403, refused);

  const retry = /^(?:\/api\/v1)?\/dashboard\/outbox\/(\d{1,15})\/retry$/.exec(path);
  if (retry) {
    const done = await context.store.retryAlert(Number(retry[1]), context.now);
    if (api) return done ? json({ id: Number(retry[1]), due: new Date(context.now).toISOString() }, 0) : problem(404, `no undelivered alert ${retry[1]}`);
    return seeOther(`/dashboard/outbox?notice=${done ? 'retried' : 'gone'}`);
  }
  const update = /^(?:\/api\/v1|\/dashboard)\/incidents\/([^/]+)\/updates$/.exec(path);
  const key = update ? segment(update[1]!) : undefined;
  if (key !== undefined) {
    const parsed = parseUpdate(fields);
    if ('problem' in parsed) return api ? problem(400, parsed.problem) : seeOther('/dashboard/incidents?notice=invalid');
    // An incident's key is `${monitor}@${openedAt}`: a monitor of the plan (never a trigger's), and the store says whether it exists.
    const monitor = key.slice(0, Math.max(0, key.lastIndexOf('@')));
    const view = context.snapshot.monitors.get(monitor);
    const written = { incident: key, at: context.now, phase: parsed.phase, message: parsed.message, author: principal.user };
    const stored = view !== undefined && (await context.store.addIncidentUpdate(written, updateAlerts(context.plan, written, monitor, view.target)));
    if (api) return stored ? json({ incident: key, at: new Date(written.at).toISOString(), phase: written.phase, message: written.message, author: written.author }, 0, 201) : problem(404, `no incident "${key}"`);
    return seeOther(`/dashboard/incidents?notice=${stored ? 'posted' : 'no-incident'}`);
  }
  return problem(404, `nothing to post to at ${path}`);
}
