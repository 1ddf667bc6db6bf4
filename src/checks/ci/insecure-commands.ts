import { ciModel } from '../../targets/ci/jobs.js';
import { asRecord } from '../../targets/yaml/read.js';
import type { YamlPath } from '../../targets/yaml/source.js';
import { defineCheck } from '../define.js';

const VARIABLE = 'ACTIONS_ALLOW_UNSECURE_COMMANDS';

export const insecureCommands = defineCheck({
  id: 'ci/insecure-commands',
  title: 'The deprecated set-env and add-path workflow commands stay disabled',
  severity: 'high',
  target: 'ci-workflow',
  why:
    '`ACTIONS_ALLOW_UNSECURE_COMMANDS: true` turns back on the `::set-env::` and `::add-path::` commands GitHub ' +
    'disabled in 2020 (CVE-2020-15228): any line a step prints to its log can then set environment variables ' +
    'such as NODE_OPTIONS, LD_PRELOAD or PATH for every later step. A step that prints a pull request title, a ' +
    'file from the repository or a tool\'s output hands whoever controls that text code execution in the job.',
  fix: 'Remove ACTIONS_ALLOW_UNSECURE_COMMANDS and write to the environment files instead: `echo "NAME=value" >> "$GITHUB_ENV"`, `echo "$dir" >> "$GITHUB_PATH"`. Update an action that still needs the old commands.',
  refs: ['zizmor insecure-commands', 'GitHub Security Advisory GHSA-mfwh-5m23-j46w (CVE-2020-15228)', 'GitHub Changelog, Deprecating set-env and add-path commands (2020)'],
  messages: {
    enabled: '{scope} sets ACTIONS_ALLOW_UNSECURE_COMMANDS: the log commands set-env and add-path are back on',
  },
  peers: [{ tool: 'zizmor', rule: 'insecure-commands' }],
  claims: [{ about: 'insecure workflow commands disabled', names: ['ACTIONS_ALLOW_UNSECURE_COMMANDS', 'set-env', ['add-path', 'workflow*']] }],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    if (model.jobs.length === 0) return ctx.notApplicable();
    const report = (env: unknown, path: YamlPath, scope: string) => {
      const value = asRecord(env)?.[VARIABLE];
      if (value !== undefined && String(value).trim().toLowerCase() === 'true') ctx.fail(workflow.at([...path, VARIABLE]), 'enabled', { scope });
    };
    report(model.env, ['env'], 'the workflow');
    for (const job of model.jobs) {
      report(job.env, [...job.path, 'env'], `job "${job.id}"`);
      const matrix = JSON.stringify(asRecord(asRecord(job.data.strategy)?.matrix) ?? {});
      if (new RegExp(`"${VARIABLE}":"?true"?`, 'i').test(matrix)) {
        ctx.fail(workflow.at([...job.path, 'strategy', 'matrix']), 'enabled', { scope: `the matrix of job "${job.id}"` });
      }
      for (const step of job.steps) {
        report(step.env, [...step.path, 'env'], `step "${step.label}"`);
        if (step.run !== undefined && new RegExp(`${VARIABLE}=true[^\\n]*GITHUB_ENV`, 'i').test(step.run)) ctx.fail(workflow.at([...step.path, 'run']), 'enabled', { scope: `step "${step.label}" (through GITHUB_ENV)` });
      }
    }
  },
});
