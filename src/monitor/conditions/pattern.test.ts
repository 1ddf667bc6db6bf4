import { describe, expect, it } from 'vitest';
import { Pattern } from './pattern.js';

/** 1 MB of x and y: RE2's DFA gives up on the pattern below, its NFA takes seconds over this. */
const XY = randomXY(1 << 20);
const HEAVY = Pattern.compile('(x|y)*x(x|y){300}$', '', 1);
const never = new AbortController().signal;

describe('Pattern', () => {
  it('matches a short text at once, on the event loop', () => {
    const pattern = Pattern.compile('^(a+)+$', '', 1);
    expect(pattern.test(`${'a'.repeat(40)}!`, never)).toBe(false);
    expect(pattern.test('aaa', never)).toBe(true);
  });

  it('matches a long text against a costly pattern off the event loop, with the same answer', async () => {
    const found = HEAVY.test(`${XY.slice(0, 20_000)}x${'y'.repeat(300)}`, never);
    expect(found).toBeInstanceOf(Promise);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    try {
      expect(await found).toBe(true);
      expect(await HEAVY.test(`${XY.slice(0, 20_000)}${'y'.repeat(301)}`, never)).toBe(false);
    } finally {
      clearInterval(ticker);
    }
    // The event loop kept turning while the worker matched.
    expect(ticks).toBeGreaterThan(2);
  }, 60_000);

  it('abandons a long match when its signal aborts, and the next match still works', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(new Error('timeout after 200ms')), 200);
    // The 301st character from the end is a y: no match, found only at the end of a long NFA scan.
    await expect(HEAVY.test(`${XY}${'y'.repeat(301)}`, controller.signal)).rejects.toThrow('timeout after 200ms');
    expect(performance.now() - started).toBeLessThan(1500);
    expect(await HEAVY.test(`${'y'.repeat(20_000)}x${'x'.repeat(300)}`, never)).toBe(true);
  }, 30_000);

  it('finds the first matching text of a list', () => {
    expect(Pattern.compile('^v=spf1', '', 1).find(['google-site-verification=x', 'v=spf1 -all'], never)).toBe('v=spf1 -all');
    expect(Pattern.compile('^v=spf1', '', 1).find(['other'], never)).toBeUndefined();
  });
});

function randomXY(length: number): string {
  let seed = 42;
  let text = '';
  for (let i = 0; i < length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    text += seed & 0x10000 ? 'x' : 'y';
  }
  return text;
}
