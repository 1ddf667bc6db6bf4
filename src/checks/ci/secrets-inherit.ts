import { ciModel } from '../../targets/ci/jobs.js';
import { asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

export const secretsInherit = defineCheck({
  id: 'ci/secrets-inherit',
  title: 'Reusable workflows get the secrets they need, not all of them',
  severity: 'medium',
  target: 'ci-workflow',
  why:
    '`secrets: inherit` hands every secret of the calling repository (and its organisation) to the called ' +
    'workflow, whatever it uses: a deploy key, a registry token and a cloud credential go to a workflow that ' +
    'only needed one. A called workflow in another repository, or a compromised step inside it, can then read ' +
    'them all. Naming the secrets makes the contract visible and bounds what a compromise reaches. A workflow of ' +
    'the same repository (`./…`, `$/…`) is reviewed with the caller, so it is low there.',
  fix: ['Pass each secret the called workflow declares under `on.workflow_call.secrets`:', '', '    jobs:', '      deploy:', '        uses: acme/workflows/.github/workflows/deploy.yml@<sha>', '        secrets:', '          DEPLOY_KEY: ${{ secrets.DEPLOY_KEY }}'].join('\n'),
  refs: ['zizmor secrets-inherit', 'GitHub documentation, Reusing workflows: passing secrets to nested workflows'],
  messages: {
    inherit: 'job "{job}" passes every secret to {workflow} (secrets: inherit)',
    inheritLocal: { text: 'job "{job}" passes every secret to {workflow} of this repository (secrets: inherit)', severity: 'low' },
  },
  peers: [{ tool: 'zizmor', rule: 'secrets-inherit' }],
  claims: [{ about: 'reusable workflows get only the secrets they need', names: ['secrets: inherit', ['secrets', 'inherit', 'reusable workflow*']] }],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    const callers = model.jobs.filter((job) => job.uses !== undefined);
    if (callers.length === 0) return ctx.notApplicable();
    for (const job of callers) {
      if (asString(job.data.secrets)?.trim() !== 'inherit') continue;
      const local = /^\s*(\.\/|\$\/)/.test(job.uses!);
      ctx.fail(workflow.at([...job.path, 'secrets']), local ? 'inheritLocal' : 'inherit', { job: job.id, workflow: job.uses! });
    }
  },
});
