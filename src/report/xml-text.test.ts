import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { xmlAttributes, xmlText } from './xml-text.js';

/** Text with everything XML escapes or cannot hold: markup, quotes, line breaks, controls, lone surrogates, non-characters. */
const HOSTILE = '> < & " \' ]]> \r \n \t \u0000 \u001b[2J \u0085 \u2028 \ud800 \udc00 \ud83d\ude00 \ufffe \uffff é 日本';

describe('xml-text', () => {
  it('escapes text and attributes exactly as the xmlbuilder2 library does', () => {
    const element = create({ invalidCharReplacement: '\uFFFD' }).ele('a', { v: HOSTILE, w: 'plain' });
    element.txt(HOSTILE);
    expect(`<a${xmlAttributes({ v: HOSTILE, w: 'plain' })}>${xmlText(HOSTILE)}</a>`).toBe(element.end({ headless: true }));
  });
});
