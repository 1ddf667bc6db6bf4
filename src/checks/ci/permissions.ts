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
    '`write-all`, or a write scope at the top of the workflow, hands that power to every job whether it needs it or not.',
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
    workflowWrite: 'top-level permissions grant {permission}: write to every job',
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
    // A reusable workflow runs with the token of its caller, capped by the caller's permissions.
    const reusableOnly = model.triggers.length > 0 && model.triggers.every((trigger) => trigger.event === 'workflow_call');
    if (model.jobs.length === 0 || reusableOnly) return ctx.notApplicable();
    if (!model.hasPermissions) {
      const bare = model.jobs.filter((job) => !job.hasPermissions);
      if (bare.length > 0) {
        const anchor = Object.hasOwn(workflow.data, 'on') ? 'on' : Object.hasOwn(workflow.data, 'name') ? 'name' : 'jobs';
        ctx.fail(workflow.at([anchor]), 'missing', { jobs: bare.map((job) => job.id).join(', ') });
      }
    } else if (isWriteAll(model.permissions)) {
      ctx.fail(workflow.at(['permissions']), 'writeAll', { scope: 'the workflow' });
    } else {
      for (const [permission, level] of Object.entries(asRecord(model.permissions) ?? {})) {
        if (asString(level) === 'write') ctx.fail(workflow.at(['permissions', permission]), 'workflowWrite', { permission });
      }
    }
    for (const job of model.jobs) {
      if (isWriteAll(job.permissions)) ctx.fail(workflow.at([...job.path, 'permissions']), 'writeAll', { scope: `job "${job.id}"` });
    }
  },
});

function isWriteAll(permissions: unknown): boolean {
  return asString(permissions) === 'write-all';
}
