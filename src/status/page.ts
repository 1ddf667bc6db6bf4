import { uptimeBars, sparkline } from './charts.js';
import { isoMinute, milliseconds, percent, span } from './format.js';
import { html, type Html } from './html-escape.js';
import { publicReason } from './public-text.js';
import { maintenanceOf, type IncidentView, type MonitorState, type MonitorView, type StatusSnapshot } from './snapshot.js';
import type { AnnouncedWindow } from '../monitor/maintenance.js';
import type { IncidentPhase } from '../monitor/model.js';

export const STYLESHEET_PATH = '/assets/status.css';

export const PHASE_LABELS: Record<IncidentPhase, string> = { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' };

export interface PageInput {
  title: string;
  description?: string | undefined;
  snapshot: StatusSnapshot;
  /** This page's monitors (PAGE_SIZE of `scope` at most). */
  monitors: readonly MonitorView[];
  /** Every monitor of the status page, on all its pages: what the overall state, incidents and maintenance are about. */
  scope: readonly MonitorView[];
  showUrls: boolean;
  /** 1-based; with more than one page, links to the others. */
  page: number;
  pages: number;
  path: string;
  /** The served script that refreshes the page's regions in place, and how often (the snapshot's age). */
  live: { script: string; seconds: number };
}

/** State in words and a symbol, never by colour alone. */
const STATES: Record<MonitorState, { word: string; symbol: string }> = {
  up: { word: 'Operational', symbol: '✓' },
  down: { word: 'Down', symbol: '✕' },
  maintenance: { word: 'Maintenance', symbol: '⚙' },
  stale: { word: 'Not checked recently', symbol: '?' },
  unknown: { word: 'No data yet', symbol: '?' },
};

function overall(monitors: readonly MonitorView[]): { state: MonitorState; text: string } {
  if (monitors.length === 0) return { state: 'unknown', text: 'No services on this page' };
  const down = monitors.filter((monitor) => monitor.state === 'down').length;
  if (down > 0) return { state: 'down', text: down === monitors.length ? 'Major outage' : `${down} of ${monitors.length} ${monitors.length === 1 ? 'service' : 'services'} down` };
  if (monitors.some((monitor) => monitor.state === 'maintenance')) return { state: 'maintenance', text: 'Maintenance under way' };
  const stale = monitors.filter((monitor) => monitor.state === 'stale').length;
  if (stale > 0) return { state: 'stale', text: stale === monitors.length ? 'Monitoring has stopped: no recent checks' : `${stale} of ${monitors.length} ${monitors.length === 1 ? 'service' : 'services'} not checked recently` };
  if (monitors.length > 0 && monitors.every((monitor) => monitor.state === 'unknown')) return { state: 'unknown', text: 'Waiting for the first checks' };
  return { state: 'up', text: 'All systems operational' };
}

export function stateLabel(state: MonitorState): Html {
  const { word, symbol } = STATES[state];
  return html`<span class="state state-${state}"><span aria-hidden="true">${symbol}</span> ${word}</span>`;
}

function monitorItem(monitor: MonitorView, showUrls: boolean): Html {
  const headingId = `m-${monitor.name.replace(/[^\w-]/g, '_')}`;
  const ninety = uptimeOfBars(monitor);
  return html`<li class="monitor" aria-labelledby="${headingId}">
<div class="monitor-head"><h3 id="${headingId}">${monitor.name}</h3>${stateLabel(monitor.state)}</div>
${monitor.state === 'stale' && monitor.lastSampleAt !== null ? html`<p class="updated">Last checked <time datetime="${new Date(monitor.lastSampleAt).toISOString()}">${isoMinute(monitor.lastSampleAt)}</time></p>` : ''}${monitor.description ? html`<p class="description">${monitor.description}</p>` : ''}${showUrls ? html`<p class="target"><code>${monitor.target}</code></p>` : ''}
${uptimeBars(monitor.days, `${monitor.name}, daily uptime`)}
<p class="legend"><span>${monitor.days.length} days ago</span><span>${percent(ninety)} uptime</span><span>Today</span></p>
<dl class="figures">
<div><dt>Uptime 24 h</dt><dd>${percent(monitor.uptime['24h'])}</dd></div>
<div><dt>7 days</dt><dd>${percent(monitor.uptime['7d'])}</dd></div>
<div><dt>30 days</dt><dd>${percent(monitor.uptime['30d'])}</dd></div>
<div><dt>Response time 24 h</dt><dd>${milliseconds(monitor.responseMs)} ${sparkline(monitor.hours, `${monitor.name}, mean response time`)}</dd></div>
</dl>
</li>`;
}

function uptimeOfBars(monitor: MonitorView): number | null {
  let counted = 0;
  let failed = 0;
  for (const day of monitor.days) {
    counted += day.total - day.maintenance;
    failed += day.failed;
  }
  return counted > 0 ? (100 * (counted - failed)) / counted : null;
}

function incidentItem(incident: IncidentView, showUrls: boolean, now: number): Html {
  const open = incident.closedAt === null;
  return html`<li class="incident"><article>
<h3>${incident.monitor}: ${open ? html`<span class="state state-down"><span aria-hidden="true">✕</span> Ongoing</span>` : html`<span class="state state-up"><span aria-hidden="true">✓</span> Resolved</span>`}</h3>
<ol class="timeline">
<li><time datetime="${new Date(incident.firstFailureAt).toISOString()}">${isoMinute(incident.firstFailureAt)}</time> First failed check: ${publicReason(incident.reason, showUrls)}</li>
<li><time datetime="${new Date(incident.openedAt).toISOString()}">${isoMinute(incident.openedAt)}</time> Outage confirmed</li>
${incident.updates.map((update) => html`<li class="update"><time datetime="${new Date(update.at).toISOString()}">${isoMinute(update.at)}</time> <strong>${PHASE_LABELS[update.phase]}</strong>: ${update.message}</li>`)}
${open
  ? html`<li>Ongoing for ${span(now - incident.openedAt)}</li>`
  : html`<li><time datetime="${new Date(incident.closedAt!).toISOString()}">${isoMinute(incident.closedAt!)}</time> Resolved after ${span(incident.closedAt! - incident.openedAt)}</li>`}
</ol></article></li>`;
}

function maintenanceItem(window: AnnouncedWindow, now: number): Html {
  return html`<li><time datetime="${new Date(window.start).toISOString()}">${isoMinute(window.start)}</time> to <time datetime="${new Date(window.end).toISOString()}">${isoMinute(window.end)}</time>${window.start <= now ? ' (under way)' : ''}: ${window.monitors.join(', ')}${window.reason ? html` — ${window.reason}` : ''}</li>`;
}

function pager(input: PageInput): Html | '' {
  if (input.pages <= 1) return '';
  const link = (page: number, text: string) => html`<a href="${input.path}${page === 1 ? '' : `?page=${page}`}">${text}</a>`;
  return html`<nav class="pager" aria-label="Monitor pages">${input.page > 1 ? link(input.page - 1, 'Previous') : ''} <span>Page ${input.page} of ${input.pages}</span> ${input.page < input.pages ? link(input.page + 1, 'Next') : ''}</nav>`;
}

/** A region the live script swaps for its newer markup; its id names it in both documents. */
export const liveRegion = (id: string, content: Html | ''): Html => html`<div id="live-${id}" data-live>${content}</div>`;

/**
 * A public status page: styles from the served stylesheet only, and whole without scripts; while it is
 * open, the served `live` script swaps its regions for newer ones (no reload, no framework).
 */
export function renderStatusPage(input: PageInput): string {
  const { snapshot } = input;
  const names = new Set(input.scope.map((monitor) => monitor.name));
  const incidents = snapshot.incidents.filter((incident) => names.has(incident.monitor));
  const maintenance = maintenanceOf(snapshot, names);
  const status = overall(input.scope);
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<script src="${input.live.script}" defer></script>
</head>
<body>
<header>
<h1>${input.title}</h1>
${input.description ? html`<p>${input.description}</p>` : ''}
${liveRegion('overall', html`<p class="overall overall-${status.state}" role="status">${stateLabel(status.state)} <span class="overall-text">${status.text}</span></p>`)}
${liveRegion('updated', html`<p class="updated">Updated <time datetime="${new Date(snapshot.at).toISOString()}">${isoMinute(snapshot.at)}</time></p>`)}
</header>
<main id="main" data-refresh="${input.live.seconds}">
${liveRegion('maintenance', maintenance.length > 0 ? html`<section aria-labelledby="maintenance"><h2 id="maintenance">Scheduled maintenance</h2><ul class="maintenance">${maintenance.map((window) => maintenanceItem(window, snapshot.at))}</ul></section>` : '')}
<section aria-labelledby="monitors"><h2 id="monitors">Services</h2>
${liveRegion('monitors', html`${pager(input)}
<ul class="monitors">${input.monitors.map((monitor) => monitorItem(monitor, input.showUrls))}</ul>
${pager(input)}`)}
</section>
<section aria-labelledby="incidents"><h2 id="incidents">Incidents</h2>
${liveRegion('incidents', incidents.length === 0 ? html`<p>No incidents in the last 14 days.</p>` : html`<ul class="incidents">${incidents.map((incident) => incidentItem(incident, input.showUrls, snapshot.at))}</ul>`)}
</section>
</main>
<footer><p>Uptime counts every check outside maintenance windows, by whole hours (24 h) and whole days (7 and 30 days, and the bars).</p></footer>
</body>
</html>`.markup}\n`;
}

/** A status page address that leads nowhere: says so, and where the status is. */
export function renderMissingPage(path: string, pages: readonly { slug: string; title: string }[]): string {
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>No such status page</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main>
<h1>No such status page</h1>
<p>There is no status page at <code>${path}</code>.</p>
<ul>
<li><a href="/status">All services</a></li>
${pages.map((page) => html`<li><a href="/status/${page.slug}">${page.title}</a></li>`)}
</ul>
</main>
</body>
</html>`.markup}\n`;
}
