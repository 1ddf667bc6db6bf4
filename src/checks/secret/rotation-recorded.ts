import { z } from 'zod';
import { formatDate } from '../../calendar-date.js';
import { secretTimes, type SecretTime } from '../../targets/secret-record/times.js';
import { defineCheck } from '../define.js';

const DAY_MS = 86_400_000;

/** `2026-03-04T10:00:00Z (metadata.creationTimestamp)`. */
const shown = (time: SecretTime) => `${time.at.toISOString().replace('.000Z', 'Z')} (${time.source})`;

export const rotationRecorded = defineCheck({
  id: 'secret/rotation-recorded',
  title: "The plan's rotation date of a secret agrees with what its manifest or cluster dump shows",
  severity: 'medium',
  target: 'secret-record',
  why:
    'A rotation date written by hand drifts from the truth: a Secret recreated by a redeploy after the recorded day is a stale record (the ' +
    'plan under-states how fresh it is, or the recreation reused the old value), and a Secret whose object was created long before the ' +
    'recorded rotation, and shows no write of its data since, claims a rotation that did not happen. Where the repository, or a ' +
    '`kubectl get secret -o yaml` dump the plan names (`evidence: file:path`), shows a creation time (metadata.creationTimestamp), a rotation ' +
    'annotation (`rotated-at`, `…/last-rotated`, `…/updated-at`) or a managedFields write of its data, this check compares it with `rotated:`. ' +
    'Only metadata is read: never data or stringData.',
  fix:
    'Set `rotated:` to the day the value was really last changed (the newest time the check shows), or rotate the secret now and record the ' +
    'day; annotate rotations in the manifest (`example.com/rotated-at: 2026-03-04`) so the record can be checked. Refresh the dump ' +
    '(`kubectl get secret NAME -n NS -o yaml --show-managed-fields > dump.yaml`, then delete its data before committing) when it is old.',
  refs: ['OWASP Secrets Management Cheat Sheet (rotation, auditing)', 'NIST SP 800-57 Part 1 Rev. 5 §5.3', 'Kubernetes: Secrets good practices'],
  messages: {
    staleRecord: 'The plan records {name} as rotated on {rotated}, but the secret was written or recreated later, {shown}: the record is stale',
    noRotation: 'The plan records {name} as rotated on {rotated}, but the newest time the secret shows is {shown}, before it: the rotation is not seen',
    evidenceMissing: 'The evidence of secret {name} is not there: {missing}',
    evidenceUntimed: 'The evidence of secret {name}, {file}, shows no creation or rotation time for the secret (metadata.creationTimestamp, a rotation annotation, managedFields)',
  },
  claims: [
    {
      about: 'recorded secret rotation matches the cluster',
      names: [['rotat*', 'secret*', 'since'], ['rotat*', 'secret*', 'cluster'], ['rotat*', 'secret*', 'record*'], ['secret*', 'rotated', 'bootstrap']],
    },
  ],
  options: z
    .object({
      /** Days a time may differ from the recorded day before they disagree (time zones, a rotation over midnight). */
      toleranceDays: z.number().int().nonnegative().default(1),
    })
    .strict(),
  evaluate(record, ctx, options) {
    const { object, missing } = record.object();
    if (missing) return ctx.fail(record.location, 'evidenceMissing', { name: record.name, missing });
    if (!object || !record.rotated) return ctx.notApplicable();
    const times = secretTimes(object);
    const latest = times.rotated ?? times.created;
    if (!latest) {
      if (record.evidenceFile) return ctx.fail(object.location, 'evidenceUntimed', { name: record.name, file: object.file });
      return ctx.notApplicable();
    }
    const tolerance = (options.toleranceDays + 1) * DAY_MS; // `rotated` is a day: any time that day agrees.
    const rotated = formatDate(record.rotated);
    const related = [{ at: record.location, message: `rotated: ${rotated} in the plan` }];
    ctx.computed({ recorded: rotated, shown: latest.at.toISOString(), source: latest.source });
    if (latest.at.getTime() >= record.rotated.getTime() + tolerance)
      return ctx.fail(latest.location, 'staleRecord', { name: record.name, rotated, shown: shown(latest) }, { evidence: shown(latest), related });
    if (!times.rotated && times.created && times.created.at.getTime() < record.rotated.getTime() - options.toleranceDays * DAY_MS)
      return ctx.fail(times.created.location, 'noRotation', { name: record.name, rotated, shown: shown(times.created) }, { evidence: shown(times.created), related });
    if (times.rotated && times.rotated.at.getTime() < record.rotated.getTime() - options.toleranceDays * DAY_MS)
      return ctx.fail(times.rotated.location, 'noRotation', { name: record.name, rotated, shown: shown(times.rotated) }, { evidence: shown(times.rotated), related });
    ctx.measured(`${shown(latest)} agrees with rotated: ${rotated}`);
  },
});
