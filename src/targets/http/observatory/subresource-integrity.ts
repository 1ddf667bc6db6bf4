import { htmlTags } from '../html.js';
import { worse, type TestOutcome } from './outcome.js';
import type { Reading } from './page.js';

/** The test's results and their score modifiers (Observatory's SCORE_TABLE, algorithm 4). */
export const SRI_MODIFIERS = {
  'sri-implemented-and-all-scripts-loaded-securely': 5,
  'sri-implemented-and-external-scripts-loaded-securely': 5,
  'sri-not-implemented-response-not-html': 0,
  'sri-not-implemented-but-no-scripts-loaded': 0,
  'sri-not-implemented-but-all-scripts-loaded-from-secure-origin': 0,
  'sri-not-implemented-but-external-scripts-loaded-securely': -5,
  'sri-implemented-but-external-scripts-not-loaded-securely': -20,
  'sri-not-implemented-and-external-scripts-not-loaded-securely': -50,
} as const satisfies Record<string, number>;

export type SriResult = keyof typeof SRI_MODIFIERS;

const SRI_BADNESS: SriResult[] = [
  'sri-implemented-and-all-scripts-loaded-securely',
  'sri-implemented-and-external-scripts-loaded-securely',
  'sri-implemented-but-external-scripts-not-loaded-securely',
  'sri-not-implemented-but-external-scripts-loaded-securely',
  'sri-not-implemented-and-external-scripts-not-loaded-securely',
  'sri-not-implemented-response-not-html',
];

/** The registrable domain, approximated by the last two labels; none for an IP address. */
function registrableDomain(host: string): string | undefined {
  if (/^[\d.]+$/.test(host) || host.includes(':')) return undefined;
  return host.split('.').slice(-2).join('.');
}

export function sriTest(reading: Reading, hostname: string): TestOutcome<SriResult> {
  if (!reading.page) return { result: 'sri-not-implemented-but-no-scripts-loaded', pass: true };
  if (reading.html === undefined) return { result: 'sri-not-implemented-response-not-html', pass: true };
  const scripts = htmlTags(reading.html).filter((tag) => tag.name === 'script');
  const pageHttps = reading.startUrl?.protocol === 'https:';
  let result: SriResult | undefined;
  let foreign = false;
  for (const script of scripts) {
    const src = script.attributes.get('src')?.trim();
    if (!src) continue;
    const integrity = script.attributes.get('integrity');
    const protocolRelative = /^\/\/[^/]/.test(src);
    const absolute = /^https?:\/\//i.test(src);
    const relative = !protocolRelative && !absolute;
    let sameDomain = protocolRelative || relative;
    if (absolute) {
      let host = '';
      try {
        host = new URL(src).hostname;
      } catch {
        // An unparseable URL shares nothing with the page.
      }
      sameDomain = registrableDomain(host) === registrableDomain(hostname);
    }
    const secureOrigin = relative || (sameDomain && !protocolRelative);
    const secureScheme = (absolute && src.toLowerCase().startsWith('https:')) || (relative && pageHttps);
    if (!secureOrigin) {
      foreign = true;
      if (integrity && !secureScheme) result = worse(result, 'sri-implemented-but-external-scripts-not-loaded-securely', SRI_BADNESS);
      else if (!integrity && secureScheme) result = worse(result, 'sri-not-implemented-but-external-scripts-loaded-securely', SRI_BADNESS);
      else if (!integrity) result = worse(result, 'sri-not-implemented-and-external-scripts-not-loaded-securely', SRI_BADNESS);
    } else if (integrity && secureScheme && !result) {
      result = 'sri-implemented-and-all-scripts-loaded-securely';
    }
  }
  if (scripts.length === 0) result = 'sri-not-implemented-but-no-scripts-loaded';
  result ??= foreign ? 'sri-implemented-and-external-scripts-loaded-securely' : 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin';
  const passing: SriResult[] = [
    'sri-implemented-and-all-scripts-loaded-securely',
    'sri-implemented-and-external-scripts-loaded-securely',
    'sri-not-implemented-response-not-html',
    'sri-not-implemented-but-all-scripts-loaded-from-secure-origin',
    'sri-not-implemented-but-no-scripts-loaded',
  ];
  return { result, pass: passing.includes(result) };
}
