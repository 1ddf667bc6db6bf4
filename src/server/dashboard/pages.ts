import { INCIDENT_PHASES, type IncidentUpdate } from '../../monitor/model.js';
import type { SloStatus } from '../../monitor/slo.js';
import type { VerifyRunRecord } from '../../monitor/store.js';
import { isoMinute, milliseconds, percent, span } from '../../status/format.js';
import { html, type Html } from '../../status/html-escape.js';
import { liveRegion, PHASE_LABELS, stateLabel, STYLESHEET_PATH } from '../../status/page.js';
import type { IncidentView } from '../../status/snapshot.js';
import { ROLE_RANK, type Principal } from '../auth/session.js';
import { LIVE_SCRIPT_PATH } from '../live-script.js';
import { DASHBOARD_ASSETS } from './assets.js';
import { CSRF_FIELD } from './csrf.js';
import type { FiringTrigger, MonitorPage, OutboxView } from './data.js';
import { MAX_MESSAGE_CHARS } from './incident-update.js';
import { currentRegressions, isFixed, itemsByStage, progressPoints } from './progress.js';

export const DASHBOARD_SECTIONS = [
  { path: '/dashboard', title: 'Monitors' },
  { path: '/dashboard/incidents', title: 'Incidents' },
  { path: '/dashboard/outbox', title: 'Alert outbox' },
  { path: '/dashboard/plan', title: 'Plan register' },
] as const;

/** Who a page is for, and how often its live regions refresh (the server's snapshot age, in seconds). */
export type Viewer = Principal & { liveSeconds?: number };

const canOperate = (principal: Principal) => ROLE_RANK[principal.role] >= ROLE_RANK.operator;

const time = (at: number) => html`<time datetime="${new Date(at).toISOString()}">${isoMinute(at)}</time>`;
const segment = (text: string) => encodeURIComponent(text);

/**
 * The frame every dashboard page shares: skip link, navigation, who is signed in and a sign-out form; the chart
 * scripts only where a chart is drawn, the live script where a region is live.
 */
function layout(principal: Viewer, path: string, title: string, body: Html, scripts: { charts?: boolean; live?: boolean }, notice?: string): string {
  const refresh = principal.liveSeconds ?? 15;
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · harden dashboard</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<link rel="stylesheet" href="${DASHBOARD_ASSETS.css}">
${scripts.charts ? html`<link rel="stylesheet" href="${DASHBOARD_ASSETS.uplotCss}">
<script src="${DASHBOARD_ASSETS.uplotJs}" defer></script>
<script src="${DASHBOARD_ASSETS.js}" defer></script>` : ''}
${scripts.live ? html`<script src="${LIVE_SCRIPT_PATH}" defer></script>` : ''}
</head>
<body class="dashboard">
<a class="skip" href="#main">Skip to content</a>
<header>
<nav aria-label="Dashboard"><ul class="sections">${DASHBOARD_SECTIONS.map((section) => html`<li><a href="${section.path}"${section.path === path ? html` aria-current="page"` : ''}>${section.title}</a></li>`)}</ul></nav>
<p class="who">Signed in as ${principal.user} (${principal.role})</p>
${principal.via === 'session' ? html`<form method="post" action="/logout" class="sign-out"><input type="hidden" name="${CSRF_FIELD}" value="${principal.csrf}"><button type="submit">Sign out</button></form>` : ''}
</header>
<main id="main" tabindex="-1"${scripts.live ? html` data-refresh="${refresh}"` : ''}>
<h1>${title}</h1>
${scripts.live ? html`<p class="updated" id="live-updated">Updates every ${refresh} s while this page is open</p>` : ''}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${body}
</main>
</body>
</html>`.markup}\n`;
}

function table(caption: string, headers: readonly string[], rows: readonly Html[], empty: string): Html {
  if (rows.length === 0) return html`<p>${empty}</p>`;
  return html`<table><caption>${caption}</caption><thead><tr>${headers.map((header) => html`<th scope="col">${header}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** Links to the pages of the monitor list next to this one. */
function pager({ page, pages }: MonitorPage): Html | '' {
  if (pages <= 1) return '';
  const link = (to: number, text: string) => html`<a href="/dashboard${to === 1 ? '' : `?page=${to}`}">${text}</a>`;
  return html`<nav class="pager" aria-label="Monitor pages">${page > 1 ? link(page - 1, 'Previous') : ''} <span>Page ${page} of ${pages}</span> ${page < pages ? link(page + 1, 'Next') : ''}</nav>`;
}

export function monitorsPage(principal: Viewer, listed: MonitorPage, slos: readonly SloStatus[], triggers: readonly FiringTrigger[]): string {
  const { rows } = listed;
  const monitorRows = rows.map(
    ({ view, day }) =>
      html`<tr><th scope="row"><a href="#chart-${view.name}">${view.name}</a></th><td>${stateLabel(view.state)}</td><td>${percent(view.uptime['24h'])}</td><td>${percent(view.uptime['7d'])}</td><td>${percent(view.uptime['30d'])}</td><td>${milliseconds(day?.p50 ?? null)}</td><td>${milliseconds(day?.p95 ?? null)}</td><td>${milliseconds(day?.p99 ?? null)}</td></tr>`,
  );
  const sloRows = slos.map(
    (slo) =>
      html`<tr><th scope="row">${slo.monitor}</th><td>${slo.objective}% over ${span(slo.window)}</td><td>${percent(slo.achieved)}</td><td>${budget(slo.budgetRemaining)}</td><td>${slo.failed} of ${Math.floor(slo.allowedFailures)} allowed</td></tr>`,
  );
  const triggerRows = triggers.map((trigger) => html`<tr><th scope="row">${trigger.name}</th><td>${time(trigger.since)}</td><td>${trigger.reason}</td></tr>`);
  const charts = rows.map(
    ({ view }) =>
      html`<figure class="chart" id="chart-${view.name}" data-series="/api/v1/dashboard/monitors/${segment(view.name)}/series" data-label="${view.name}"><figcaption>${view.name}: mean response time (ms) and uptime (%) per hour, last 7 days</figcaption></figure>`,
  );
  const body = html`<section aria-labelledby="monitors"><h2 id="monitors">Monitors</h2>
${pager(listed)}
${liveRegion('monitors', table('Monitors: state, uptime and response time quantiles over the last 24 hours', ['Monitor', 'State', 'Uptime 24 h', '7 days', '30 days', 'p50', 'p95', 'p99'], monitorRows, 'The plan has no monitors.'))}
${pager(listed)}
</section>
<section aria-labelledby="slos"><h2 id="slos">SLOs and error budgets</h2>
${liveRegion('slos', table('Each SLO over its window', ['Monitor', 'Objective', 'Achieved', 'Error budget left', 'Failed checks'], sloRows, 'The plan sets no SLOs.'))}
</section>
<section aria-labelledby="triggers"><h2 id="triggers">Triggers firing</h2>
${liveRegion('triggers', table('Triggers firing now', ['Trigger', 'Since', 'Reason'], triggerRows, 'No trigger is firing.'))}
</section>
<section aria-labelledby="charts"><h2 id="charts">Response time and uptime</h2>${charts}</section>`;
  return layout(principal, '/dashboard', 'Monitors', body, { charts: rows.length > 0, live: true });
}

function budget(remaining: number | null): Html | string {
  if (remaining === null) return 'no data';
  const left = `${Math.round(remaining * 1000) / 10}%`;
  return remaining < 0 ? html`<span class="state state-down"><span aria-hidden="true">✕</span> overspent (${left})</span>` : left;
}

export function incidentsPage(principal: Viewer, incidents: readonly IncidentView[], updates: readonly IncidentUpdate[], notice?: string): string {
  const items = incidents.map((incident) => {
    const open = incident.closedAt === null;
    const own = updates.filter((update) => update.incident === incident.key);
    const id = `i-${incident.key.replace(/[^\w-]/g, '_')}`;
    return html`<li class="incident"><article aria-labelledby="${id}">
<h2 id="${id}">${incident.monitor} ${open ? html`<span class="state state-down"><span aria-hidden="true">✕</span> Ongoing</span>` : html`<span class="state state-up"><span aria-hidden="true">✓</span> Resolved</span>`}</h2>
<p>Opened ${time(incident.openedAt)}${incident.closedAt === null ? '' : html`, resolved ${time(incident.closedAt)}`}: ${incident.reason}</p>
${own.length === 0 ? html`<p>No updates written yet.</p>` : html`<ol class="timeline">${own.map((update) => html`<li>${time(update.at)} <strong>${PHASE_LABELS[update.phase]}</strong>: ${update.message} <span class="who">(${update.author})</span></li>`)}</ol>`}
${canOperate(principal) ? updateForm(principal, incident.key, id) : ''}
</article></li>`;
  });
  const body = liveRegion('incidents', incidents.length === 0 ? html`<p>No incidents in the last 14 days.</p>` : html`<ul class="incidents">${items}</ul>`);
  return layout(principal, '/dashboard/incidents', 'Incidents', body, { live: true }, notice);
}

function updateForm(principal: Principal, key: string, id: string): Html {
  return html`<form method="post" action="/dashboard/incidents/${segment(key)}/updates" class="update-form">
<input type="hidden" name="${CSRF_FIELD}" value="${principal.csrf}">
<label for="${id}-phase">Phase</label>
<select id="${id}-phase" name="phase">${INCIDENT_PHASES.map((phase) => html`<option value="${phase}">${PHASE_LABELS[phase]}</option>`)}</select>
<label for="${id}-message">Update for the status page and the alert channels</label>
<textarea id="${id}-message" name="message" rows="3" maxlength="${MAX_MESSAGE_CHARS}" required></textarea>
<button type="submit">Post update</button>
</form>`;
}

export function outboxPage(principal: Viewer, outbox: OutboxView, now: number, notice?: string): string {
  const channelRows = outbox.channels.map(
    (channel) =>
      html`<tr><th scope="row">${channel.channel}</th><td>${channel.pending}</td><td>${channel.failing > 0 ? html`<span class="state state-down"><span aria-hidden="true">✕</span> ${channel.failing}</span>` : '0'}</td><td>${channel.delivered}</td><td>${channel.lastError ?? 'none'}${channel.lastErrorAt === null ? '' : html` (${time(channel.lastErrorAt)})`}</td></tr>`,
  );
  const pendingRows = outbox.pending.map((entry) => {
    const failing = entry.attempts > 0;
    return html`<tr><th scope="row">${entry.id}</th><td>${entry.channel}</td><td>${entry.event.title}</td><td>${time(entry.createdAt)}</td><td>${failing ? html`<span class="state state-down"><span aria-hidden="true">✕</span> Failing</span>` : html`<span class="state state-unknown"><span aria-hidden="true">…</span> Pending</span>`}</td><td>${entry.attempts}</td><td>${entry.lastError ?? ''}</td><td>${entry.nextAttemptAt <= now ? 'due now' : time(entry.nextAttemptAt)}</td><td>${
      canOperate(principal)
        ? html`<form method="post" action="/dashboard/outbox/${entry.id}/retry"><input type="hidden" name="${CSRF_FIELD}" value="${principal.csrf}"><button type="submit" aria-label="Retry alert ${entry.id} now">Retry</button></form>`
        : ''
    }</td></tr>`;
  });
  const body = html`<section aria-labelledby="channels"><h2 id="channels">Channels</h2>
${liveRegion('channels', table('Deliveries per channel', ['Channel', 'Pending', 'Failing', 'Delivered', 'Last error'], channelRows, 'No alert has been queued yet.'))}
</section>
<section aria-labelledby="pending"><h2 id="pending">Undelivered alerts</h2>
${liveRegion('pending', table('Pending and failing deliveries, oldest first', ['Id', 'Channel', 'Alert', 'Queued', 'State', 'Attempts', 'Last error', 'Next attempt', 'Action'], pendingRows, 'Every alert has been delivered.'))}
</section>`;
  return layout(principal, '/dashboard/outbox', 'Alert outbox', body, { live: true }, notice);
}

export function planPage(principal: Viewer, runs: readonly VerifyRunRecord[]): string {
  const latest = runs.at(-1);
  if (!latest) {
    const body = html`<p>No verify run recorded yet: run <code>harden verify --record</code>, or set <code>verify: { every: 6h }</code> in the plan for <code>harden serve</code> to run it.</p>`;
    return layout(principal, '/dashboard/plan', 'Plan register', body, {});
  }
  const point = progressPoints([latest])[0]!;
  const regressions = currentRegressions(runs);
  const groups = itemsByStage(latest).map(
    (group) => html`<section aria-labelledby="stage-${group.stage ?? 'none'}"><h3 id="stage-${group.stage ?? 'none'}">${group.stage === null ? 'No stage' : `Stage ${group.stage}`}</h3>
${table(`Items${group.stage === null ? ' without a stage' : ` of stage ${group.stage}`}, latest verdicts`, ['Item', 'Title', 'Claimed', 'Verdict'], group.items.map((item) => html`<tr><th scope="row">${item.id}</th><td>${item.title}</td><td>${item.claimed}</td><td>${verdictLabel(item.verdict, isFixed(item))}</td></tr>`), 'No items.')}
</section>`,
  );
  const body = html`<p class="progress" role="status"><strong>${point.fixed} of ${point.total} fixed</strong> (claimed done and verified) at the latest run, ${time(latest.at)}; ${point.regressions} ${point.regressions === 1 ? 'regression' : 'regressions'}.</p>
<section aria-labelledby="progress"><h2 id="progress">Progress over time</h2>
<figure class="chart" data-progress="/api/v1/dashboard/verify-runs"><figcaption>Items fixed, of all items, and regressions, at each recorded verify run (${runs.length} runs)</figcaption></figure>
${table('When each current regression appeared', ['Item', 'Title', 'Regression since'], regressions.map((item) => html`<tr><th scope="row">${item.id}</th><td>${item.title}</td><td>${time(item.since)}</td></tr>`), 'No regression at the latest run.')}
</section>
<section aria-labelledby="register"><h2 id="register">Items by stage</h2>${groups}</section>`;
  return layout(principal, '/dashboard/plan', 'Plan register', body, { charts: true });
}

function verdictLabel(verdict: string, fixed: boolean): Html {
  if (verdict === 'regression') return html`<span class="state state-down"><span aria-hidden="true">✕</span> regression</span>`;
  if (fixed || verdict === 'verified') return html`<span class="state state-up"><span aria-hidden="true">✓</span> ${verdict}</span>`;
  return html`<span class="verdict">${verdict}</span>`;
}
