import { describe, expect, it } from 'vitest';
import { hasUnknownVariable, interpolate, parseDotenv } from './interpolate.js';

const vars = new Map([
  ['TAG', '1.4'],
  ['EMPTY', ''],
  ['HOST', 'db'],
]);

describe('compose interpolation', () => {
  it.each([
    ['redis:${TAG}', 'redis:1.4'],
    ['redis:$TAG-alpine', 'redis:1.4-alpine'],
    ['redis:${MISSING:-latest}', 'redis:latest'],
    ['redis:${EMPTY:-latest}', 'redis:latest'],
    ['redis:${EMPTY-latest}', 'redis:'],
    ['redis:${MISSING-latest}', 'redis:latest'],
    ['${MISSING:-${HOST:-x}}:5432', 'db:5432'],
    ['${TAG:+set}|${EMPTY:+set}|${EMPTY+set}', 'set||set'],
    ['${MISSING:+set}', '${MISSING:+set}'],
    ['${TAG:?need TAG} ${MISSING:?need MISSING}', '1.4 ${MISSING:?need MISSING}'],
    ['echo $$HOME $${TAG} $MISSING ${MISSING}', 'echo $HOME ${TAG} $MISSING ${MISSING}'],
    ['cost: 5$ and ${unclosed', 'cost: 5$ and ${unclosed'],
  ])('%s is %s', (text, expected) => {
    expect(interpolate(text, vars)).toBe(expected);
  });

  it('knows what is still unknown', () => {
    expect(hasUnknownVariable('redis:${TAG}')).toBe(true);
    expect(hasUnknownVariable('compose/$HOSTNAME/a.yml')).toBe(true);
    expect(hasUnknownVariable('echo $$HOME')).toBe(false);
    expect(hasUnknownVariable('5$')).toBe(false);
  });

  it('reads .env as Compose does: export, quotes, comments, earlier values', () => {
    const env = parseDotenv(['# comment', 'export A=1', 'B = "two words" ', "C='${A} literal'", 'D=${A}-x # trailing', 'E="line\\nbreak"', 'not a line', 'F='].join('\n'));
    expect(Object.fromEntries(env)).toEqual({ A: '1', B: 'two words', C: '${A} literal', D: '1-x', E: 'line\nbreak', F: '' });
  });
});
