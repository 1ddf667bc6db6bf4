/** Opens a SQLite store in a child process (the tests run it as an unprivileged user) and prints the outcome as JSON. */
import { openStore } from './open.js';

const path = process.argv[2]!;
try {
  const store = await openStore({ sqlite: path });
  try {
    await store.migrate();
    await store.commit({ samples: [{ monitor: 'api', at: 1, ok: true, latencyMs: 1 }], states: [], opened: [], closed: [], alerts: [] });
  } finally {
    await store.close().catch(() => undefined);
  }
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  console.log(JSON.stringify({ name: (error as Error).name, message: (error as Error).message }));
}
