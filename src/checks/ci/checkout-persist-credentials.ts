import { ciModel, parseUses, scriptOf, usesAction, type CiStep } from '../../targets/ci/jobs.js';
import { argvOf, commandsOf } from '../../targets/shell/command-line.js';
import { asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** Actions that push with the checkout's credentials: a job using one needs them. */
const PUSHING_ACTIONS = new Set(['stefanzweifel/git-auto-commit-action', 'peter-evans/create-pull-request', 'ad-m/github-push-action', 'endbug/add-and-commit']);

export const checkoutPersistCredentials = defineCheck({
  id: 'ci/checkout-persist-credentials',
  title: 'actions/checkout does not leave the token in .git/config',
  severity: 'low',
  target: 'ci-workflow',
  why:
    'By default actions/checkout writes the GITHUB_TOKEN into .git/config so later git commands can push. Every later ' +
    'step can read it there: a linter, a build script, a compromised dependency or action, and any artifact that ' +
    'uploads the workspace (the "artipacked" leak) carries it out of the job. A job that never pushes does not need it.',
  fix: [
    'Turn it off on every checkout of a job that does not push:',
    '',
    '    - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1',
    '      with:',
    '        persist-credentials: false',
    '',
    'A job that pushes keeps the default (this check stays quiet when a later step runs git push), or says so with',
    '`persist-credentials: true`: an explicit choice passes, unless the job uploads its workspace as an artifact.',
  ].join('\n'),
  refs: [
    'zizmor artipacked',
    'Palo Alto Unit 42, ArtiPACKED: hacking giants through a race condition in GitHub Actions artifacts (2024)',
    'actions/checkout documentation: persist-credentials',
  ],
  messages: {
    persisted: 'actions/checkout in job "{job}" keeps the token in .git/config (no persist-credentials: false)',
    uploaded: {
      text: 'actions/checkout in job "{job}" keeps the token in .git/config (persist-credentials: true) and step "{upload}" uploads the workspace ({path}) as an artifact',
      severity: 'high',
    },
  },
  peers: [{ tool: 'zizmor', rule: 'artipacked' }],
  claims: [
    {
      about: 'checkout does not leave the token in .git/config',
      names: [
        'persist-credentials',
        ['checkout', 'persist*'],
        ['checkout', 'GITHUB_TOKEN'],
        ['checkout', 'credential*'],
        ['.git/config', 'token*'],
        ['.git/config', 'credential*'],
      ],
    },
  ],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    if (model.jobs.length === 0) return ctx.notApplicable();
    const chosen: string[] = [];
    for (const job of model.jobs) {
      job.steps.forEach((step, i) => {
        if (!usesAction(step.uses, 'actions/checkout')) return;
        const persist = step.with['persist-credentials'];
        const written = persist === undefined ? undefined : String(persist).trim();
        if (written === 'false') return;
        const later = job.steps.slice(i + 1);
        if (written === 'true') {
          const upload = later.find((candidate) => uploadedWorkspace(candidate) !== undefined);
          if (upload) ctx.fail(workflow.at([...step.path, 'with', 'persist-credentials']), 'uploaded', { job: job.id, upload: upload.label, path: uploadedWorkspace(upload)!, where: step.where });
          else chosen.push(`${step.where} sets persist-credentials: true`);
          return;
        }
        if (later.some(pushes)) return;
        ctx.fail(workflow.at([...step.path, 'uses']), 'persisted', { job: job.id, where: step.where });
      });
    }
    if (chosen.length > 0) ctx.measured(`${chosen.join('; ')}: the author chose it, and no step uploads the workspace`);
  },
});

/** The path of an actions/upload-artifact step that takes the whole workspace (`.`, `${{ github.workspace }}`). */
function uploadedWorkspace(step: CiStep): string | undefined {
  if (!usesAction(step.uses, 'actions/upload-artifact')) return undefined;
  const paths = (asString(step.with.path) ?? '').split('\n').map((line) => line.trim());
  return paths.find((path) => ['.', './', '..', '../'].includes(path) || (path.startsWith('${{') && path.includes('github.workspace') && /^\$\{\{[^}]*\}\}\/?$/.test(path)));
}

function pushes(step: CiStep): boolean {
  if (step.uses !== undefined && PUSHING_ACTIONS.has(parseUses(step.uses).action.toLowerCase())) return true;
  if (step.run === undefined || !step.run.includes('push')) return false;
  return commandsOf(scriptOf(step).pipelines).some((command) => {
    const argv = argvOf(command);
    return argv[0] === 'git' && argv.includes('push');
  });
}
