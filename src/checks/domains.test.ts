import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECK_DOMAIN_IDS, CHECK_DOMAINS, domainsReading, loadCatalog } from './domains.js';
import { catalog, CHECKS } from './index.js';

const CHECKS_DIR = fileURLToPath(new URL('.', import.meta.url));

describe('check domains, loaded one by one', () => {
  it.each(CHECK_DOMAIN_IDS)('%s lists every check module of its folder, and its targets are those its checks read', async (domain) => {
    const checks = await CHECK_DOMAINS[domain].load();
    const files = readdirSync(`${CHECKS_DIR}/${domain}`).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
    expect(checks.map((check) => check.id).sort()).toEqual(files.map((name) => `${domain}/${name.slice(0, -3)}`).sort());
    expect([...new Set(checks.map((check) => check.target))].sort()).toEqual([...CHECK_DOMAINS[domain].targets].sort());
  });

  it('every domain together is the whole catalog', async () => {
    const loaded = await loadCatalog(CHECK_DOMAIN_IDS);
    expect([...loaded.keys()].sort()).toEqual([...catalog.keys()].sort());
    expect(new Set(CHECKS.map((check) => check.domain))).toEqual(new Set(CHECK_DOMAIN_IDS));
  });

  it('a run loads the domains reading the target kinds it has: none for an empty tree without live targets', async () => {
    expect(domainsReading(new Set())).toEqual([]);
    expect(domainsReading(new Set(['repo-file', 'dockerfile']))).toEqual(['docker', 'repo']);
    expect(domainsReading(new Set(['site']))).toEqual(['http', 'probe']);
    expect([...(await loadCatalog(['dns'])).values()].every((check) => check.domain === 'dns')).toBe(true);
  });
});
