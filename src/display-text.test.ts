import { describe, expect, it } from 'vitest';
import { displayLines, displayText, escapeJsonControls } from './display-text.js';

describe('displayText', () => {
  it('writes terminal controls, line breaks and bidi overrides as escapes', () => {
    expect(displayText('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(displayText('line 1\nline 2\r\tend\u0007')).toBe('line 1\\nline 2\\r\\tend\\x07');
    expect(displayText('\u009b31m \u007f \u202egnp.exe \u2066x\u2069 \u2028')).toBe('\\x9b31m \\x7f \\u202egnp.exe \\u2066x\\u2069 \\u2028');
  });

  it('leaves printable text alone, whatever its script', () => {
    const text = 'Pod/web — «café» 日本語 ☑ \\d+ | `code` émoji 🔒';
    expect(displayText(text)).toBe(text);
  });

  it('keeps line feeds with displayLines', () => {
    expect(displayLines('a\nb\u001b[2J\r\n')).toBe('a\nb\\x1b[2J\\r\n');
  });
});

describe('escapeJsonControls', () => {
  it('escapes what JSON.stringify leaves raw, keeping the same JSON value', () => {
    const value = { msg: 'a\u009b31m\u007f\u202eb\u001b' };
    const line = escapeJsonControls(JSON.stringify(value));
    expect(line).toBe('{"msg":"a\\u009b31m\\u007f\\u202eb\\u001b"}');
    expect(JSON.parse(line)).toEqual(value);
  });
});
