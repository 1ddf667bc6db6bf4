import { describe, expect, it } from 'vitest';
import { isLoopbackOnly, isPubliclyBound, parseListeningSockets } from './listening-sockets.js';
import { recorded } from './recorded.js';

describe('ss -H -tuln (recorded)', () => {
  const sockets = parseListeningSockets(recorded('ss-tuln.txt'));

  it('reads protocol, address (IPv6 brackets, *, %iface) and port of every line', () => {
    expect(sockets).toHaveLength(13);
    expect(sockets.map((s) => `${s.proto} ${s.address}${s.iface ? `%${s.iface}` : ''} ${s.port}`)).toEqual([
      'udp 127.0.0.53%lo 53',
      'udp 0.0.0.0 68',
      'udp * 8472',
      'tcp 127.0.0.1 10250',
      'tcp 0.0.0.0 6443',
      'tcp 0.0.0.0 5432',
      'tcp 127.0.0.53%lo 53',
      'tcp 0.0.0.0 22',
      'tcp 127.0.0.1 6379',
      'tcp :: 22',
      'tcp * 443',
      'tcp ::1 6379',
      'tcp :: 10250',
    ]);
  });

  it('tells loopback-only binds from wildcard and public ones', () => {
    const publicly = sockets.filter(isPubliclyBound).map((s) => `${s.proto}/${s.port}`);
    expect(publicly).toEqual(['udp/68', 'udp/8472', 'tcp/6443', 'tcp/5432', 'tcp/22', 'tcp/22', 'tcp/443', 'tcp/10250']);
    expect(sockets.filter(isLoopbackOnly)).toHaveLength(5);
  });

  it('private addresses are not public binds; a header line and blank lines are skipped', () => {
    const parsed = parseListeningSockets(
      'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port\ntcp LISTEN 0 4096 10.0.0.5:5432 0.0.0.0:*\ntcp LISTEN 0 4096 [fe80::1]%eth0:546 [::]:*\n\n' +
        'tcp LISTEN 0 511 203.0.113.10:80 0.0.0.0:*\nudp UNCONN 0 0 0.0.0.0%virbr0:67 0.0.0.0:*\ntcp LISTEN 0 4096 127.0.0.54:53 0.0.0.0:*\ntcp LISTEN 0 4096 [::ffff:127.0.0.1]:8080 *:*\n',
    );
    expect(parsed.map((s) => [s.address, s.iface ?? '', isPubliclyBound(s), isLoopbackOnly(s)])).toEqual([
      ['10.0.0.5', '', false, false],
      ['fe80::1', 'eth0', false, false],
      ['203.0.113.10', '', true, false],
      ['0.0.0.0', 'virbr0', false, false],
      ['127.0.0.54', '', false, true],
      ['::ffff:127.0.0.1', '', false, true],
    ]);
  });
});
