import { z } from 'zod';
import { formatDuration, formatElapsed } from '../../duration.js';
import { defineCheck } from '../define.js';

export const alerting = defineCheck({
  id: 'monitor/alerting',
  title: "The plan's monitors run and alert someone: samples recorded within two intervals, and an alert delivered to a channel",
  severity: 'high',
  target: 'monitor',
  why:
    'An uptime check that nobody hears is not monitoring: a monitor without an alert channel, a daemon that stopped recording, or a Slack ' +
    'webhook that was revoked all look the same as "no incidents" until an outage is reported by customers. The plan\'s monitors are evidence ' +
    'that a roadmap item such as "set up uptime monitoring with Slack/email alerts" is done only when the store shows the monitor is probing ' +
    '(its newest sample is younger than twice its interval) and that an alert, real or a test, was delivered to one of its channels. The store ' +
    'is the one `harden monitor` writes (monitoring.database, or HARDEN_DATABASE_URL); it is only read.',
  fix:
    'Give the monitor an alert channel (`alert: [slack]` with the channel under `alerts:`), keep `harden monitor` running (a service unit or ' +
    'container), and prove the channel delivers with `harden monitor test-alert --channel NAME`.',
  refs: ['Google SRE Book, ch. 6 Monitoring Distributed Systems', 'NIST SP 800-53 Rev. 5 SI-4 (system monitoring) and IR-6 (incident reporting)', 'CIS Controls v8 8.11'],
  messages: {
    noChannel: '{monitor} ({probes}) alerts no channel: an incident would reach nobody',
    noChannelOfKind: '{monitor} alerts {channels}, none of which is {wanted}',
    noSamples: 'The store at {store} holds no sample of {monitor}: the monitor has not run there',
    staleSamples: 'The newest sample of {monitor} is {age} old, more than twice its interval ({every}): the monitor is not running',
    noAlertDelivered: 'No alert of {monitor} was delivered to {channels} in the store at {store}: a channel that never delivered is not known to work',
  },
  claims: [
    {
      about: 'uptime monitoring with alerts',
      names: [
        'uptime monitor*',
        'uptime check*',
        'uptime alert*',
        'uptime kuma',
        'uptimerobot',
        'uptime robot',
        'pingdom',
        'betteruptime',
        'better uptime',
        'statuscake',
        'synthetic monitoring',
        ['uptime', 'monitor*'],
        ['uptime', 'alert*'],
        ['health*', 'monitor*', 'alert*'],
        ['health check*', 'alert*'],
        ['downtime', 'alert*'],
        ['outage', 'alert*'],
        ['monitor*', 'alert*', 'Slack'],
        ['monitor*', 'alert*', 'email'],
        ['monitor*', 'alert*', 'PagerDuty'],
        ['monitor*', 'alert*', 'on-call'],
      ],
      unless: ['CI', 'workflow', 'pipeline', 'Dependabot', 'log*'],
    },
  ],
  options: z
    .object({
      /** Only monitors probing a target containing this ("/api/health", "shop.example.com"): the item's monitor must exist. */
      url: z.string().min(1).optional(),
      /** A channel of this name or type (slack, email) must be among the monitor's and have delivered. */
      channel: z.string().min(1).optional(),
    })
    .strict(),
  async evaluate(monitor, ctx, options) {
    if (options.url && !monitor.probes.includes(options.url)) return ctx.notApplicable();
    const at = monitor.location;
    const base = { monitor: monitor.name, probes: monitor.probes };
    const names = (channels: readonly { name: string }[]) => channels.map((channel) => channel.name).join(', ');
    if (monitor.channels.length === 0) ctx.fail(at, 'noChannel', base);
    const wanted = options.channel ? monitor.channels.filter((channel) => channel.name === options.channel || channel.type === options.channel) : monitor.channels;
    if (options.channel && monitor.channels.length > 0 && wanted.length === 0) ctx.fail(at, 'noChannelOfKind', { ...base, channels: names(monitor.channels), wanted: options.channel });
    const store = await monitor.store();
    const [newest] = await store.samples({ monitor: monitor.name, limit: 1 });
    const now = monitor.now.getTime();
    const every = formatDuration(monitor.everyMs);
    if (!newest) ctx.fail(at, 'noSamples', { ...base, store: monitor.storeWhere });
    else {
      ctx.computed({ lastSample: new Date(newest.at).toISOString() });
      if (now - newest.at > 2 * monitor.everyMs) ctx.fail(at, 'staleSamples', { ...base, age: formatElapsed(now - newest.at), every }, `newest sample ${new Date(newest.at).toISOString()}`);
    }
    if (wanted.length === 0) return;
    const stats = (await store.outboxStats()).filter((entry) => wanted.some((channel) => channel.name === entry.channel));
    const delivered = stats.reduce((sum, entry) => sum + entry.delivered, 0);
    ctx.computed({ alertsDelivered: delivered });
    if (delivered === 0) {
      const failing = stats.filter((entry) => entry.lastError).map((entry) => `${entry.channel}: ${entry.pending} pending, last error ${entry.lastError}`);
      ctx.fail(at, 'noAlertDelivered', { ...base, channels: names(wanted), store: monitor.storeWhere }, failing.join('; ') || undefined);
    } else if (newest) ctx.measured(`newest sample ${new Date(newest.at).toISOString()} (every ${every}); ${delivered} alert(s) delivered to ${names(wanted)}`);
  },
});
