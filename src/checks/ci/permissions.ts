import { ciModel } from '../../targets/ci/jobs.js';
import { asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

export const permissions = defineCheck({
  id: 'ci/permissions',
  title: 'Workflows declare least-privilege GITHUB_TOKEN permissions',
  severity: 'medium',
  target: 'ci-workflow',
  why:
    'Without a `permissions:` block the GITHUB_TOKEN of every job gets the repository or organisation default, which ' +
    'is read/write on contents, packages, pull requests, issues and more in older repositories and every ' +
    'organisation that never changed it. Any step that is compromised (a hijacked action, an injected script, a ' +
    'malicious dependency running in a build) can then push code, publish packages or approve pull requests. ' +
    '`write-all`, or a write scope at the top of the workflow, hands that power to every job whether it needs it or not. ' +
    'The rule: top-level write scopes count when two or more jobs inherit them (jobs without their own `permissions:`); ' +
    'with a single such job they are that job\'s own permissions written one level up, and harden does not judge ' +
    'whether a job needs the scopes it asks for. `read-all` reads every scope, security alerts and packages included ' +
    '(low). A reusable workflow (`on: workflow_call` only) runs with its caller\'s token: it is not asked for a block, ' +
    'but what it grants is read like any other.',
  fix: [
    'Start every workflow read-only and grant writes per job, only where needed:',
    '',
    '    permissions:',
    '      contents: read',
    '',
    '    jobs:',
    '      release:',
    '        permissions:',
    '          contents: write   # pushes the release tag',
    '          id-token: write   # keyless signing',
  ].join('\n'),
  refs: [
    'GitHub documentation, Controlling permissions for GITHUB_TOKEN',
    'OpenSSF Scorecard Token-Permissions',
    'zizmor excessive-permissions',
    'CIS Software Supply Chain Security Guide 1.5 (least privilege for pipelines)',
  ],
  messages: {
    missing: 'no top-level permissions: and job(s) {jobs} set none, so they get the default token scopes',
    writeAll: '{scope} grants write-all to the GITHUB_TOKEN',
    readAll: { text: '{scope} grants read-all: every scope of the GITHUB_TOKEN, not only contents', severity: 'low' },
    workflowWrite: 'top-level permissions grant {permissions} to every job that sets none ({jobs}); grant them in the job that needs them',
  },
  peers: [{ tool: 'zizmor', rule: 'excessive-permissions' }],
  claims: [
    {
      about: 'least-privilege GITHUB_TOKEN permissions',
      names: [
        'workflow permissions',
        'write-all',
        'read-all',
        'contents: read',
        ['permissions', 'GITHUB_TOKEN'],
        ['permissions', 'workflow*'],
        ['permissions', 'GitHub Actions'],
        ['least privilege', 'GITHUB_TOKEN'],
        ['least privilege', 'workflow*'],
        ['least privilege', 'GitHub Actions'],
        ['GITHUB_TOKEN', 'scope*'],
        ['GITHUB_TOKEN', 'read-only'],
        ['GITHUB_TOKEN', 'write access'],
        ['token scope*', 'workflow*'],
      ],
    },
  ],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    if (model.jobs.length === 0) return ctx.notApplicable();
    // A reusable workflow runs with the token of its caller, capped by the caller's permissions.
    const reusableOnly = model.triggers.length > 0 && model.triggers.every((trigger) => trigger.event === 'workflow_call');
    const inheriting = model.jobs.filter((job) => !job.hasPermissions);
    if (!model.hasPermissions) {
      if (inheriting.length > 0 && !reusableOnly) {
        const anchor = Object.hasOwn(workflow.data, 'on') ? 'on' : Object.hasOwn(workflow.data, 'name') ? 'name' : 'jobs';
        ctx.fail(workflow.at([anchor]), 'missing', { jobs: inheriting.map((job) => job.id).join(', ') });
      }
    } else if (isLevel(model.permissions, 'write-all')) {
      ctx.fail(workflow.at(['permissions']), 'writeAll', { scope: 'the workflow' });
    } else if (isLevel(model.permissions, 'read-all')) {
      ctx.fail(workflow.at(['permissions']), 'readAll', { scope: 'the workflow' });
    } else {
      const writes = Object.entries(asRecord(model.permissions) ?? {}).filter(([, level]) => asString(level) === 'write');
      if (writes.length > 0 && inheriting.length > 1) {
        ctx.fail(workflow.at(['permissions', writes[0]![0]]), 'workflowWrite', {
          permissions: writes.map(([permission]) => `${permission}: write`).join(', '),
          jobs: inheriting.map((job) => job.id).join(', '),
        });
      } else if (writes.length > 0) {
        const scopes = writes.map(([permission]) => permission).join(', ');
        ctx.measured(inheriting.length === 1 ? `top-level writes (${scopes}) are job "${inheriting[0]!.id}"'s own` : `top-level writes (${scopes}) reach no job`);
      }
    }
    for (const job of model.jobs) {
      if (isLevel(job.permissions, 'write-all')) ctx.fail(workflow.at([...job.path, 'permissions']), 'writeAll', { scope: `job "${job.id}"` });
      else if (isLevel(job.permissions, 'read-all')) ctx.fail(workflow.at([...job.path, 'permissions']), 'readAll', { scope: `job "${job.id}"` });
    }
  },
});

function isLevel(permissions: unknown, level: 'write-all' | 'read-all'): boolean {
  return asString(permissions)?.trim() === level;
}
