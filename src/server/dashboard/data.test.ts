import { describe, expect, it } from 'vitest';
import type { Store, WindowSummary } from '../../monitor/store.js';
import { planSchema } from '../../plan/schema.js';
import type { MonitorView, StatusSnapshot } from '../../status/snapshot.js';
import { DASHBOARD_PAGE_SIZE, monitorRows } from './data.js';
import { monitorsPage } from './pages.js';

const NOW = Date.UTC(2026, 11, 7, 12);
const names = Array.from({ length: 250 }, (_, i) => `m${String(i).padStart(3, '0')}`);
const view = (name: string) => ({ name, state: 'up', uptime: { '24h': 100, '7d': 100, '30d': 100 } }) as MonitorView;
const snapshot = { at: NOW, monitors: new Map(names.map((name) => [name, view(name)])), incidents: [], maintenance: [] } as StatusSnapshot;

describe('the dashboard\'s monitor list', () => {
  it('is paged by name, and summarizes only the monitors of the page', async () => {
    const summarized: string[] = [];
    const store = {
      summary: async (monitor: string): Promise<WindowSummary> => {
        summarized.push(monitor);
        return { total: 1440, failed: 0, maintenance: 0, p50: 40, p95: 80, p99: 120 };
      },
    } as unknown as Store;
    const context = { store, plan: planSchema.parse({}), snapshot, now: NOW };
    const third = await monitorRows(context, 3);
    expect(third).toMatchObject({ page: 3, pages: 3 });
    expect(third!.rows.map((row) => row.view.name)).toEqual(names.slice(2 * DASHBOARD_PAGE_SIZE));
    expect(summarized).toEqual(names.slice(2 * DASHBOARD_PAGE_SIZE));
    for (const page of [0, 4, 1.5, Number.NaN]) expect(await monitorRows(context, page)).toBeUndefined();

    const first = await monitorRows(context, 1);
    const markup = monitorsPage({ user: 'vera', role: 'viewer', via: 'session', csrf: '' }, first!, [], []);
    expect(markup).toContain('<nav class="pager" aria-label="Monitor pages"> <span>Page 1 of 3</span> <a href="/dashboard?page=2">Next</a></nav>');
    expect(markup.match(/<figure class="chart"/g)).toHaveLength(DASHBOARD_PAGE_SIZE);
  });
});
