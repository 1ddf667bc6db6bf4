import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Store } from '../monitor/store.js';
import type { LoadedPlan } from '../plan/load.js';
import { postgresUrl } from '../store/database-url.js';
import type { MonitorStoreSource } from '../targets/monitor-record/target.js';

/**
 * The monitor's store as a scan reads it, for the checks of the plan's monitors: PostgreSQL when
 * HARDEN_DATABASE_URL is set, else the plan's SQLite file, opened read-only on first use. A
 * missing file is not created: the checks say there is no store there.
 */
export function monitorStoreSource(plan: LoadedPlan, env: NodeJS.ProcessEnv = process.env): { source: MonitorStoreSource; close(): Promise<void> } {
  const url = postgresUrl(env);
  const path = resolve(plan.dir, plan.plan.monitoring.database);
  const shown = url ? 'HARDEN_DATABASE_URL' : relative(process.cwd(), path) || path;
  if (!url && !existsSync(path))
    return { source: { missing: `no monitor store at ${shown}: run \`harden monitor\` with this plan to record samples and deliver alerts there` }, close: async () => undefined };
  let opened: Promise<Store> | undefined;
  const open = async () => {
    const { storeFromEnvironment } = await import('../store/open.js');
    const store = await storeFromEnvironment(path, env, { readOnly: true });
    await store.migrate();
    return store;
  };
  return {
    source: { where: shown, open: () => (opened ??= open()) },
    close: async () => {
      const store = await opened?.catch(() => undefined);
      await store?.close();
    },
  };
}
