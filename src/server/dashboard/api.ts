import { json, type Reply } from '../responses.js';
import { type DashboardContext, firingTriggers, incidentUpdates, monitorRows, monitorSeries, outboxView, sloRows, verifyHistory } from './data.js';
import { currentRegressions, itemsByStage, progressPoints } from './progress.js';

const iso = (at: number) => new Date(at).toISOString();
const isoOrNull = (at: number | null) => (at === null ? null : iso(at));

function segment(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** GET /api/v1/dashboard<path>: the dashboard's data for viewers and tokens; undefined: no such endpoint. */
export async function dashboardApi(path: string, query: URLSearchParams, context: DashboardContext): Promise<Reply | undefined> {
  if (path === '/monitors') {
    const listed = await monitorRows(context, Number(query.get('page') ?? 1));
    if (!listed) return json({ error: `no page ${query.get('page')}` }, 0, 404);
    const { rows, page, pages } = listed;
    return json(
      {
        at: iso(context.now),
        page,
        pages,
        monitors: rows.map(({ view, day }) => ({ name: view.name, state: view.state, uptime: view.uptime, p50: day?.p50 ?? null, p95: day?.p95 ?? null, p99: day?.p99 ?? null, incident: view.incident })),
      },
      0,
    );
  }
  const series = /^\/monitors\/([^/]+)\/series$/.exec(path);
  if (series) {
    const name = segment(series[1]!);
    if (name === undefined || !context.snapshot.monitors.has(name)) return json({ error: `no monitor "${name ?? series[1]}"` }, 0, 404);
    return json(await monitorSeries(context, name), 0);
  }
  if (path === '/slos') {
    const [slos, triggers] = await Promise.all([sloRows(context), firingTriggers(context)]);
    return json({ slos, triggers: triggers.map((trigger) => ({ ...trigger, since: iso(trigger.since) })) }, 0);
  }
  if (path === '/incidents') {
    const updates = await incidentUpdates(context);
    return json(
      {
        incidents: context.snapshot.incidents.map((incident) => ({
          key: incident.key,
          monitor: incident.monitor,
          openedAt: iso(incident.openedAt),
          closedAt: isoOrNull(incident.closedAt),
          reason: incident.reason,
          updates: updates.filter((update) => update.incident === incident.key).map((update) => ({ ...update, at: iso(update.at) })),
        })),
      },
      0,
    );
  }
  if (path === '/outbox') {
    const { channels, pending } = await outboxView(context);
    return json(
      {
        channels: channels.map((channel) => ({ ...channel, lastErrorAt: isoOrNull(channel.lastErrorAt) })),
        pending: pending.map((entry) => ({
          id: entry.id,
          channel: entry.channel,
          kind: entry.event.kind,
          title: entry.event.title,
          createdAt: iso(entry.createdAt),
          attempts: entry.attempts,
          nextAttemptAt: iso(entry.nextAttemptAt),
          lastError: entry.lastError,
          lastErrorAt: isoOrNull(entry.lastErrorAt),
        })),
      },
      0,
    );
  }
  if (path === '/verify-runs') {
    const runs = await verifyHistory(context);
    return json(
      {
        runs: progressPoints(runs).map((point, i) => ({ ...point, at: iso(point.at), counts: runs[i]!.counts })),
        regressions: currentRegressions(runs).map((item) => ({ ...item, since: iso(item.since) })),
        stages: itemsByStage(runs.at(-1)),
      },
      0,
    );
  }
  return undefined;
}
