import { z } from 'zod';
import { gradeAtLeast, GRADE_ALGORITHM_VERSION, GRADE_ORDER, gradeSite, type SiteGrade } from '../../targets/http/observatory-grade.js';
import { gradedPage, observeSite } from '../../targets/live/observatory-requests.js';
import { defineCheck } from '../define.js';

export const observatoryGrade = defineCheck({
  id: 'http/observatory-grade',
  title: 'The site grades at least B on the MDN HTTP Observatory scale',
  severity: 'info',
  target: 'site',
  why: 'The MDN HTTP Observatory grade is the figure auditors, customers and security questionnaires ask for; harden computes it with the same tests, score modifiers and grade boundaries, so a regression shows up in the scan before it shows up on the public scoreboard.',
  fix: 'Work through the failing tests in the evidence, largest penalty first: usually a Content-Security-Policy (-25 when missing), Strict-Transport-Security with max-age of at least six months (-20), an http:// to https:// redirect (-20), X-Frame-Options or CSP frame-ancestors (-20), and Secure/HttpOnly on session cookies (-40/-30). Set `with: { minimumGrade: A }` on the item to raise the bar.',
  refs: [
    'MDN HTTP Observatory scoring: https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring',
    'Mozilla Web Security Guidelines: https://infosec.mozilla.org/guidelines/web_security',
    `harden grading algorithm ${GRADE_ALGORITHM_VERSION}`,
  ],
  messages: {
    belowMinimum: 'grade {grade} (score {score}) is below {minimum}; failing tests: {failing}',
  },
  claims: [
    {
      about: 'MDN HTTP Observatory grade',
      names: ['Observatory', 'securityheaders.com', ['header*', 'grade'], ['security headers', 'score'], ['security headers', 'rating']],
    },
  ],
  options: z.object({ minimumGrade: z.enum(GRADE_ORDER).default('B') }).strict(),
  async evaluate(site, ctx, options) {
    // The grade is the host's: a plain-http site whose https twin is in the plan is graded there.
    if (site.url.protocol === 'http:' && site.twinInPlan) return ctx.notApplicable();
    const requests = await observeSite(site);
    const page = gradedPage(requests);
    // As the Observatory does: a site that does not answer, or answers with an error page, is not graded.
    if (!page) throw new Error(`${site.url} answered neither on http nor on https`);
    if (page.status < 200 || (page.status >= 400 && page.status !== 401 && page.status !== 403)) throw new Error(`${page.url} answered ${page.status}: not gradable`);
    const grade = gradeSite(requests);
    ctx.computed({ grade: grade.grade, score: grade.score, testsPassed: grade.testsPassed, tests: grade.tests.length, algorithm: grade.algorithm });
    if (gradeAtLeast(grade.grade, options.minimumGrade)) {
      ctx.measured(gradeEvidence(grade));
      return;
    }
    const failing = grade.tests.filter((t) => !t.pass).map((t) => t.test).join(', ') || 'none';
    ctx.fail(site.at(), 'belowMinimum', { grade: grade.grade, score: grade.score, minimum: options.minimumGrade, failing }, gradeEvidence(grade));
  },
});

/** The algorithm version, the grade and every test's result and modifier: enough to recompute the score. */
function gradeEvidence(grade: SiteGrade): string {
  const lines = grade.tests.map((t) => `${t.pass ? 'pass' : 'FAIL'} ${t.test}: ${t.result} (${t.modifier >= 0 ? '+' : ''}${t.modifier})`);
  return [`algorithm ${grade.algorithm}`, `grade ${grade.grade}, score ${grade.score}, ${grade.testsPassed}/${grade.tests.length} tests passed`, ...lines].join('\n');
}
