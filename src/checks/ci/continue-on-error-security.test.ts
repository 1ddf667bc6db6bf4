import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { continueOnErrorSecurity } from './continue-on-error-security.js';

checkCases(continueOnErrorSecurity, {
  pass: [
    {
      name: 'scans that fail the build; continue-on-error on a step that is no scan',
      input: yaml`
        on: push
        jobs:
          scan:
            runs-on: ubuntu-latest
            steps:
              - uses: aquasecurity/trivy-action@18f2510ee396bbf400402947b394f2dd8c87dbb0
                with: { exit-code: "1" }
              - run: npm audit --audit-level=high
                continue-on-error: false
              - name: coverage upload
                run: ./upload-coverage.sh
                continue-on-error: true
              - name: trivy mentioned only in an echo
                run: echo "trivy runs in the next job"
                continue-on-error: true`,
    },
    {
      name: 'an expression is not judged; odd shapes',
      input: yaml`
        on: push
        jobs:
          a:
            continue-on-error: \${{ matrix.experimental }}
            steps:
              - run: gitleaks detect
          b:
            continue-on-error: true
            steps: "x"`,
    },
  ],
  fail: [
    {
      name: 'trivy on a branch, allowed to fail',
      input: yaml`
        name: ci
        on: [push]
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: go test ./...
              - name: trivy
                uses: aquasecurity/trivy-action@master
                continue-on-error: true`,
      failures: [{ messageId: 'step', line: 10 }],
    },
    {
      name: 'scans from run: scripts; a whole job allowed to fail',
      input: yaml`
        on: pull_request
        jobs:
          audit:
            steps:
              - run: |
                  npm ci
                  npm audit --audit-level=critical
                continue-on-error: "true"
              - run: npx snyk@1.1290.0 test
                continue-on-error: true
          secrets:
            continue-on-error: true
            steps:
              - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5
              - uses: gitleaks/gitleaks-action@v2
              - run: semgrep scan --error`,
      failures: [
        { messageId: 'step', line: 8 },
        { messageId: 'step', line: 10 },
        { messageId: 'job', line: 12 },
      ],
    },
  ],
});
