import { execFileSync } from 'node:child_process';
import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLines, harden, removeTempDirs, tempDir } from './cli.js';

// Hostile plan files: each must be refused with one line and exit code 2, fast and in a small heap.
describe('adversarial plans: size and file type', () => {
  afterAll(removeTempDirs);

  it('refuses a 200 MB plan without reading it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'harden.yaml'), 'version: 1\nitems:\n');
    truncateSync(join(dir, 'harden.yaml'), 200 * 1024 * 1024);
    const run = harden(['verify', '--plan', 'harden.yaml', '.'], { cwd: dir, wallMs: 10_000 });
    expect(run.code).toBe(2);
    expect(errorLines(run)).toEqual(['harden.yaml: the plan is 200 MB, over the 10 MB limit']);
  });

  it('refuses a plan that is a link to /dev/zero or a FIFO, instead of reading forever', () => {
    const dir = tempDir();
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    for (const plan of ['zero.yaml', 'fifo.yaml']) {
      const run = harden(['verify', '--plan', plan, '.'], { cwd: dir, wallMs: 10_000 });
      expect(run.code).toBe(2);
      expect(errorLines(run)).toEqual([`${plan}: the plan is not a regular file`]);
    }
  });
});
