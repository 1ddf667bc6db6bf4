import { describe, expect, it } from 'vitest';
import { domainsNamed } from './select.js';

const KNOWN = ['k8s', 'docker', 'repo'];

describe('domainsNamed', () => {
  it('names the domains of ids, bare domains and domain globs', () => {
    expect(domainsNamed([], KNOWN)).toEqual([]);
    expect(domainsNamed(['k8s/privileged', 'docker', 'k8s/*'], KNOWN)).toEqual(['k8s', 'docker']);
  });

  it('is "all" for a glob across domains or a domain it does not know (its error lists the whole catalog)', () => {
    expect(domainsNamed(['*/latest-image'], KNOWN)).toBe('all');
    expect(domainsNamed(['k8s', 'kubernetes/privileged'], KNOWN)).toBe('all');
  });
});
