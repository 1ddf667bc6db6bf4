import { afterEach, describe, expect, it } from 'vitest';
import { catches, cleanUp, daemon, sleep, tempDir, within, writePlan } from './monitor-harness.js';

afterEach(cleanUp);

const PLAN = 'monitors:\n  - { name: local, tcp: "127.0.0.1:9", every: 1s }\nmonitoring:\n  metrics: false\n';

/**
 * Waits (at most `ms`) until the process holds signals: it catches SIGHUP, which Node itself
 * does not (it does catch SIGTERM and SIGINT from the start, to restore the terminal).
 */
async function holding(pid: number, ms: number): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline && !catches(pid, 'SIGHUP'); ) await sleep(5);
}

/** Issue 9, defect 14: a signal in the first second of the daemon took its default action (exit 129/143, no log). */
describe('signals while the monitor daemon starts', () => {
  it('SIGTERM while the CLI still loads: held, then exit 0 with "monitor stopped during start-up"', async () => {
    const dir = tempDir();
    writePlan(dir, PLAN);
    const run = daemon(dir);
    await holding(run.child.pid!, 5000);
    run.child.kill('SIGTERM');
    expect(await within(run.exited, 10_000)).toEqual({ code: 0, signal: null });
    expect(run.logs).toEqual([expect.objectContaining({ level: 'info', msg: 'monitor stopped during start-up', signal: 'SIGTERM' })]);
    expect(run.stderr()).toBe('');
  });

  it('SIGTERM at any point of start-up, 0 to 1.5 s in (12 daemons at once): each exits 0 with a log line saying it stopped', async () => {
    const runs = Array.from({ length: 12 }, (_, i) => {
      const dir = tempDir();
      writePlan(dir, PLAN);
      return { delayMs: i * 125, run: daemon(dir) };
    });
    await Promise.all(
      runs.map(async ({ delayMs, run }) => {
        await holding(run.child.pid!, 5000);
        await sleep(delayMs);
        run.child.kill('SIGTERM');
      }),
    );
    for (const { delayMs, run } of runs) {
      expect(await within(run.exited, 15_000), `SIGTERM ${delayMs} ms in`).toEqual({ code: 0, signal: null });
      expect(run.logs.at(-1), `SIGTERM ${delayMs} ms in`).toMatchObject({ level: 'info', msg: expect.stringMatching(/^monitor stopped/) });
      expect(run.stderr()).toBe('');
    }
  }, 60_000);

  it('SIGHUP during start-up does not end it; the daemon runs and stops cleanly later', async () => {
    const dir = tempDir();
    writePlan(dir, PLAN);
    const run = daemon(dir);
    await holding(run.child.pid!, 5000);
    run.child.kill('SIGHUP');
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && !run.logs.some((l) => l.msg === 'monitor started'); ) await sleep(20);
    expect(run.logs.some((l) => l.msg === 'monitor started')).toBe(true);
    run.child.kill('SIGTERM');
    expect(await within(run.exited, 10_000)).toEqual({ code: 0, signal: null });
  });
});
