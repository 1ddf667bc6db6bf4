import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { caFileProblem } from '../targets/tls/ca-file.js';
import type { LoadedMonitoringPlan } from './schema.js';
import type { AlertChannel } from './alerts/index.js';
import type { MonitoringSettings, Slo, Trigger } from './schema.js';
import type { IncidentPolicy } from './incidents.js';
import { MaintenanceCalendar } from './maintenance.js';
import { prepareMonitor, type PreparedMonitor } from './probe-runner.js';

export interface MonitorRuntime {
  name: string;
  everyMs: number;
  prepared: PreparedMonitor;
  policy: IncidentPolicy;
  /** Channels this monitor's incidents alert. */
  alert: readonly string[];
}

/** The plan's monitoring section, ready to run: what a reload swaps as a whole. */
export interface MonitoringConfig {
  monitors: Map<string, MonitorRuntime>;
  calendar: MaintenanceCalendar;
  triggers: readonly Trigger[];
  slos: readonly Slo[];
  channels: Record<string, AlertChannel>;
  settings: MonitoringSettings;
  /** Trusted CA certificates (PEM) from monitoring.ca. */
  ca: string[];
  planDir: string;
}

export function monitoringConfig(loaded: LoadedMonitoringPlan, extraCa: readonly string[] = []): MonitoringConfig {
  const { plan } = loaded;
  const monitors = new Map<string, MonitorRuntime>();
  for (const monitor of plan.monitors) {
    const prepared = prepareMonitor(monitor, { planDir: loaded.dir });
    monitors.set(monitor.name, {
      name: monitor.name,
      everyMs: monitor.every,
      prepared,
      policy: { name: monitor.name, confirm: monitor.confirm, recover: monitor.recover, target: prepared.target },
      alert: monitor.alert,
    });
  }
  const ca = plan.monitoring.ca.map((file, i) => {
    const at = (message: string) => {
      const { line, column } = loaded.locate(['monitoring', 'ca', i]);
      return InputError.at(loaded.file, line, column, message);
    };
    let text: string;
    try {
      text = readFileSync(resolve(loaded.dir, file), 'utf8');
    } catch (error) {
      throw at(`cannot read CA file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const problem = caFileProblem(text);
    if (problem) throw at(`CA file ${file}: ${problem}`);
    return text;
  });
  return {
    monitors,
    calendar: new MaintenanceCalendar(plan.maintenance),
    triggers: plan.triggers,
    slos: plan.slo,
    channels: plan.alerts,
    settings: plan.monitoring,
    ca: [...ca, ...extraCa],
    planDir: loaded.dir,
  };
}
