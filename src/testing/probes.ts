import { monitorSchema, type Monitor } from '../monitor/schema.js';
import type { Sample } from '../monitor/model.js';
import type { ProbeEnv } from '../monitor/probes/define.js';
import { prepareMonitor, runProbe } from '../monitor/probe-runner.js';

/** A monitor as the plan would load it: `fields` are what the YAML says. */
export function monitor(fields: Record<string, unknown>): Monitor {
  return monitorSchema.parse({ name: 'probe-test', timeout: '2s', ...fields });
}

export function testEnv(ca: string[] = [], now: () => number = Date.now): ProbeEnv {
  return { ca, now };
}

/** Loads and runs one probe, as the daemon does. */
export function probeOnce(fields: Record<string, unknown>, env: ProbeEnv = testEnv(), signal?: AbortSignal): Promise<Sample> {
  return runProbe(prepareMonitor(monitor(fields)), env, signal);
}

/** Polls `condition` every 10 ms for at most `ms`. */
export async function eventually(condition: () => boolean, ms = 2000): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 10) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}
