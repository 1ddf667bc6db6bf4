import { describe, expect, it } from 'vitest';
import { parseYaml } from '../yaml/source.js';
import { ciModel, expressionsIn, lineInValue, lineOfScriptLine, parseUses } from './jobs.js';
import { workflowOf } from './workflow.js';

const workflow = (text: string) => workflowOf('.github/workflows/ci.yml', parseYaml(text))!;

describe('ciModel', () => {
  it('reads triggers in all three forms', () => {
    expect(ciModel(workflow('on: push\njobs: {}\n')).triggers.map((t) => t.event)).toEqual(['push']);
    expect(ciModel(workflow('on: [push, pull_request_target]\njobs: {}\n')).triggers.map((t) => [t.event, t.path])).toEqual([
      ['push', ['on', 0]],
      ['pull_request_target', ['on', 1]],
    ]);
    expect(ciModel(workflow('on:\n  push:\n  workflow_run: { workflows: [ci] }\n')).triggers.map((t) => t.event)).toEqual(['push', 'workflow_run']);
  });

  it('models jobs and steps once, with permissions present or absent', () => {
    const target = workflow('permissions: {}\njobs:\n  a:\n    permissions: read-all\n    steps:\n      - uses: actions/checkout@v4\n      - name: Test\n        run: make\n  b:\n    uses: ./.github/workflows/x.yml\n');
    const model = ciModel(target);
    expect(ciModel(target)).toBe(model);
    expect(model.hasPermissions).toBe(true);
    expect(model.jobs.map((job) => [job.id, job.hasPermissions, job.uses, job.steps.map((step) => [step.label, step.where])])).toEqual([
      ['a', true, undefined, [['actions/checkout@v4', 'jobs.a.steps[0]'], ['Test', 'jobs.a.steps[1]']]],
      ['b', false, './.github/workflows/x.yml', []],
    ]);
  });
});

describe('positions inside values', () => {
  it('puts a block scalar on the lines after its key, a plain value on the key line', () => {
    const script = 'set -eu\n\necho "${{ github.head_ref }}"\n';
    const [expression] = expressionsIn(script);
    expect(expression).toEqual({ text: 'github.head_ref', offset: script.indexOf('${{') });
    expect(lineInValue(10, script, expression!.offset)).toBe(13);
    expect(lineInValue(10, 'echo ${{ github.head_ref }}', 5)).toBe(10);
    expect(lineOfScriptLine(10, script, 2)).toBe(13);
  });

  it('splits uses into action and ref', () => {
    expect(parseUses('actions/checkout@v4')).toEqual({ action: 'actions/checkout', ref: 'v4' });
    expect(parseUses('./local')).toEqual({ action: './local', ref: undefined });
  });
});
