import { InvalidPolicy, parsePolicies, tryParse, type Directives } from './csp-policies.js';
import type { TestOutcome } from './outcome.js';
import { header, type Reading } from './page.js';

/** The test's results and their score modifiers (Observatory's SCORE_TABLE, algorithm 4). */
export const CSP_MODIFIERS = {
  'csp-implemented-with-no-unsafe-default-src-none': 10,
  'csp-implemented-with-no-unsafe': 5,
  'csp-implemented-with-unsafe-inline-in-style-src-only': 0,
  'csp-implemented-with-insecure-scheme-in-passive-content-only': -10,
  'csp-implemented-with-unsafe-eval': -10,
  'csp-implemented-with-unsafe-inline': -20,
  'csp-implemented-with-insecure-scheme': -20,
  'csp-header-invalid': -25,
  'csp-not-implemented': -25,
  'csp-not-implemented-but-reporting-enabled': -25,
  'csp-implemented-but-duplicate-directives': 0,
} as const satisfies Record<string, number>;

export type CspResult = keyof typeof CSP_MODIFIERS;

const BROAD_SOURCES = new Set(['ftp:', 'http:', 'https:', '*', 'http://*', 'http://*.*', 'https://*', 'https://*.*']);
const INLINE_SOURCES = new Set(["'unsafe-inline'", 'data:']);
const BROAD_OR_INLINE = new Set([...BROAD_SOURCES, ...INLINE_SOURCES]);
const PASSIVE = new Set(['img-src', 'media-src']);
const NONCE_OR_HASH = /^'(nonce|sha256|sha384|sha512)-/;

/** The test's outcome, and the directives it read (X-Frame-Options defers to frame-ancestors). */
export function cspTest(reading: Reading): TestOutcome<CspResult> & { directives: Directives | undefined } {
  const page = reading.page;
  if (!page || !reading.startUrl) return { result: 'csp-not-implemented', pass: false, directives: undefined };
  const fromHeader = page.headers.get('content-security-policy') ? [header(page, 'content-security-policy')!] : [];
  const fromMeta = reading.meta.csp;
  let all: ReturnType<typeof parsePolicies>;
  try {
    all = parsePolicies([...fromHeader, ...fromMeta]);
  } catch (error) {
    if (error instanceof InvalidPolicy) return { result: 'csp-header-invalid', pass: false, directives: undefined };
    throw error;
  }
  const headerOnly = tryParse(fromHeader);
  const metaOnly = tryParse(fromMeta);
  // Observatory ignores these in a <meta> policy (browsers do too).
  for (const name of ['frame-ancestors', 'report-uri', 'sandbox']) metaOnly.delete(name);
  if (headerOnly.size + metaOnly.size === 0) {
    const reporting = page.headers.has('content-security-policy-report-only');
    return { result: reporting ? 'csp-not-implemented-but-reporting-enabled' : 'csp-not-implemented', pass: false, directives: undefined };
  }

  const csp = all.directives;
  const fallback = (name: string) => csp.get(name) ?? csp.get('default-src') ?? new Set(['*']);
  const objectSrc = fallback('object-src');
  const scriptSrc = fallback('script-src');
  const styleSrc = fallback('style-src');
  let result: CspResult | undefined;
  const first = (candidate: CspResult) => (result ??= candidate);

  // A nonce or hash makes browsers ignore 'unsafe-inline'.
  for (const list of [scriptSrc, styleSrc]) if ([...list].some((s) => NONCE_OR_HASH.test(s))) list.delete("'unsafe-inline'");
  if (scriptSrc.has("'strict-dynamic'")) {
    if ([...scriptSrc].some((s) => NONCE_OR_HASH.test(s))) {
      // 'strict-dynamic' with a nonce or hash: host, scheme, 'self' and 'unsafe-inline' sources are ignored.
      for (const source of [...scriptSrc]) {
        if ([...BROAD_SOURCES].some((broad) => source.startsWith(broad)) || source === "'self'" || source === "'unsafe-inline'") scriptSrc.delete(source);
      }
    } else {
      first('csp-header-invalid');
    }
  }

  const active = [...csp].filter(([name]) => !PASSIVE.has(name) && name !== 'script-src').flatMap(([, sources]) => [...sources]);
  active.push(...scriptSrc);
  const passive = [...PASSIVE].flatMap((name) => [...(csp.get(name) ?? csp.get('default-src') ?? [])]);
  const https = reading.startUrl.protocol === 'https:';
  const insecure = (source: string) => source.startsWith('http:') || source.startsWith('ftp:');

  if ([...scriptSrc].some((s) => BROAD_OR_INLINE.has(s)) || [...objectSrc].some((s) => BROAD_SOURCES.has(s))) first('csp-implemented-with-unsafe-inline');
  if (https && active.some(insecure)) first('csp-implemented-with-insecure-scheme');
  if (scriptSrc.has("'unsafe-eval'") || styleSrc.has("'unsafe-eval'")) first('csp-implemented-with-unsafe-eval');
  if (https && passive.some(insecure)) first('csp-implemented-with-insecure-scheme-in-passive-content-only');
  if ([...styleSrc].some((s) => BROAD_OR_INLINE.has(s))) first('csp-implemented-with-unsafe-inline-in-style-src-only');
  const defaultSrc = csp.get('default-src');
  first(defaultSrc?.size === 1 && defaultSrc.has("'none'") ? 'csp-implemented-with-no-unsafe-default-src-none' : 'csp-implemented-with-no-unsafe');

  const passing: CspResult[] = [
    'csp-implemented-with-no-unsafe',
    'csp-implemented-with-no-unsafe-default-src-none',
    'csp-implemented-with-unsafe-inline-in-style-src-only',
    'csp-implemented-with-insecure-scheme-in-passive-content-only',
  ];
  let final = result!;
  const pass = passing.includes(final);
  if (pass && all.repeatedReporting) final = 'csp-implemented-but-duplicate-directives';
  return { result: final, pass, directives: csp };
}
