import { describe, expect, it } from 'vitest';
import { allOf, normalizeWords, phrase } from './words.js';

describe('linker words', () => {
  it('reads case and punctuation alike', () => {
    expect(normalizeWords('Strict-Transport-Security: max-age')).toBe(' strict transport security max age ');
    expect(normalizeWords('STRICT_TRANSPORT_SECURITY')).toBe(' strict transport security ');
    expect(normalizeWords('runAsNonRoot')).toBe(' runasnonroot ');
  });

  it('matches a phrase on whole words, a trailing * on any ending', () => {
    const text = normalizeWords('HSTS not preload-eligible; etcd encryption at rest');
    expect(phrase('HSTS').matches(text)).toBe(true);
    expect(phrase('hst').matches(text)).toBe(false);
    expect(phrase('preload eligible').matches(text)).toBe(true);
    expect(phrase('encrypt*').matches(text)).toBe(true);
    expect(phrase('encrypt').matches(text)).toBe(false);
    expect(phrase('at-rest').matches(text)).toBe(true);
    expect(phrase('!!').matches(text)).toBe(false);
  });

  it('matches a list when every part occurs, in any order', () => {
    const text = normalizeWords('Containers run privileged in the worker pod');
    expect(allOf(['privileged', 'container*']).matches(text)).toBe(true);
    expect(allOf(['privileged', 'compose']).matches(text)).toBe(false);
  });
});
