import { describe, expect, it } from 'vitest';
import { STATUS_CSS } from './stylesheet.js';

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

describe('the status stylesheet', () => {
  const vars = Object.fromEntries([...STATUS_CSS.matchAll(/--([\w-]+):(#[0-9a-f]{6})/g)].map((m) => [m[1]!, m[2]!]));

  it('keeps WCAG AA contrast: text colours 4.5:1 on the page, bar colours 3:1', () => {
    for (const text of ['fg', 'muted', 'up', 'down', 'maintenance']) expect(contrast(vars[text]!, vars.bg!), text).toBeGreaterThanOrEqual(4.5);
    for (const bar of ['up', 'down', 'degraded', 'maintenance', 'none']) expect(contrast(vars[bar]!, vars.bg!), bar).toBeGreaterThanOrEqual(3);
    expect(contrast('#0550ae', vars.bg!)).toBeGreaterThanOrEqual(4.5); // links
  });

  it('holds no url() or @import: the page loads nothing else', () => {
    expect(STATUS_CSS).not.toMatch(/url\(|@import/);
  });
});
