import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../src/cli/output.js';
import { FORMATS } from '../../src/report/index.js';
import { fixtureContext, makeResult, makeScanRun } from '../../src/testing/scan-run-fixture.js';

/** V8's longest string (2^29 - 24 characters): a report built as one string fails past it. */
const MAX_STRING = 2 ** 29 - 24;

/** A sink that counts the characters it is given and keeps only the last ones. */
class CountingSink extends Writable {
  characters = 0;
  largestWrite = 0;
  tail = '';
  constructor() {
    super({ decodeStrings: false });
  }
  override _write(chunk: string, _encoding: BufferEncoding, done: () => void): void {
    this.characters += chunk.length;
    this.largestWrite = Math.max(this.largestWrite, chunk.length);
    this.tail = (this.tail + chunk.slice(-200)).slice(-200);
    done();
  }
}

/** Issue 9, defect 15: machine reports of a large repository are written in pieces, never held as one string. */
describe('a report larger than the longest string', () => {
  // 520 failures with 1 MiB of evidence each (one shared string: the run itself stays small); every format writes it.
  const evidence = 'x'.repeat(1 << 20);
  const run = makeScanRun({
    results: Array.from({ length: 520 }, (_, i) =>
      makeResult({ checkId: 'docker/no-latest-tag', status: 'fail', severity: 'high', evidence, location: { kind: 'file', path: `f${i}/Dockerfile`, line: 1, column: 1 }, target: `f${i}/Dockerfile` }),
    ),
  });

  it.each(['json', 'sarif', 'junit'])('%s is written whole, piece by piece', async (id) => {
    const format = FORMATS.find((f) => f.id === id)!;
    const sink = new CountingSink();
    await writeReport(format, run, fixtureContext(), sink);
    expect(sink.characters).toBeGreaterThan(MAX_STRING);
    expect(sink.largestWrite).toBeLessThan(16 << 20);
    expect(sink.tail).toMatch(id === 'junit' ? /<\/testsuites>\n$/ : /\n\}\n$/);
  }, 60_000);
});
