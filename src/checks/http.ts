import { authNoStore } from './http/auth-no-store.js';
import { contentTypeOptions } from './http/content-type-options.js';
import { cookies } from './http/cookies.js';
import { cors } from './http/cors.js';
import { crossOriginIsolation } from './http/cross-origin-isolation.js';
import { csp } from './http/csp.js';
import { exposedPaths } from './http/exposed-paths.js';
import { frameOptions } from './http/frame-options.js';
import { hsts } from './http/hsts.js';
import { observatoryGrade } from './http/observatory-grade.js';
import { redirects } from './http/redirects.js';
import { referrerPolicy } from './http/referrer-policy.js';
import { securityTxt } from './http/security-txt.js';
import { serverLeaks } from './http/server-leaks.js';
import { xssProtection } from './http/xss-protection.js';
import type { AnyCheck } from './define.js';

/** The http checks: one line per module under src/checks/http/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  authNoStore,
  contentTypeOptions,
  cookies,
  cors,
  crossOriginIsolation,
  csp,
  exposedPaths,
  frameOptions,
  hsts,
  observatoryGrade,
  redirects,
  referrerPolicy,
  securityTxt,
  serverLeaks,
  xssProtection,
];
