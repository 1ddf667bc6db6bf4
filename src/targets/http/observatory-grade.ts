import type { HttpHeaders } from './client.js';
import { htmlTags, metaPolicies } from './html.js';
import { isDeletion, parseSetCookie, type SetCookie } from './set-cookie.js';

/**
 * harden's site grade, computed the way the MDN HTTP Observatory grades a site: the same ten
 * tests, the same result names, score modifiers, extra-credit rule and grade boundaries
 * (algorithm 4, as published by @mdn/mdn-http-observatory 1.4.8, MPL-2.0). The tables and rules
 * are re-expressed here from its documentation and scoring tables; no code is taken from it.
 *
 * Bump GRADE_ALGORITHM_VERSION whenever a table or rule here changes: every stored grade carries
 * the version it was computed with, so grades stay comparable across releases.
 *
 * Deliberate differences from a live Observatory 1.4.8 scan (each named where it applies):
 * - no HSTS preload list snapshot: `hsts-preloaded` and `redirection-all-redirects-preloaded`
 *   never occur (as in an Observatory install whose conf/hsts-preload.json is `{}`);
 * - an https certificate harden cannot verify is not fetched insecurely: HSTS and redirection
 *   score `…-invalid-cert`, and the other tests read the plain-http response instead;
 * - redirects are followed only on the site's host (live checks request only what the plan names);
 * - CORS compares the Origin harden sent with Access-Control-Allow-Origin (a live 1.4.8 scan
 *   cannot see its own request Origin and so never reports universal access);
 * - several Content-Security-Policy values are combined by intersection (approximating
 *   Observatory's source-merging); a single policy is read exactly as Observatory reads it;
 * - the registrable domain for Subresource Integrity is the last two labels of a host name
 *   (Observatory uses the public suffix list); IP addresses have none, as in Observatory.
 */
export const GRADE_ALGORITHM_VERSION = 'harden-observatory/1 (MDN HTTP Observatory algorithm 4)';

export type ObservatoryTestName =
  | 'content-security-policy'
  | 'cookies'
  | 'cross-origin-resource-sharing'
  | 'redirection'
  | 'referrer-policy'
  | 'strict-transport-security'
  | 'subresource-integrity'
  | 'x-content-type-options'
  | 'x-frame-options'
  | 'cross-origin-resource-policy';

/** The result names with their score modifiers (Observatory's SCORE_TABLE, algorithm 4). */
export const SCORE_MODIFIERS = {
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
  'cookies-secure-with-httponly-sessions-and-samesite': 5,
  'cookies-secure-with-httponly-sessions': 0,
  'cookies-not-found': 0,
  'cookies-without-secure-flag-but-protected-by-hsts': -5,
  'cookies-session-without-secure-flag-but-protected-by-hsts': -10,
  'cookies-without-secure-flag': -20,
  'cookies-samesite-flag-invalid': -20,
  'cookies-anticsrf-without-samesite-flag': -20,
  'cookies-session-without-httponly-flag': -30,
  'cookies-session-without-secure-flag': -40,
  'cross-origin-resource-sharing-not-implemented': 0,
  'cross-origin-resource-sharing-implemented-with-public-access': 0,
  'cross-origin-resource-sharing-implemented-with-restricted-access': 0,
  'cross-origin-resource-sharing-implemented-with-universal-access': -50,
  'redirection-all-redirects-preloaded': 0,
  'redirection-to-https': 0,
  'redirection-not-needed-no-http': 0,
  'redirection-off-host-from-http': -5,
  'redirection-not-to-https-on-initial-redirection': -10,
  'redirection-not-to-https': -20,
  'redirection-missing': -20,
  'redirection-invalid-cert': -20,
  'referrer-policy-private': 5,
  'referrer-policy-not-implemented': 0,
  'referrer-policy-unsafe': -5,
  'referrer-policy-header-invalid': -5,
  'hsts-preloaded': 5,
  'hsts-implemented-max-age-at-least-six-months': 0,
  'hsts-implemented-max-age-less-than-six-months': -10,
  'hsts-not-implemented': -20,
  'hsts-header-invalid': -20,
  'hsts-not-implemented-no-https': -20,
  'hsts-invalid-cert': -20,
  'sri-implemented-and-all-scripts-loaded-securely': 5,
  'sri-implemented-and-external-scripts-loaded-securely': 5,
  'sri-not-implemented-response-not-html': 0,
  'sri-not-implemented-but-no-scripts-loaded': 0,
  'sri-not-implemented-but-all-scripts-loaded-from-secure-origin': 0,
  'sri-not-implemented-but-external-scripts-loaded-securely': -5,
  'sri-implemented-but-external-scripts-not-loaded-securely': -20,
  'sri-not-implemented-and-external-scripts-not-loaded-securely': -50,
  'x-content-type-options-nosniff': 0,
  'x-content-type-options-not-implemented': -5,
  'x-content-type-options-header-invalid': -5,
  'x-frame-options-implemented-via-csp': 5,
  'x-frame-options-sameorigin-or-deny': 0,
  'x-frame-options-allow-from-origin': 0,
  'x-frame-options-not-implemented': -20,
  'x-frame-options-header-invalid': -20,
  'corp-implemented-with-same-origin': 10,
  'corp-implemented-with-same-site': 10,
  'corp-implemented-with-cross-origin': 0,
  'corp-not-implemented': 0,
  'corp-header-invalid': -5,
} as const satisfies Record<string, number>;

export type ObservatoryResult = keyof typeof SCORE_MODIFIERS;

/** Grade boundaries: the score, floored to a multiple of 5 and capped at 100, names the grade. */
const GRADES: readonly [minimum: number, grade: string][] = [
  [100, 'A+'], [90, 'A'], [85, 'A-'], [80, 'B+'], [70, 'B'], [65, 'B-'], [60, 'C+'], [50, 'C'], [45, 'C-'], [40, 'D+'], [30, 'D'], [25, 'D-'], [0, 'F'],
];
export const GRADE_ORDER = ['F', 'D-', 'D', 'D+', 'C-', 'C', 'C+', 'B-', 'B', 'B+', 'A-', 'A', 'A+'] as const;
export type Grade = (typeof GRADE_ORDER)[number];

/** Bonuses count only when the score without them is already this high. */
const MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;
/** Observatory's "six months" for HSTS max-age, in seconds (180 days). */
const HSTS_SIX_MONTHS = 15_552_000;

/** One response as the grader reads it. */
export interface ObservedResponse {
  url: URL;
  status: number;
  headers: HttpHeaders;
  body: string;
}

/** A GET of the site's http:// or https:// URL and the redirects it followed. */
export type ObservedChain =
  | {
      /** Every URL requested, the first one first, then each redirect target. */
      urls: URL[];
      /** The responses in the same order; the last one is the page the tests read. */
      responses: ObservedResponse[];
      certificateError?: false;
    }
  /** The chain reached an https URL whose certificate did not verify. */
  | { certificateError: true };

export interface ObservatoryRequests {
  /** The host name graded (preload and registrable-domain questions are about it). */
  hostname: string;
  /** undefined: nothing answered on plain http. */
  http: ObservedChain | undefined;
  /** undefined: nothing answered on https. */
  https: ObservedChain | undefined;
  /** An OPTIONS preflight of the final URL with `origin` and Access-Control-Request-Method: GET. */
  cors: { response: ObservedResponse; origin: string } | undefined;
}

export interface ObservatoryTestResult {
  test: ObservatoryTestName;
  result: ObservatoryResult;
  pass: boolean;
  modifier: number;
}

export interface SiteGrade {
  algorithm: typeof GRADE_ALGORITHM_VERSION;
  grade: Grade;
  /** Not capped: 100 plus bonuses can exceed 100. */
  score: number;
  testsPassed: number;
  testsFailed: number;
  tests: ObservatoryTestResult[];
}

const TEST_ORDER: readonly ObservatoryTestName[] = [
  'content-security-policy',
  'cookies',
  'cross-origin-resource-sharing',
  'redirection',
  'referrer-policy',
  'strict-transport-security',
  'subresource-integrity',
  'x-content-type-options',
  'x-frame-options',
  'cross-origin-resource-policy',
];

/** The grade of a site: every test, then the score and its letter. */
export function gradeSite(requests: ObservatoryRequests): SiteGrade {
  const reading = read(requests);
  const csp = cspTest(reading);
  const hsts = hstsTest(requests);
  const outcomes: Record<ObservatoryTestName, { result: ObservatoryResult; pass: boolean }> = {
    'content-security-policy': csp,
    cookies: cookiesTest(reading, hsts.pass),
    'cross-origin-resource-sharing': corsTest(requests),
    redirection: redirectionTest(requests),
    'referrer-policy': referrerPolicyTest(reading),
    'strict-transport-security': hsts,
    'subresource-integrity': sriTest(reading, requests.hostname),
    'x-content-type-options': xctoTest(reading),
    'x-frame-options': xfoTest(reading, csp.directives),
    'cross-origin-resource-policy': corpTest(reading),
  };
  const tests = TEST_ORDER.map((test) => ({ test, ...pick(outcomes[test]), modifier: SCORE_MODIFIERS[outcomes[test].result] }));
  return { algorithm: GRADE_ALGORITHM_VERSION, ...scoreOf(tests), tests };
}

function pick({ result, pass }: { result: ObservatoryResult; pass: boolean }) {
  return { result, pass };
}

/** Score and grade from test results: penalties always count, bonuses only from 90 up. */
export function scoreOf(tests: readonly Pick<ObservatoryTestResult, 'modifier' | 'pass'>[]): { grade: Grade; score: number; testsPassed: number; testsFailed: number } {
  const withBonuses = 100 + tests.reduce((sum, t) => sum + t.modifier, 0);
  const penaltiesOnly = 100 + tests.reduce((sum, t) => sum + Math.min(t.modifier, 0), 0);
  const score = Math.max(penaltiesOnly >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withBonuses : penaltiesOnly, 0);
  const testsPassed = tests.filter((t) => t.pass).length;
  return { grade: gradeForScore(score), score, testsPassed, testsFailed: tests.length - testsPassed };
}

export function gradeForScore(score: number): Grade {
  const key = Math.min(Math.max(score, 0) - (Math.max(score, 0) % 5), 100);
  return GRADES.find(([minimum]) => key >= minimum)![1] as Grade;
}

export function gradeAtLeast(grade: Grade, minimum: Grade): boolean {
  return GRADE_ORDER.indexOf(grade) >= GRADE_ORDER.indexOf(minimum);
}

// ── What the tests read ────────────────────────────────────────────────────────────────────────

interface Reading {
  /** The page the header tests read: the https chain's last response, else the http one's. */
  page: ObservedResponse | undefined;
  /** Where that chain started. */
  startUrl: URL | undefined;
  /** Set-Cookie headers of every response of that chain, in order. */
  chain: ObservedResponse[];
  html: string | undefined;
  meta: { csp: string[]; referrer: string | undefined };
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

function read(requests: ObservatoryRequests): Reading {
  const chain = usable(requests.https) ?? usable(requests.http);
  const page = chain?.responses.at(-1);
  const html = page && HTML_TYPES.has(contentType(page)) ? page.body : undefined;
  return { page, startUrl: chain?.urls[0], chain: chain?.responses ?? [], html, meta: html ? metaPolicies(html) : { csp: [], referrer: undefined } };
}

function usable(chain: ObservedChain | undefined) {
  return chain && !chain.certificateError && chain.responses.length > 0 ? chain : undefined;
}

function contentType(response: ObservedResponse): string {
  return (response.headers.get('content-type')?.[0] ?? '').split(';')[0]!;
}

/** Headers a Node client keeps once (the first) when sent twice; any other repeated header is joined with ", ". */
const SINGLE_VALUED = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);

/** A header as Observatory sees it: repeated fields folded into one value, as its Node HTTP client does. */
function header(response: ObservedResponse | undefined, name: string): string | undefined {
  const values = response?.headers.get(name);
  if (!values?.length) return undefined;
  return SINGLE_VALUED.has(name) ? values[0] : values.join(', ');
}

// ── Content-Security-Policy ────────────────────────────────────────────────────────────────────

type Directives = Map<string, Set<string>>;

const BROAD_SOURCES = new Set(['ftp:', 'http:', 'https:', '*', 'http://*', 'http://*.*', 'https://*', 'https://*.*']);
const INLINE_SOURCES = new Set(["'unsafe-inline'", 'data:']);
const BROAD_OR_INLINE = new Set([...BROAD_SOURCES, ...INLINE_SOURCES]);
const PASSIVE = new Set(['img-src', 'media-src']);
const REPEATABLE = new Set(['report-uri', 'report-to']);
const MIN_POLICY_LENGTH = 6;

class InvalidPolicy extends Error {}

/** Parses one or more policies into directive → sources (lower-case); throws InvalidPolicy. */
function parsePolicies(policies: readonly string[]): { directives: Directives; repeatedReporting: boolean } {
  const cleaned = policies.map((policy) => policy.replace(/[\r\n]/g, '').trim());
  let repeatedReporting = false;
  const parsed = cleaned.map((policy) => {
    if (policy.length < MIN_POLICY_LENGTH) throw new InvalidPolicy(policy);
    const directives: Directives = new Map();
    for (const part of policy.split(';')) {
      const [rawName, ...sources] = part.trim().split(/\s+/);
      if (!rawName) continue;
      const name = rawName.toLowerCase();
      if (directives.has(name)) {
        if (!REPEATABLE.has(name)) throw new InvalidPolicy(`${name} repeated`);
        repeatedReporting = true;
      }
      const list = sources.map((source) => source.trim().toLowerCase()).filter(Boolean);
      directives.set(name, new Set(list.length === 0 && name.endsWith('-src') ? ["'none'"] : list));
    }
    return directives;
  });
  const [first, ...rest] = parsed;
  const directives: Directives = new Map(first ?? []);
  for (const policy of rest) {
    for (const [name, sources] of policy) {
      const earlier = directives.get(name);
      // A later policy can only narrow what the first allowed.
      directives.set(name, earlier ? intersect(earlier, sources) : new Set(["'none'"]));
    }
  }
  for (const [name, sources] of directives) if (sources.size === 0) directives.set(name, new Set(["'none'"]));
  return { directives, repeatedReporting };
}

/** Sources allowed by both lists: equal, or one a path-prefix (ending in /) of the other. */
function intersect(a: Set<string>, b: Set<string>): Set<string> {
  const kept = new Set<string>();
  for (const x of a) for (const y of b) {
    if (x === y || (x.endsWith('/') && y.startsWith(x))) kept.add(y);
    else if (y.endsWith('/') && x.startsWith(y)) kept.add(x);
  }
  return kept;
}

const NONCE_OR_HASH = /^'(nonce|sha256|sha384|sha512)-/;

function cspTest(reading: Reading): { result: ObservatoryResult; pass: boolean; directives: Directives | undefined } {
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
  let result: ObservatoryResult | undefined;
  const first = (candidate: ObservatoryResult) => (result ??= candidate);

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

  const passing: ObservatoryResult[] = [
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

function tryParse(policies: readonly string[]): Directives {
  try {
    return parsePolicies(policies).directives;
  } catch {
    return new Map();
  }
}

// ── Cookies ────────────────────────────────────────────────────────────────────────────────────

const IGNORED_COOKIES = new Set(['heroku-session-affinity']);

/** Observatory's ranking: a later entry is worse and replaces an earlier result. */
const COOKIE_BADNESS: ObservatoryResult[] = [
  'cookies-without-secure-flag-but-protected-by-hsts',
  'cookies-without-secure-flag',
  'cookies-session-without-secure-flag-but-protected-by-hsts',
  'cookies-samesite-flag-invalid',
  'cookies-anticsrf-without-samesite-flag',
  'cookies-session-without-httponly-flag',
  'cookies-session-without-secure-flag',
];

function worse(current: ObservatoryResult | undefined, candidate: ObservatoryResult, order: ObservatoryResult[]): ObservatoryResult {
  return current === undefined || order.indexOf(candidate) > order.indexOf(current) ? candidate : current;
}

/** The cookie jar after the chain: later cookies replace earlier ones; deletions and Secure cookies over http are not kept. */
function jarOf(chain: readonly ObservedResponse[]): SetCookie[] {
  const jar = new Map<string, SetCookie>();
  for (const response of chain) {
    for (const raw of response.headers.get('set-cookie') ?? []) {
      const cookie = parseSetCookie(raw);
      if (!cookie) continue;
      const key = `${cookie.name}\u0000${cookie.domain ?? ''}\u0000${cookie.path ?? ''}`;
      if (isDeletion(cookie) || (cookie.secure && response.url.protocol !== 'https:')) jar.delete(key);
      else jar.set(key, cookie);
    }
  }
  return [...jar.values()].filter((cookie) => cookie.name && !IGNORED_COOKIES.has(cookie.name));
}

/** SameSite as a cookie jar stores it: strict, lax or none, anything else means absent. */
function storedSameSite(cookie: SetCookie): string | undefined {
  return cookie.sameSite === 'strict' || cookie.sameSite === 'lax' || cookie.sameSite === 'none' ? cookie.sameSite : undefined;
}

function cookiesTest(reading: Reading, hstsPasses: boolean): { result: ObservatoryResult; pass: boolean } {
  let result: ObservatoryResult | undefined;
  for (const raw of reading.page?.headers.get('set-cookie') ?? []) {
    const attributes = raw.split(';').slice(1).map((a) => a.trim().split('='));
    const sameSiteInvalid = attributes.some(([key, value]) => key?.trim().toLowerCase() === 'samesite' && (!value || !['lax', 'strict', 'none'].includes(value.trim().toLowerCase())));
    if (sameSiteInvalid) result = worse(result, 'cookies-samesite-flag-invalid', COOKIE_BADNESS);
  }
  const cookies = jarOf(reading.chain);
  if (cookies.length === 0) return { result: 'cookies-not-found', pass: true };
  let missingSameSite = false;
  for (const cookie of cookies) {
    const name = cookie.name.toLowerCase();
    const session = name.includes('login') || name.includes('sess');
    const antiCsrf = name.includes('csrf');
    const sameSite = storedSameSite(cookie);
    if (!cookie.secure && sameSite === 'none') result = worse(result, 'cookies-samesite-flag-invalid', COOKIE_BADNESS);
    if (!cookie.secure) result = worse(result, hstsPasses ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag', COOKIE_BADNESS);
    if (antiCsrf && !sameSite) result = worse(result, 'cookies-anticsrf-without-samesite-flag', COOKIE_BADNESS);
    if (session && !cookie.secure) result = worse(result, hstsPasses ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag', COOKIE_BADNESS);
    if (session && !cookie.httpOnly) result = worse(result, 'cookies-session-without-httponly-flag', COOKIE_BADNESS);
    if (!sameSite) missingSameSite = true;
  }
  result ??= missingSameSite ? 'cookies-secure-with-httponly-sessions' : 'cookies-secure-with-httponly-sessions-and-samesite';
  return { result, pass: result === 'cookies-secure-with-httponly-sessions' || result === 'cookies-secure-with-httponly-sessions-and-samesite' };
}

// ── CORS ───────────────────────────────────────────────────────────────────────────────────────

function corsTest(requests: ObservatoryRequests): { result: ObservatoryResult; pass: boolean } {
  const response = requests.cors?.response;
  const allowOrigin = header(response, 'access-control-allow-origin');
  if (!response || !allowOrigin) return { result: 'cross-origin-resource-sharing-not-implemented', pass: true };
  if (allowOrigin.slice(0, 256).trim().toLowerCase() === '*') return { result: 'cross-origin-resource-sharing-implemented-with-public-access', pass: true };
  const credentials = header(response, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
  if (allowOrigin === requests.cors!.origin && credentials) return { result: 'cross-origin-resource-sharing-implemented-with-universal-access', pass: false };
  return { result: 'cross-origin-resource-sharing-implemented-with-restricted-access', pass: true };
}

// ── Redirection ────────────────────────────────────────────────────────────────────────────────

function redirectionTest(requests: ObservatoryRequests): { result: ObservatoryResult; pass: boolean } {
  const http = requests.http;
  if (!http) return { result: 'redirection-not-needed-no-http', pass: true };
  if (http.certificateError) return { result: 'redirection-invalid-cert', pass: false };
  const route = http.urls;
  let result: ObservatoryResult;
  if (route.length === 1) result = 'redirection-missing';
  else if (route.at(-1)!.protocol !== 'https:') result = 'redirection-not-to-https';
  else if (route[1]!.protocol === 'http:') result = 'redirection-not-to-https-on-initial-redirection';
  else if (route[0]!.protocol === 'http:' && route[1]!.protocol === 'https:' && route[0]!.hostname !== route[1]!.hostname) result = 'redirection-off-host-from-http';
  else result = 'redirection-to-https';
  return { result, pass: result === 'redirection-to-https' };
}

// ── Referrer-Policy ────────────────────────────────────────────────────────────────────────────

const PRIVATE_REFERRER = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const UNSAFE_REFERRER = ['origin', 'origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade'];

function referrerPolicyTest(reading: Reading): { result: ObservatoryResult; pass: boolean } {
  const values = [header(reading.page, 'referrer-policy'), reading.meta.referrer].filter((v): v is string => v !== undefined);
  if (values.length === 0) return { result: 'referrer-policy-not-implemented', pass: true };
  // The last policy a browser understands wins.
  const tokens = values.join(', ').split(',').map((t) => t.trim().toLowerCase());
  const policy = tokens.filter((t) => PRIVATE_REFERRER.includes(t) || UNSAFE_REFERRER.includes(t)).at(-1);
  if (policy && PRIVATE_REFERRER.includes(policy)) return { result: 'referrer-policy-private', pass: true };
  if (policy) return { result: 'referrer-policy-unsafe', pass: false };
  return { result: 'referrer-policy-header-invalid', pass: false };
}

// ── Strict-Transport-Security ──────────────────────────────────────────────────────────────────

function hstsTest(requests: ObservatoryRequests): { result: ObservatoryResult; pass: boolean } {
  const https = requests.https;
  if (!https) return { result: 'hsts-not-implemented-no-https', pass: false };
  if (https.certificateError) return { result: 'hsts-invalid-cert', pass: false };
  const value = header(https.responses.at(-1), 'strict-transport-security');
  if (value === undefined) return { result: 'hsts-not-implemented', pass: false };
  const text = value.slice(0, 1024);
  // A comma means the header was sent more than once.
  if (text.includes(',')) return { result: 'hsts-header-invalid', pass: false };
  const maxAge = text.split(';').map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('max-age='));
  if (maxAge === undefined) return { result: 'hsts-header-invalid', pass: false };
  // As Observatory reads it: leading digits count, a value with none is not "less than six months".
  const seconds = parseInt(maxAge.slice('max-age='.length, 128), 10);
  return seconds < HSTS_SIX_MONTHS ? { result: 'hsts-implemented-max-age-less-than-six-months', pass: false } : { result: 'hsts-implemented-max-age-at-least-six-months', pass: true };
}

// ── Subresource Integrity ──────────────────────────────────────────────────────────────────────

const SRI_BADNESS: ObservatoryResult[] = [
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

function sriTest(reading: Reading, hostname: string): { result: ObservatoryResult; pass: boolean } {
  if (!reading.page) return { result: 'sri-not-implemented-but-no-scripts-loaded', pass: true };
  if (reading.html === undefined) return { result: 'sri-not-implemented-response-not-html', pass: true };
  const scripts = htmlTags(reading.html).filter((tag) => tag.name === 'script');
  const pageHttps = reading.startUrl?.protocol === 'https:';
  let result: ObservatoryResult | undefined;
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
  const passing: ObservatoryResult[] = [
    'sri-implemented-and-all-scripts-loaded-securely',
    'sri-implemented-and-external-scripts-loaded-securely',
    'sri-not-implemented-response-not-html',
    'sri-not-implemented-but-all-scripts-loaded-from-secure-origin',
    'sri-not-implemented-but-no-scripts-loaded',
  ];
  return { result, pass: passing.includes(result) };
}

// ── X-Content-Type-Options, X-Frame-Options, Cross-Origin-Resource-Policy ────────────────────

function xctoTest(reading: Reading): { result: ObservatoryResult; pass: boolean } {
  const value = header(reading.page, 'x-content-type-options');
  if (!value) return { result: 'x-content-type-options-not-implemented', pass: false };
  return value.slice(0, 256).trim().toLowerCase() === 'nosniff' ? { result: 'x-content-type-options-nosniff', pass: true } : { result: 'x-content-type-options-header-invalid', pass: false };
}

function xfoTest(reading: Reading, csp: Directives | undefined): { result: ObservatoryResult; pass: boolean } {
  // Any frame-ancestors directive takes over from X-Frame-Options, whatever it allows.
  if (csp?.has('frame-ancestors')) return { result: 'x-frame-options-implemented-via-csp', pass: true };
  const value = header(reading.page, 'x-frame-options');
  if (!value) return { result: 'x-frame-options-not-implemented', pass: false };
  const xfo = value.slice(0, 1024).trim().toLowerCase();
  if (xfo === 'deny' || xfo === 'sameorigin') return { result: 'x-frame-options-sameorigin-or-deny', pass: true };
  if (xfo.startsWith('allow-from')) return { result: 'x-frame-options-allow-from-origin', pass: true };
  return { result: 'x-frame-options-header-invalid', pass: false };
}

function corpTest(reading: Reading): { result: ObservatoryResult; pass: boolean } {
  const value = header(reading.page, 'cross-origin-resource-policy');
  if (!value) return { result: 'corp-not-implemented', pass: true };
  const corp = value.slice(0, 256).trim().toLowerCase();
  if (corp === 'same-site') return { result: 'corp-implemented-with-same-site', pass: true };
  if (corp === 'same-origin') return { result: 'corp-implemented-with-same-origin', pass: true };
  if (corp === 'cross-origin') return { result: 'corp-implemented-with-cross-origin', pass: true };
  return { result: 'corp-header-invalid', pass: false };
}
