import { displayText as t } from '../display-text.js';
import { formatElapsed } from '../duration.js';
import type { MonitoringStatus } from './status.js';

/** The `harden monitor status` table and its notes on alerts, SLOs and triggers; text from probes and the plan goes through displayText (t). */
export function statusText(status: MonitoringStatus): string {
  const rows = status.monitors.map((m) => [
    t(m.name),
    m.state,
    percent(m.uptime['24h']),
    percent(m.uptime['7d']),
    percent(m.uptime['30d']),
    ms(m.latency.p50),
    ms(m.latency.p95),
    ms(m.latency.p99),
    m.incident ? `open ${formatElapsed(status.at - m.incident.openedAt)}: ${t(m.incident.reason)}` : '-',
  ]);
  const lines = table(['MONITOR', 'STATE', 'UP 24h', '7d', '30d', 'p50', 'p95', 'p99', 'INCIDENT'], rows, [2, 3, 4, 5, 6, 7]);
  if (status.monitors.length === 0) lines.push('no monitors in the plan');
  if (status.slos.length > 0) {
    lines.push('', 'SLOs');
    for (const slo of status.slos)
      lines.push(`  ${t(slo.monitor)} ${slo.objective}% over ${formatElapsed(slo.window)}: ${slo.achieved === null ? 'no samples yet' : `${slo.achieved.toFixed(3)}% up, ${budget(slo.budgetRemaining)}`}`);
  }
  if (status.triggers.length > 0) {
    lines.push('', 'Triggers firing');
    for (const trigger of status.triggers) lines.push(`  ${t(trigger.title)} (firing for ${formatElapsed(status.at - trigger.since)})`);
  }
  const alerts = status.alerts.filter((a) => a.pending > 0);
  if (alerts.length > 0) {
    lines.push('', 'Alerts not delivered');
    for (const a of alerts)
      lines.push(`  ${t(a.channel)}: ${a.pending} pending${a.failing ? `, ${a.failing} failing` : ''}${a.lastError ? ` — last error${a.lastErrorAt ? ` ${formatElapsed(status.at - a.lastErrorAt)} ago` : ''}: ${t(a.lastError)}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function percent(value: number | null): string {
  return value === null ? '-' : `${value >= 99.995 && value < 100 ? '99.99' : value.toFixed(2)}%`;
}

function ms(value: number | null): string {
  return value === null ? '-' : value >= 1000 ? `${(value / 1000).toFixed(2)}s` : `${Math.round(value)}ms`;
}

function budget(value: number | null): string {
  if (value === null) return 'no error budget measured';
  return value >= 0 ? `${Math.round(value * 100)}% of the error budget left` : `error budget overspent by ${Math.round(-value * 100)}%`;
}

function table(header: string[], rows: string[][], rightAligned: number[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : rightAligned.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
