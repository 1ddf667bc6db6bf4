import { ciModel, parseUses, scriptOf, type CiStep } from '../../targets/ci/jobs.js';
import { argvOf, commandsOf } from '../../targets/shell/command-line.js';
import { asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** Actions (owner/repo) that scan for vulnerabilities, secrets or misconfigurations. */
const SECURITY_ACTION =
  /^(aquasecurity\/trivy-action|aquasecurity\/tfsec-action|snyk\/actions(\/.*)?|gitleaks\/gitleaks-action|trufflesecurity\/trufflehog|returntocorp\/semgrep-action|semgrep\/semgrep-action|github\/codeql-action(\/.*)?|anchore\/scan-action|anchore\/sbom-action|bridgecrewio\/checkov-action|checkmarx\/kics-github-action|hadolint\/hadolint-action|zizmorcore\/zizmor-action|woodruffw\/zizmor-action|google\/osv-scanner-action(\/.*)?|actions\/dependency-review-action|ossf\/scorecard-action|docker\/scout-action|stackrox\/kube-linter-action|securego\/gosec|golang\/govulncheck-action|pypa\/gh-action-pip-audit|erzz\/dockle-action|harden-dev\/harden-action)$/;
/** Programs that do the same from a run: script. */
const SECURITY_PROGRAMS = new Set(['trivy', 'snyk', 'gitleaks', 'trufflehog', 'semgrep', 'codeql', 'grype', 'checkov', 'tfsec', 'kics', 'hadolint', 'zizmor', 'harden', 'pip-audit', 'bandit', 'gosec', 'govulncheck', 'osv-scanner', 'kube-score', 'kube-linter', 'kubesec', 'dockle', 'safety', 'brakeman', 'cargo-audit', 'detect-secrets', 'kubeaudit', 'polaris']);
/** `npm audit`, `docker scout cves`, `cargo audit`: a package manager's audit subcommand. */
const AUDIT_SUBCOMMANDS: Record<string, string[]> = { npm: ['audit'], yarn: ['audit', 'npm'], pnpm: ['audit'], cargo: ['audit', 'deny'], docker: ['scout'], bundle: ['audit'], composer: ['audit'] };

export const continueOnErrorSecurity = defineCheck({
  id: 'ci/continue-on-error-security',
  title: 'Security scans in CI can fail the build',
  severity: 'medium',
  target: 'ci-workflow',
  why:
    '`continue-on-error: true` turns a failing step into a green check: a vulnerability, leaked secret or ' +
    'misconfiguration found by the scanner no longer blocks the merge or the deploy, and nobody reads the log of a ' +
    'passing job. The scan then documents problems instead of stopping them, while the pipeline looks protected.',
  fix: [
    'Let the scanner fail the job, and tune what it fails on instead of ignoring the result:',
    '',
    '    - uses: aquasecurity/trivy-action@<sha> # v0.28.0',
    '      with:',
    '        severity: CRITICAL,HIGH',
    '        ignore-unfixed: true',
    '        exit-code: "1"',
    '',
    'Accepted findings go into the tool\'s ignore file with a reason and an expiry, not into continue-on-error.',
  ].join('\n'),
  refs: [
    'GitHub documentation, Workflow syntax: jobs.<job_id>.steps[*].continue-on-error',
    'OWASP Top 10 CI/CD Security Risks CICD-SEC-1 (insufficient flow control mechanisms)',
    'OWASP DevSecOps Guideline: break the build on security findings',
  ],
  messages: {
    step: 'security scan "{step}" has continue-on-error: true, so its findings never fail the build',
    job: 'job "{job}" runs the security scan "{step}" with continue-on-error: true',
  },
  claims: [
    {
      about: 'security scans fail the build',
      names: [
        ['continue-on-error', 'scan*'],
        ['continue-on-error', 'security'],
        ['scan*', 'fail* the build'],
        ['scan*', 'fail* the pipeline'],
        ['scan*', 'fail* CI'],
        ['scan*', 'break* the build'],
        ['scan*', 'blocking'],
        ['scan*', 'block* merg*'],
        ['scan*', 'advisory only'],
        ['scan*', 'soft fail*'],
        ['scan*', 'gate'],
        ['scanner*', 'exit code'],
      ],
    },
  ],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    if (model.jobs.length === 0) return ctx.notApplicable();
    for (const job of model.jobs) {
      const jobContinues = isTrue(job.data['continue-on-error']);
      let reportedJob = false;
      for (const step of job.steps) {
        if (!isSecurityScan(step)) continue;
        if (isTrue(step.data['continue-on-error'])) ctx.fail(workflow.at([...step.path, 'continue-on-error']), 'step', { step: step.label, where: step.where });
        else if (jobContinues && !reportedJob) {
          reportedJob = true;
          ctx.fail(workflow.at([...job.path, 'continue-on-error']), 'job', { job: job.id, step: step.label });
        }
      }
    }
  },
});

/** `true`, or the string "true" (an expression that is always true is not judged). */
function isTrue(value: unknown): boolean {
  return value === true || asString(value)?.trim() === 'true';
}

function isSecurityScan(step: CiStep): boolean {
  if (step.uses !== undefined && SECURITY_ACTION.test(parseUses(step.uses).action.toLowerCase())) return true;
  if (step.run === undefined) return false;
  return commandsOf(scriptOf(step).pipelines).some((command) => {
    const [program = '', sub = ''] = argvOf(command);
    if (SECURITY_PROGRAMS.has(program)) return true;
    if (AUDIT_SUBCOMMANDS[program]?.includes(sub)) return true;
    // `npx snyk test`, `pipx run pip-audit`, `go run golang.org/x/vuln/cmd/govulncheck`
    return (program === 'npx' || program === 'pipx' || program === 'uvx' || program === 'go') && argvOf(command).some((word) => SECURITY_PROGRAMS.has(word.split('/').at(-1)!.split('@')[0]!));
  });
}
