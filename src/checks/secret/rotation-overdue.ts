import { formatDate } from '../../calendar-date.js';
import { formatDuration } from '../../duration.js';
import { defineCheck } from '../define.js';

const DAY_MS = 86_400_000;

export const rotationOverdue = defineCheck({
  id: 'secret/rotation-overdue',
  title: "Secrets are rotated within their rotation period (the plan's secrets: section)",
  severity: 'high',
  target: 'secret-record',
  why:
    'A credential that never changes stays valid for everyone who ever saw it: former staff, a leaked CI log, a laptop backup, a dump of an old ' +
    'cluster. Rotating on a schedule bounds how long a leak is useful. The plan records, per secret, where it lives (never its value) and the day ' +
    'it was last rotated; this check holds that day against its period (`maxAge`, else `settings.secretMaxAge` for its severity: critical 90d, ' +
    'high 180d, others 365d). A secret without a recorded rotation cannot be shown to be rotated and fails.',
  fix:
    'Rotate the secret (issue a new value, deploy it, revoke the old one) and record the day in the plan: `rotated: YYYY-MM-DD` on its entry ' +
    'under `secrets:`. Where the rotation is automated (Vault dynamic secrets, External Secrets refresh, cloud key rotation), give it a `maxAge` that matches.',
  refs: ['NIST SP 800-57 Part 1 Rev. 5 §5.3 (cryptoperiods)', 'OWASP Secrets Management Cheat Sheet (rotation)', 'CIS Controls v8 3.11', 'PCI DSS 4.0 3.6.1 / 8.3.9'],
  messages: {
    overdue: '{name} was last rotated {rotated}, {days} days ago: its rotation period is {maxAge} (due {due})',
    notRecorded: { text: '{name} has no recorded rotation (rotated: YYYY-MM-DD): it cannot be shown to be rotated within {maxAge}', severity: 'medium' },
  },
  claims: [
    {
      about: 'secrets rotated on schedule',
      names: [
        ['rotat*', 'secret*'],
        ['rotat*', 'credential*'],
        ['rotat*', 'password*'],
        ['rotat*', 'key*'],
        ['rotat*', 'token*'],
        'key rotation',
        'credential rotation',
        'secret rotation',
        ['secret*', 'bootstrap'],
      ],
    },
  ],
  evaluate(record, ctx) {
    const maxAge = formatDuration(record.maxAgeMs);
    if (!record.rotated) return ctx.fail(record.location, 'notRecorded', { name: record.name, maxAge });
    const { now } = record;
    const due = new Date(record.rotated.getTime() + record.maxAgeMs);
    const days = Math.floor((now.getTime() - record.rotated.getTime()) / DAY_MS);
    ctx.computed({ rotated: formatDate(record.rotated), due: formatDate(due), ageDays: days });
    if (due.getTime() < now.getTime()) ctx.fail(record.location, 'overdue', { name: record.name, rotated: formatDate(record.rotated), days, maxAge, due: formatDate(due) });
    else ctx.measured(`rotated ${formatDate(record.rotated)}, due ${formatDate(due)}`);
  },
});
