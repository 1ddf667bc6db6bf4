import { Option, type Command } from 'commander';
import type { MonitorRunOptions, PlanOptions } from './monitor-action.js';
import { releaseSignals } from './startup-signals.js';

const planOption = () => new Option('-p, --plan <file>', 'plan file (default: harden.yaml here)');
export const databaseOption = () => new Option('--database <file>', 'SQLite database (default: the plan\'s monitoring.database, .harden/harden.db); HARDEN_DATABASE_URL selects PostgreSQL');

export function registerMonitor(program: Command, exit: (code: number) => void): void {
  const monitor = program
    .command('monitor')
    .summary('uptime monitoring: the daemon, its status and history')
    .description('Probe the plan\'s monitors on their intervals, open and close incidents, send alerts, keep uptime and latency history.')
    .addHelpText('after', `
Examples:
  harden monitor                      run the daemon in the foreground (JSON logs on stdout)
  harden monitor --once               probe every monitor once, record, alert, exit
  harden monitor status               each monitor: up/down, uptime 24h/7d/30d, latency, incidents
  harden monitor history api-health --since 6h
  harden monitor test-alert --channel team-slack

"harden monitor run --help" lists the daemon's options (--once, --metrics, --ca, --debug, ...).
The plan's monitors:, alerts:, maintenance:, slo:, triggers: and monitoring: sections drive it
(README "Monitoring"). SIGTERM/SIGINT stop it cleanly (a second one stops without waiting for probes and
alert deliveries in flight); SIGHUP or saving the plan reloads it, and a
plan that no longer loads is reported while the previous one keeps running.`);

  // Signals are held from start-up for the daemon (bin/harden.js); status and history give them back.
  monitor.hook('preAction', (_monitor, action) => {
    if (action.name() !== 'run') releaseSignals();
  });

  monitor
    .command('run', { isDefault: true })
    .summary('run the monitor daemon in the foreground (the default)')
    .addOption(planOption())
    .addOption(databaseOption())
    .option('--metrics <host:port|off>', 'Prometheus endpoint (default: the plan\'s monitoring.metrics, 127.0.0.1:9464)')
    .option('--ca <file>', 'also trust the CA certificates (PEM) in this file for HTTPS and TLS monitors')
    .option('--once', 'probe every monitor once, record the samples, deliver due alerts, then exit (1 when a monitor is down)')
    .option('--debug', 'log every sample')
    .option('--stats-every <duration>', 'log a "stats" line (probes/s, schedule lag, memory) this often', '60s')
    .option('--no-watch', 'do not reload when the plan file changes (SIGHUP still reloads)')
    .action(async (options: MonitorRunOptions) => exit(await (await import('./monitor-action.js')).runDaemon(options)));

  monitor
    .command('status')
    .summary('each monitor: up/down, uptime 24h/7d/30d, p50/p95/p99 latency, open incidents, alert failures')
    .addOption(planOption())
    .addOption(databaseOption())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--now <time>', 'as of this time (tests); also HARDEN_NOW')
    .action(async (options: PlanOptions & { format: string; now?: string }) => (await import('./monitor-action.js')).monitorStatus(options));

  monitor
    .command('history')
    .summary('a monitor\'s samples and incidents')
    .argument('<name>', 'monitor name')
    .addOption(planOption())
    .addOption(databaseOption())
    .option('--since <when>', 'a duration back from now (6h, 7d) or an ISO date-time', '24h')
    .option('--limit <n>', 'samples and incidents at most', '200')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--now <time>', 'as of this time (tests); also HARDEN_NOW')
    .action(async (name: string, options: PlanOptions & { since: string; limit: string; format: string; now?: string }) =>
      (await import('./monitor-action.js')).monitorHistoryCommand(name, options),
    );
  monitor
    .command('test-alert')
    .summary('send a test alert to the plan\'s channels through the outbox, recorded like a real one')
    .description(
      'Queue a test alert for each channel (or --channel NAME) in the store\'s outbox and deliver it now, marked delivered or failed as a real alert is; ' +
        'while a daemon runs on the store, the alert is queued and the daemon delivers it. monitor/alerting counts it as a delivered alert of the monitors alerting that channel.',
    )
    .addOption(planOption())
    .addOption(databaseOption())
    .option('--channel <name>', 'only this channel of the plan\'s alerts:')
    .option('--ca <file>', 'also trust the CA certificates (PEM) in this file for HTTPS receivers')
    .action(async (options: PlanOptions & { channel?: string; ca?: string }) => exit(await (await import('./monitor-action.js')).testAlertCommand(options)));
}

