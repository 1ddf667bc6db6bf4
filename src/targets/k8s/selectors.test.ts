import { describe, expect, it } from 'vitest';
import { labelsOf, parseLabelSelector, parseMapSelector } from './selectors.js';

const labels = (record: Record<string, unknown>) => labelsOf(record);

describe('parseLabelSelector', () => {
  it('matchLabels: every pair must match', () => {
    const selector = parseLabelSelector({ matchLabels: { app: 'web', tier: 'front' } });
    expect(selector.matches(labels({ app: 'web', tier: 'front', extra: 'x' }))).toBe(true);
    expect(selector.matches(labels({ app: 'web' }))).toBe(false);
    expect(selector.selectsAll).toBe(false);
  });

  it.each([
    [{ key: 'app', operator: 'In', values: ['api', 'web'] }, { app: 'web' }, true],
    [{ key: 'app', operator: 'In', values: ['api', 'web'] }, { app: 'admin' }, false],
    [{ key: 'app', operator: 'In', values: ['api'] }, {}, false],
    [{ key: 'app', operator: 'NotIn', values: ['api'] }, { app: 'web' }, true],
    [{ key: 'app', operator: 'NotIn', values: ['api'] }, {}, true],
    [{ key: 'app', operator: 'NotIn', values: ['api'] }, { app: 'api' }, false],
    [{ key: 'app', operator: 'Exists' }, { app: '' }, true],
    [{ key: 'app', operator: 'Exists' }, { other: 'x' }, false],
    [{ key: 'app', operator: 'DoesNotExist' }, { other: 'x' }, true],
    [{ key: 'app', operator: 'DoesNotExist' }, { app: 'x' }, false],
  ])('matchExpressions %j on %j: %s', (expression, podLabels, expected) => {
    expect(parseLabelSelector({ matchExpressions: [expression] }).matches(labels(podLabels))).toBe(expected);
  });

  it('matchLabels and matchExpressions are ANDed', () => {
    const selector = parseLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] });
    expect(selector.matches(labels({ app: 'web', track: 'stable' }))).toBe(true);
    expect(selector.matches(labels({ app: 'web', track: 'canary' }))).toBe(false);
  });

  it('an empty or absent selector selects everything', () => {
    expect(parseLabelSelector({}).selectsAll).toBe(true);
    expect(parseLabelSelector(undefined).selectsAll).toBe(true);
    expect(parseLabelSelector({ matchLabels: {}, matchExpressions: [] }).matches(labels({ any: 'thing' }))).toBe(true);
  });

  it('invalid shapes select nothing and never throw', () => {
    for (const value of [
      { matchExpressions: [{ key: 'app', operator: 'Like', values: ['x'] }] },
      { matchExpressions: [{ key: 'app', operator: 'In' }] },
      { matchExpressions: ['app in (x)'] },
      { matchLabels: { app: { nested: true } } },
    ]) {
      const selector = parseLabelSelector(value);
      expect(selector.invalid).toBe(true);
      expect(selector.selectsAll).toBe(false);
      expect(selector.matches(labels({ app: 'x' }))).toBe(false);
    }
    expect(parseLabelSelector('app=web').selectsAll).toBe(true);
  });

  it('unquoted numbers and booleans compare as the strings the API stores', () => {
    expect(parseLabelSelector({ matchLabels: { version: 2, canary: true } }).matches(labels({ version: '2', canary: 'true' }))).toBe(true);
  });
});

describe('parseMapSelector', () => {
  it('a Service selector is a plain map', () => {
    const selector = parseMapSelector({ app: 'admin' });
    expect(selector.matches(labels({ app: 'admin', pod: 'x' }))).toBe(true);
    expect(selector.matches(labels({ app: 'admin-web' }))).toBe(false);
    expect(parseMapSelector(undefined).selectsAll).toBe(true);
  });
});
