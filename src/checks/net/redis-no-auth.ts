import { REDIS_AUTH_NAMES, REDIS_AUTH_UNLESS } from '../../targets/net/claims.js';
import { redisPing } from '../../targets/net/redis-wire.js';
import { defineCheck } from '../define.js';

export const redisNoAuth = defineCheck({
  id: 'net/redis-no-auth',
  title: 'Redis requires authentication',
  severity: 'critical',
  target: 'service',
  why:
    'A Redis server that answers commands without AUTH gives anyone who reaches the port every key, and through CONFIG SET / MODULE LOAD / ' +
    'replication tricks, code execution on the host; unauthenticated Redis is among the most exploited services on the Internet. The check ' +
    'sends one inline PING: +PONG means no authentication is required (fail); -NOAUTH means a password is required (pass). A -DENIED ' +
    '(protected mode) reply also passes: Redis refuses outside clients because no password is set, which the check cannot see from a loopback peer.',
  fix:
    'Set a password or ACL users: `requirepass <long random secret>` (or `user default off` plus named ACL users) in redis.conf, keep ' +
    '`protected-mode yes`, bind to a private interface (`bind 127.0.0.1 ::1`), and rename or disable CONFIG/DEBUG/MODULE for the app user.',
  refs: ['Redis security documentation (redis.io/docs/latest/operate/oss_and_stack/management/security/)', 'CIS Controls v8 5.2', 'OWASP Top 10 2021 A07 Identification and Authentication Failures', 'CVE-2022-0543 (Lua sandbox escape via unauthenticated Redis)'],
  messages: {
    noAuth: 'Redis at {host}:{port} answered PING with +PONG: it requires no authentication',
  },
  claims: [{ about: 'Redis requires authentication', names: REDIS_AUTH_NAMES, unless: REDIS_AUTH_UNLESS }],
  async evaluate(service, ctx) {
    if (service.kind !== 'redis') {
      ctx.notApplicable();
      return;
    }
    const reply = await redisPing(service.host, service.port, service.timeoutMs);
    if (reply.kind === 'pong') ctx.fail(service.location, 'noAuth', { host: service.host, port: service.port }, reply.line);
    else if (reply.kind === 'unexpected') throw new Error(`${service.host}:${service.port} does not answer like Redis: ${JSON.stringify(reply.line)}`);
  },
});
