import { escapeHtml } from './html-escape.js';

/**
 * Shields-style "flat" badges: a grey label and a coloured value, widths from Verdana 11px
 * advance widths (approximate, as shields measures them), so text fits without a browser.
 */

const WIDTHS: Record<string, number> = {
  ' ': 3.87, '!': 4.33, '%': 11.87, '(': 4.87, ')': 4.87, '+': 9.0, ',': 3.64, '-': 4.99, '.': 3.64, '/': 4.99, ':': 4.99, '<': 9.0, '=': 9.0, '>': 9.0, '_': 7.0,
  0: 7.0, 1: 7.0, 2: 7.0, 3: 7.0, 4: 7.0, 5: 7.0, 6: 7.0, 7: 7.0, 8: 7.0, 9: 7.0,
  a: 6.61, b: 6.85, c: 5.73, d: 6.85, e: 6.56, f: 3.87, g: 6.85, h: 6.96, i: 3.0, j: 3.78, k: 6.51, l: 3.0, m: 10.69, n: 6.96, o: 6.68,
  p: 6.85, q: 6.85, r: 4.69, s: 5.73, t: 4.33, u: 6.96, v: 6.51, w: 8.98, x: 6.51, y: 6.51, z: 5.77,
  A: 7.51, B: 7.53, C: 7.66, D: 8.47, E: 6.96, F: 6.32, G: 8.5, H: 8.27, I: 4.61, J: 5.0, K: 7.62, L: 6.12, M: 9.27, N: 8.23, O: 8.66,
  P: 6.64, Q: 8.66, R: 7.69, S: 7.51, T: 6.78, U: 8.05, V: 7.51, W: 10.87, X: 7.51, Y: 6.77, Z: 7.51,
};
const WIDE = 7.5;

/** Width in px of `text` in Verdana 11px. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDTHS[char] ?? WIDE;
  return width;
}

export const COLOURS = {
  brightgreen: '#4c1',
  green: '#97ca00',
  yellow: '#dfb317',
  orange: '#fe7d37',
  red: '#e05d44',
  blue: '#007ec6',
  grey: '#9f9f9f',
} as const;
export type Colour = keyof typeof COLOURS;

export function badge(label: string, value: string, colour: Colour): string {
  const labelWidth = Math.round(textWidth(label)) + 10;
  const valueWidth = Math.round(textWidth(value)) + 10;
  const width = labelWidth + valueWidth;
  const [l, v] = [escapeHtml(label), escapeHtml(value)];
  const text = (content: string, centre: number, length: number) =>
    `<text aria-hidden="true" x="${centre * 10}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${length * 10}">${content}</text>` +
    `<text x="${centre * 10}" y="140" transform="scale(.1)" fill="#fff" textLength="${length * 10}">${content}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${l}: ${v}"><title>${l}: ${v}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="${valueWidth}" height="20" fill="${COLOURS[colour]}"/><rect width="${width}" height="20" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">` +
    text(l, labelWidth / 2, Math.round(textWidth(label))) +
    text(v, labelWidth + valueWidth / 2, Math.round(textWidth(value))) +
    `</g></svg>`
  );
}

export function uptimeColour(value: number | null): Colour {
  if (value === null) return 'grey';
  return value >= 99.9 ? 'brightgreen' : value >= 99 ? 'green' : value >= 95 ? 'yellow' : 'red';
}

export function responseColour(ms: number | null): Colour {
  if (ms === null) return 'grey';
  return ms < 300 ? 'brightgreen' : ms < 1000 ? 'yellow' : 'orange';
}
