import { COOKIES_MODIFIERS, cookiesTest } from './observatory/cookies.js';
import { CORS_MODIFIERS, corsTest } from './observatory/cors.js';
import { CORP_MODIFIERS, corpTest } from './observatory/cross-origin-resource-policy.js';
import { CSP_MODIFIERS, cspTest } from './observatory/csp.js';
import type { ObservatoryRequests } from './observatory/observed.js';
import type { TestOutcome } from './observatory/outcome.js';
import { readPage } from './observatory/page.js';
import { REDIRECTION_MODIFIERS, redirectionTest } from './observatory/redirection.js';
import { REFERRER_POLICY_MODIFIERS, referrerPolicyTest } from './observatory/referrer-policy.js';
import { HSTS_MODIFIERS, hstsTest } from './observatory/strict-transport-security.js';
import { SRI_MODIFIERS, sriTest } from './observatory/subresource-integrity.js';
import { X_CONTENT_TYPE_OPTIONS_MODIFIERS, xctoTest } from './observatory/x-content-type-options.js';
import { X_FRAME_OPTIONS_MODIFIERS, xfoTest } from './observatory/x-frame-options.js';

export type { ObservatoryRequests };

/**
 * harden's site grade, computed the way the MDN HTTP Observatory grades a site: the same ten
 * tests, the same result names, score modifiers, extra-credit rule and grade boundaries
 * (algorithm 4, as published by @mdn/mdn-http-observatory 1.4.8, MPL-2.0). As in Observatory,
 * each test is a module of its own (observatory/<test>.ts, with its results' score modifiers);
 * this module composes them. The tables and rules are re-expressed from its documentation and
 * scoring tables; no code is taken from it.
 *
 * Bump GRADE_ALGORITHM_VERSION whenever a table or rule here or in a test's module changes:
 * every stored grade carries the version it was computed with, so grades stay comparable
 * across releases.
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
  ...CSP_MODIFIERS,
  ...COOKIES_MODIFIERS,
  ...CORS_MODIFIERS,
  ...REDIRECTION_MODIFIERS,
  ...REFERRER_POLICY_MODIFIERS,
  ...HSTS_MODIFIERS,
  ...SRI_MODIFIERS,
  ...X_CONTENT_TYPE_OPTIONS_MODIFIERS,
  ...X_FRAME_OPTIONS_MODIFIERS,
  ...CORP_MODIFIERS,
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
  const reading = readPage(requests);
  const csp = cspTest(reading);
  const hsts = hstsTest(requests);
  const outcomes: Record<ObservatoryTestName, TestOutcome<ObservatoryResult>> = {
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

function pick({ result, pass }: TestOutcome<ObservatoryResult>) {
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
