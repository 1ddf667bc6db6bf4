import { describe, expect, it } from 'vitest';
import type { Claim } from '../claim.js';
import { CHECKS } from './index.js';

/**
 * Words too common in trackers to make a claim on their own ("rotate the secret", "admin
 * MFA", "update the image"): a name may hold them only next to a word that pins them down.
 * Matched on the word without a trailing `*` or plural s.
 */
const GENERIC_WORDS = new Set([
  'access', 'admin', 'api', 'auth', 'authentication', 'backup', 'build', 'cache', 'cert', 'certificate', 'ci', 'config',
  'configuration', 'container', 'credential', 'debug', 'default', 'deploy', 'dns', 'docker', 'email', 'encrypt', 'encryption',
  'env', 'environment', 'exposed', 'file', 'firewall', 'hardening', 'header', 'http', 'https', 'image', 'key', 'kubernetes',
  'latest', 'limit', 'log', 'mail', 'network', 'password', 'permission', 'pin', 'pod', 'policy', 'port', 'production',
  'public', 'rate', 'root', 'scan', 'script', 'secret', 'security', 'server', 'service', 'ssl', 'tag', 'tls', 'token', 'user', 'version',
]);

type Name = Claim['names'][number];

/** The words a name part is matched on (case and punctuation do not count), as the doc comment of Claim says. */
function words(part: string): string[] {
  return part.toLowerCase().split(/[^a-z0-9*]+/).filter((word) => word.replace(/\*/g, '') !== '');
}

function isGeneric(word: string): boolean {
  const bare = word.replace(/\*$/, '');
  const singular = bare.endsWith('ies') ? `${bare.slice(0, -3)}y` : bare.replace(/s$/, '');
  return GENERIC_WORDS.has(bare) || GENERIC_WORDS.has(singular);
}

function parts(name: Name): readonly string[] {
  return typeof name === 'string' ? [name] : name;
}

/** One spelling of a name: its parts' words, parts in order of their text. */
function key(name: Name): string {
  return parts(name)
    .map((part) => words(part).join(' '))
    .sort()
    .join(' + ');
}

const allClaims = CHECKS.flatMap((check) => (check.claims ?? []).map((claim) => [check.id, claim.about, claim] as const));

describe('claims', () => {
  it.each(CHECKS.map((check) => [check.id, check] as const))('%s declares what claims it verifies', (_id, check) => {
    expect(check.claims?.length ?? 0).toBeGreaterThan(0);
  });

  it.each(allClaims)('%s "%s" has a description and names', (_id, about, claim) => {
    expect(about.trim()).not.toBe('');
    expect(claim.names.length).toBeGreaterThan(0);
  });

  it.each(allClaims)('%s "%s": every name has words, and none is a bare generic word', (_id, _about, claim) => {
    for (const name of [...claim.names, ...(claim.unless ?? [])]) {
      expect(parts(name).length, JSON.stringify(name)).toBeGreaterThan(0);
      for (const part of parts(name)) expect(words(part).length, JSON.stringify(name)).toBeGreaterThan(0);
    }
    for (const name of claim.names) {
      const only = parts(name).length === 1 ? words(parts(name)[0]!) : [];
      expect(only.length === 1 && isGeneric(only[0]!), `${JSON.stringify(name)} is a bare generic word`).toBe(false);
    }
  });

  it.each(allClaims)('%s "%s": a wildcard ends a word of at least three letters', (_id, _about, claim) => {
    for (const name of [...claim.names, ...(claim.unless ?? [])])
      for (const part of parts(name))
        for (const word of words(part)) if (word.includes('*')) expect(word, JSON.stringify(name)).toMatch(/^[a-z0-9]{3,}\*$/);
  });

  it.each(CHECKS.map((check) => [check.id, check] as const))('%s: claims judge its own messages, each claim different reports', (_id, check) => {
    const ids = Object.keys(check.messages);
    const scopes = (check.claims ?? []).map((claim) => {
      for (const messageId of claim.messages ?? []) expect(ids, claim.about).toContain(messageId);
      return [...new Set(claim.messages ?? ids)].sort().join(',');
    });
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it.each(CHECKS.map((check) => [check.id, check] as const))('%s: no name is declared twice', (_id, check) => {
    const names = (check.claims ?? []).flatMap((claim) => claim.names.map(key));
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    expect(repeated).toEqual([]);
  });
});

describe('the stoplist rule', () => {
  it('refuses a bare generic word, also with a wildcard or plural, and accepts it pinned down', () => {
    const bare = (name: Name) => parts(name).length === 1 && words(parts(name)[0]!).length === 1 && isGeneric(words(parts(name)[0]!)[0]!);
    expect(bare('secret')).toBe(true);
    expect(bare('Secrets')).toBe(true);
    expect(bare('token*')).toBe(true);
    expect(bare('policies')).toBe(true);
    expect(bare(['admin'])).toBe(true);
    expect(bare(['privileged', 'container'])).toBe(false);
    expect(bare('HSTS')).toBe(false);
    expect(bare('root user')).toBe(false);
  });

  it('treats punctuation and case as one spelling', () => {
    expect(key('Strict-Transport-Security')).toBe(key('strict transport security'));
    expect(key(['privileged', 'container*'])).toBe(key(['Container*', 'PRIVILEGED']));
  });
});
