import { z } from 'zod';
import { POSTGRES_AUTH_NAMES } from '../../targets/net/claims.js';
import { postgresAuthProbe } from '../../targets/net/postgres-wire.js';
import { defineCheck } from '../define.js';

export const postgresTrust = defineCheck({
  id: 'net/postgres-trust',
  title: 'PostgreSQL asks for a credential before letting a user in',
  severity: 'critical',
  target: 'service',
  why:
    'A pg_hba.conf "trust" line lets anyone who reaches the port log in as any role it covers, superuser included, without a password: ' +
    'full read/write of every database and, as superuser, code execution through COPY ... PROGRAM. The check sends one StartupMessage ' +
    '(protocol 3.0) for the user and database, reads the first reply and sends Terminate: AuthenticationOk means trust (fail); a password, ' +
    'MD5 or SCRAM request, or a rejection, passes. When pg_hba.conf rejects the plain-text attempt it asks again over TLS, since hostssl ' +
    'lines only match encrypted connections. It never sends a credential.',
  fix:
    'In pg_hba.conf replace `trust` with `scram-sha-256` on every host/hostssl line (and `password_encryption = scram-sha-256` in ' +
    'postgresql.conf), set passwords (`ALTER ROLE postgres PASSWORD \'...\'`), keep `listen_addresses` private, then `SELECT pg_reload_conf();`.',
  refs: ['PostgreSQL documentation 21.1 The pg_hba.conf File and 21.4 Trust Authentication', 'CIS PostgreSQL Benchmark 4.x (authentication)', 'OWASP Top 10 2021 A07 Identification and Authentication Failures'],
  messages: {
    trust: 'PostgreSQL at {host}:{port} let user "{user}" into database "{database}" without asking for a credential (trust)',
  },
  claims: [{ about: 'PostgreSQL asks for a credential', names: POSTGRES_AUTH_NAMES }],
  options: z
    .object({
      user: z.string().min(1).default('postgres'),
      database: z.string().min(1).default('postgres'),
    })
    .strict(),
  async evaluate(service, ctx, options) {
    if (service.kind !== 'postgres') {
      ctx.notApplicable();
      return;
    }
    const reply = await postgresAuthProbe(service.host, service.port, { ...options, timeoutMs: service.timeoutMs });
    if (reply.kind === 'ok') {
      ctx.fail(service.location, 'trust', { host: service.host, port: service.port, user: options.user, database: options.database }, `AuthenticationOk (R, code 0) in reply to the StartupMessage${reply.overTls ? ' over TLS (a hostssl line)' : ''}`);
    } else if (reply.kind === 'unexpected') {
      throw new Error(`${service.host}:${service.port} does not answer like PostgreSQL: ${reply.detail}`);
    }
  },
});
