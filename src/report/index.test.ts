import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { fixtureContext, fixturePlan, makeScanRun, sampleScanRun } from '../testing/scan-run-fixture.js';
import { FORMAT_IDS } from './format-ids.js';
import { FORMATS, formatById } from './index.js';

describe('report format registry', () => {
  it('has unique ids and finds each format by id', () => {
    const ids = FORMATS.map((format) => format.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['json', 'sarif', 'junit']));
    for (const format of FORMATS) expect(formatById(format.id)).toBe(format);
  });

  it('lists the same ids in the same order as the options of the commands (format-ids.ts)', () => {
    expect(FORMATS.map((format) => format.id)).toEqual([...FORMAT_IDS]);
  });

  it('rejects an unknown id with the list of known ones', () => {
    expect(() => formatById('yaml')).toThrow(InputError);
    expect(() => formatById('yaml')).toThrow(`unknown report format "yaml" (formats: ${FORMATS.map((f) => f.id).join(', ')})`);
  });

  describe.each(FORMATS.map((format) => [format.id, format] as const))('%s', (_id, format) => {
    it('describes itself and names a file extension', () => {
      expect(format.description.length).toBeGreaterThan(0);
      expect(format.extension).toMatch(/^[a-z]+$/);
    });

    it('renders a full run and an empty run as text ending in a newline, the same way twice', () => {
      const context = fixtureContext({ plan: fixturePlan() });
      for (const run of [sampleScanRun(), makeScanRun()]) {
        const text = format.render(run, context);
        expect(text.endsWith('\n')).toBe(true);
        expect(format.render(run, context)).toBe(text);
      }
    });
  });
});
