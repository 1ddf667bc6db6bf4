import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { secretRecordInputs } from '../engine/scan.js';
import { loadPlan } from '../plan/load.js';
import { NO_LIVE_TARGETS } from '../targets/live/config.js';
import { LiveClients } from '../targets/live/targets.js';

/** The targets a case's own plan (`harden.yaml` among its files) names beside the files: its secrets. */
export function casePlanTargets(dir: string): LiveClients | undefined {
  const file = join(dir, 'harden.yaml');
  if (!existsSync(file)) return undefined;
  const plan = loadPlan(file, { catalog: new Map(), now: new Date() });
  return new LiveClients({ ...NO_LIVE_TARGETS, secrets: secretRecordInputs(plan) });
}
