import { afterAll, describe, expect, it } from 'vitest';
import { errorLines, harden, removeTempDirs, tree } from './cli.js';

const verify = (plan: string) => harden(['verify', '.'], { cwd: tree({ 'harden.yaml': plan }), wallMs: 15_000 });

// Plans that are YAML but not what they seem: each is refused with file:line:col and exit code 2.
describe('adversarial plans: shape', () => {
  afterAll(removeTempDirs);

  it('refuses deep nesting with a clear line instead of "Maximum call stack size exceeded"', () => {
    for (const plan of [`items: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}a:`).join('\n')]) {
      const run = verify(plan);
      expect(run.code).toBe(2);
      expect(errorLines(run)).toEqual([expect.stringMatching(/^harden\.yaml:\d+:\d+: nested more than 256 levels deep$/)]);
    }
  });

  it('says what type was expected and found', () => {
    const run = verify('items:\n  - id: 5\n    title: t\n');
    expect(run.code).toBe(2);
    expect(errorLines(run)).toEqual(['harden.yaml:2:5: "id" must be a string, found a number (5)']);
    const list = verify('- id: A\n  title: t\n');
    expect(list.code).toBe(2);
    expect(errorLines(list)).toEqual(['harden.yaml:1:1: the plan must be a mapping (version:, targets:, items:, ...), found a list']);
  });

  it('refuses a duplicate key and a second document, which used to be dropped silently', () => {
    const twice = verify('items:\n  - { id: A, title: t, status: done, status: open }\n');
    expect(twice.code).toBe(2);
    expect(errorLines(twice)).toEqual(['harden.yaml:2:38: "status" is set twice (first at line 2); a key may appear once in a mapping']);
    const second = verify('version: 1\n---\nwaivers: [{ check: "*", reason: all of them }]\n');
    expect(second.code).toBe(2);
    expect(errorLines(second)).toEqual(['harden.yaml:3:1: a second YAML document: a plan is one document (remove the "---" line before this one, or what follows it)']);
  });
});
