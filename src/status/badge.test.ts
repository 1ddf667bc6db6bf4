import { describe, expect, it } from 'vitest';
import { badge, textWidth } from './badge.js';

describe('badges', () => {
  it('measures text as Verdana 11px does, near enough for shields-style widths', () => {
    // shields.io's "build | passing" badge: halves of 37 and 51 px, text plus 10 px of padding each.
    expect(Math.abs(textWidth('build') - 27)).toBeLessThanOrEqual(1);
    expect(Math.abs(textWidth('passing') - 41)).toBeLessThanOrEqual(1);
    expect(textWidth('WWW')).toBeGreaterThan(textWidth('iii') * 3);
  });

  it('sizes both halves to their text, escapes names and says label and value to screen readers', () => {
    const svg = badge('a<b>&"c', 'up', 'brightgreen');
    const [label, value] = [Math.round(textWidth('a<b>&"c')) + 10, Math.round(textWidth('up')) + 10];
    expect(svg).toContain(`width="${label + value}" height="20"`);
    expect(svg).toContain(`<rect x="${label}" width="${value}" height="20" fill="#4c1"/>`);
    expect(svg).toContain('aria-label="a&lt;b&gt;&amp;&quot;c: up"');
    expect(svg).not.toContain('<b>');
  });
});
