import { parseConditions } from './conditions/index.js';
import { cronProblem } from './maintenance.js';
import { monitorKind, type MonitoringPlan } from './schema.js';
import { parseTriggerRule } from './triggers/index.js';

/** A problem with one entry of the monitoring sections, at its path in the plan. */
export interface MonitoringIssue {
  path: (string | number)[];
  message: string;
}

/** Cross-references of the monitoring sections: names, channels, conditions, cron, trigger rules. */
export function validateMonitoring(plan: MonitoringPlan): MonitoringIssue[] {
  const issues: MonitoringIssue[] = [];
  const monitors = new Map<string, number>();
  const channels = new Set(Object.keys(plan.alerts));
  const knownChannel = (name: string, path: (string | number)[]) => {
    if (!channels.has(name))
      issues.push({ path, message: `unknown alert channel "${name}"${channels.size ? ` (channels: ${[...channels].join(', ')})` : ' (define it under "alerts:")'}` });
  };
  const knownMonitor = (name: string, path: (string | number)[]) => {
    if (!monitors.has(name)) issues.push({ path, message: `unknown monitor "${name}"` });
  };

  plan.monitors.forEach((monitor, i) => {
    if (monitors.has(monitor.name)) issues.push({ path: ['monitors', i, 'name'], message: `duplicate monitor name "${monitor.name}" (first at monitor ${monitors.get(monitor.name)! + 1})` });
    else monitors.set(monitor.name, i);
    monitor.alert.forEach((channel, j) => knownChannel(channel, ['monitors', i, 'alert', j]));
    const kind = monitorKind(monitor);
    const { errors } = parseConditions(monitor.expect, kind);
    for (const error of errors) issues.push({ path: ['monitors', i, 'expect', error.index], message: `column ${error.column} of "${monitor.expect[error.index]}": ${error.message}` });
    if (monitor.dns?.expect) {
      const dnsErrors = parseConditions([monitor.dns.expect], 'dns').errors;
      for (const error of dnsErrors) issues.push({ path: ['monitors', i, 'dns', 'expect'], message: `column ${error.column}: ${error.message}` });
    }
  });

  plan.maintenance.forEach((window, i) => {
    window.monitors.forEach((name, j) => knownMonitor(name, ['maintenance', i, 'monitors', j]));
    if ('cron' in window) {
      const problem = cronProblem(window.cron, window.timezone);
      if (problem) issues.push({ path: ['maintenance', i, 'cron'], message: `not a cron expression: ${problem}` });
    } else if (Date.parse(window.end) <= Date.parse(window.start)) issues.push({ path: ['maintenance', i, 'end'], message: 'the window ends before it starts' });
  });

  plan.slo.forEach((slo, i) => knownMonitor(slo.monitor, ['slo', i, 'monitor']));

  const triggerNames = new Set<string>();
  plan.triggers.forEach((trigger, i) => {
    knownMonitor(trigger.monitor, ['triggers', i, 'monitor']);
    trigger.alert.forEach((channel, j) => knownChannel(channel, ['triggers', i, 'alert', j]));
    const parsed = parseTriggerRule(trigger.when);
    if ('error' in parsed) issues.push({ path: ['triggers', i, 'when'], message: `column ${parsed.error.column} of "${trigger.when}": ${parsed.error.message}` });
    const name = trigger.name ?? `${trigger.monitor}:${trigger.when}`;
    if (triggerNames.has(name)) issues.push({ path: ['triggers', i], message: `duplicate trigger "${name}"` });
    triggerNames.add(name);
  });
  return issues;
}
