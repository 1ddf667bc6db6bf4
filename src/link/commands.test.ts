import { describe, expect, it } from 'vitest';
import { commandsIn, hintsOf } from './commands.js';

describe('verification commands in an item', () => {
  it('finds Verify: lines and code spans that run a checking program', () => {
    const text = ['Fixed in #12.', 'Verify: dig +short TXT _dmarc.shop.example.org', 'Also `curl -sI https://shop.example.org/ | grep -i strict-transport-security`, then `make deploy`.'].join('\n');
    expect(commandsIn(text)).toEqual(['dig +short TXT _dmarc.shop.example.org', 'curl -sI https://shop.example.org/ | grep -i strict-transport-security']);
  });

  it('reads what a DNS query checks, and on which domain', () => {
    expect(hintsOf('dig +short TXT _dmarc.shop.example.org')).toMatchObject([{ check: 'dns/dmarc', target: { kind: 'domain', name: 'shop.example.org' } }]);
    expect(hintsOf('dig CAA shop.example.org')).toMatchObject([{ check: 'dns/caa', target: { name: 'shop.example.org' } }]);
    expect(hintsOf('dig TXT shop.example.org | grep spf1')).toMatchObject([{ check: 'dns/spf' }]);
    expect(hintsOf('nslookup -type=DS shop.example.org')).toMatchObject([{ check: 'dns/dnssec' }]);
    expect(hintsOf('dig A shop.example.org')).toEqual([]);
  });

  it('reads which header a request is grepped for, and the site', () => {
    expect(hintsOf('curl -sI https://admin.shop.example.org/login | grep -i cache-control')).toEqual([]);
    expect(hintsOf('curl -sSI https://app.shop.example.org/ | grep -i strict-transport-security | grep preload')).toMatchObject([
      { check: 'http/hsts', target: { kind: 'site', url: 'https://app.shop.example.org' } },
    ]);
    expect(hintsOf('curl -s https://shop.example.org/.well-known/security.txt')).toMatchObject([{ check: 'http/security-txt' }]);
    expect(hintsOf('curl -I https://shop.example.org | grep -i x-powered-by')).toMatchObject([{ check: 'http/server-leaks' }]);
  });

  it('reads TLS handshakes and datastore logins', () => {
    expect(hintsOf('openssl s_client -connect api.shop.example.org:443 -tls1_1')).toMatchObject([
      { check: 'tls/protocol-versions', target: { kind: 'site', url: 'https://api.shop.example.org' } },
    ]);
    expect(hintsOf('echo | openssl s_client -connect api.shop.example.org:8443 -status')).toMatchObject([
      { check: 'tls/ocsp-stapling', target: { url: 'https://api.shop.example.org:8443' } },
    ]);
    expect(hintsOf('redis-cli -h cache.internal.example.org ping')).toMatchObject([
      { check: 'net/redis-no-auth', target: { kind: 'service', host: 'cache.internal.example.org', port: 6379, service: 'redis' } },
    ]);
    expect(hintsOf('psql -h db.example.org -p 6432 -U app')).toMatchObject([{ check: 'net/postgres-trust', target: { port: 6432, service: 'postgres' } }]);
  });
});
