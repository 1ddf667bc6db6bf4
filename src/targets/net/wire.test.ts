import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServices, startPostgres, type RunningService } from '../../testing/services.js';
import { parseAuthReply, postgresAuthProbe, SSL_REQUEST, startupMessage, TERMINATE } from './postgres-wire.js';
import { parseRedisPingReply } from './redis-wire.js';

describe('redis PING replies', () => {
  it('tells no-auth, auth-required, protected mode and other replies apart', () => {
    expect(parseRedisPingReply('+PONG\r\n').kind).toBe('pong');
    expect(parseRedisPingReply('-NOAUTH Authentication required.\r\n').kind).toBe('auth-required');
    expect(parseRedisPingReply('-ERR operation not permitted, authentication required\r\n').kind).toBe('auth-required');
    expect(parseRedisPingReply('-DENIED Redis is running in protected mode because ...\r\n').kind).toBe('protected-mode');
    expect(parseRedisPingReply('HTTP/1.1 400 Bad Request\r\n')).toEqual({ kind: 'unexpected', line: 'HTTP/1.1 400 Bad Request' });
  });
});

describe('postgres wire', () => {
  it('writes a protocol 3.0 StartupMessage', () => {
    const message = startupMessage({ user: 'postgres', database: 'db' });
    expect(message.readInt32BE(0)).toBe(message.length);
    expect(message.readInt32BE(4)).toBe(196608);
    expect(message.subarray(8).toString('latin1')).toBe('user\0postgres\0database\0db\0\0');
    expect([...TERMINATE]).toEqual([0x58, 0, 0, 0, 4]);
    expect(SSL_REQUEST.readInt32BE(0)).toBe(8);
    expect(SSL_REQUEST.readInt32BE(4)).toBe(80877103);
  });

  const message = (type: string, body: Buffer) => {
    const header = Buffer.alloc(5);
    header.write(type, 0, 'latin1');
    header.writeInt32BE(4 + body.length, 1);
    return Buffer.concat([header, body]);
  };
  const int32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    return b;
  };

  it('reads the first authentication message', () => {
    expect(parseAuthReply(message('R', int32(0)))).toEqual({ kind: 'ok' });
    expect(parseAuthReply(message('R', Buffer.concat([int32(5), Buffer.from('salt')])))).toEqual({ kind: 'challenge', method: 'MD5 password' });
    expect(parseAuthReply(message('R', int32(3)))).toEqual({ kind: 'challenge', method: 'cleartext password' });
    expect(parseAuthReply(message('R', Buffer.concat([int32(10), Buffer.from('SCRAM-SHA-256\0SCRAM-SHA-256-PLUS\0\0')])))).toEqual({ kind: 'challenge', method: 'SASL', mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS'] });
    expect(parseAuthReply(message('E', Buffer.from('SFATAL\0C28000\0Mno pg_hba.conf entry\0\0')))).toEqual({ kind: 'error', code: '28000', message: 'no pg_hba.conf entry' });
    expect(parseAuthReply(Buffer.from('HTTP/1.1 400')).kind).toBe('unexpected');
    expect(parseAuthReply(message('R', int32(0)).subarray(0, 6)).kind).toBe('unexpected');
  });

  describe('against a real server', () => {
    let scram: RunningService;
    beforeAll(async () => {
      ensureServices();
      scram = await startPostgres({ auth: 'scram-sha-256', password: 'harden-test-secret' });
    }, 180_000);
    afterAll(() => scram?.close(), 60_000);

    it('gets a SASL SCRAM-SHA-256 request', async () => {
      expect(await postgresAuthProbe('127.0.0.1', scram.port, { user: 'postgres', database: 'postgres', timeoutMs: 5000 })).toEqual({ kind: 'challenge', method: 'SASL', mechanisms: ['SCRAM-SHA-256'], overTls: false });
    });
  });
});
