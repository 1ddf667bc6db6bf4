import type { MonitorKind } from '../model.js';
import type { Condition } from './condition.js';

/**
 * The conditions a monitor has without writing them, for what `given` does not mention:
 * http `status` 200-399, dns at least one answer, tls an unexpired certificate.
 */
export function defaults(kind: MonitorKind, given: readonly Condition[]): Condition[] {
  const mentions = (subject: string) => given.some((condition) => condition.subject === subject);
  if (kind === 'http' && !mentions('status'))
    return [{ text: '', subject: 'status', test: ({ observation: { status } }) => (status === undefined ? 'no response' : status >= 200 && status < 400 ? undefined : `status ${status}`) }];
  if (kind === 'dns' && !mentions('answers')) return [{ text: '', subject: 'answers', test: ({ observation }) => (observation.answers?.length ? undefined : 'NODATA (no answers)') }];
  if (kind === 'tls' && !mentions('cert.expires'))
    return [
      {
        text: '',
        subject: 'cert.expires',
        test: ({ observation, now }) => (observation.certExpiresAt === undefined ? 'no certificate' : observation.certExpiresAt > now ? undefined : 'certificate has expired'),
      },
    ];
  return [];
}
