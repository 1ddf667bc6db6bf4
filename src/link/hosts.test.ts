import { describe, expect, it } from 'vitest';
import { namedHosts, registrableDomain } from './hosts.js';

describe('hosts a tracker names', () => {
  it('finds sites and hosts with their registrable domains, never files, addresses or reserved names', () => {
    const text = [
      'Admin at https://admin.shopfront.io/login, API api.shopfront.io (see deploy.sh and app.py).',
      'Local: http://localhost:3000, http://10.0.0.5/, https://docs.example.com/x, db.internal, redis.svc.cluster.local.',
      'Pages on team.github.io; mail via mx1.shopfront.co.uk.',
    ].join('\n');
    const named = namedHosts(text);
    expect(named.sites).toEqual(['https://admin.shopfront.io']);
    expect(named.hosts.sort()).toEqual(['admin.shopfront.io', 'api.shopfront.io', 'mx1.shopfront.co.uk', 'team.github.io']);
    expect(named.domains.sort()).toEqual(['shopfront.co.uk', 'shopfront.io', 'team.github.io']);
  });

  it('knows multi-label public suffixes', () => {
    expect(registrableDomain('www.shop.example.co.uk')).toBe('example.co.uk');
  });
});
