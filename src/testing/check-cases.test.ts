import { describe, expect, it } from 'vitest';
import { defineCheck } from '../checks/define.js';
import { caseProblems, unfilledPlaceholders } from './case-problems.js';
import { checkCases, runCheckOn } from './check-cases.js';
import { yaml } from './dedent.js';

const pod = yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: web }
  spec:
    containers: [{ name: app, image: nginx }]
`;

const namesPods = defineCheck({
  id: 'k8s/test-names-pods',
  title: 'names pods',
  severity: 'low',
  target: 'k8s-object',
  why: 'w',
  fix: 'f',
  refs: [],
  messages: { named: 'Pod {name} runs {image}' },
  evaluate(object, ctx) {
    ctx.fail(object.at('metadata.name'), 'named', { name: object.name });
  },
});

describe('check cases are refused when they repeat one another', () => {
  it('finds the same input again, whitespace aside, among pass and fail cases', () => {
    const reindented = `\n${pod.replace(/^/gm, '    ').replace('kind: Pod', 'kind:   Pod   ')}\n\n`;
    expect(
      caseProblems({
        pass: [{ name: 'a pod', input: pod }, { input: reindented }, { input: { 'a.yaml': pod, 'b.yaml': 'x: 1\n' } }, { input: { 'b.yaml': 'x:   1', 'a.yaml': reindented } }],
        fail: [{ name: 'the pod again', input: pod }],
      }),
    ).toEqual([
      'pass case 2 repeats pass case 1 ("a pod"): the same input (whitespace aside) and options',
      'pass case 4 repeats pass case 3: the same input (whitespace aside) and options',
      'fail case 1 ("the pod again") repeats pass case 1 ("a pod"): the same input (whitespace aside) and options',
    ]);
  });

  it('keeps cases apart that differ in options, in nesting or in a file name', () => {
    expect(
      caseProblems({
        pass: [
          { input: pod },
          { input: pod, options: { strict: true } },
          { input: pod, options: { strict: false, level: { min: 1, max: 2 } } },
          { input: pod, options: { level: { max: 2, min: 1 }, strict: true } },
          { input: 'a:\n  b: 1\n' },
          { input: 'a:\nb: 1\n' },
          { input: { 'one.yaml': pod } },
          { input: { 'two.yaml': pod } },
        ],
        fail: [],
      }),
    ).toEqual([]);
  });
});

describe('check cases are refused when a placeholder was never filled in', () => {
  it.each([
    ['a TODO line', 'TODO', 'a TODO line in its input, line 1: "TODO"'],
    ['a FIXME line with a note', 'apiVersion: v1\n  FIXME: write the Service\n', 'a TODO line in its input, line 2: "FIXME: write the Service"'],
    ['an ellipsis line', 'kind: Pod\n…\n', 'an ellipsis line in its input, line 2: "…"'],
    ['an elided value', 'image: <...>\n', 'a <…> placeholder in its input, line 1: "<...>"'],
    ['a TODO in angle brackets', 'image: <TODO pick an image>\n', 'a <…> placeholder in its input, line 1: "<TODO pick an image>"'],
    ['a template hole', 'spec: {{ … }}\n', 'a {{…}} placeholder in its input, line 1: "{{ … }}"'],
    ['a TODO template', 'spec: {{TODO}}\n', 'a {{…}} placeholder in its input, line 1: "{{TODO}}"'],
  ])('%s', (_name, input, problem) => {
    expect(caseProblems({ pass: [], fail: [{ name: 'draft', input }] })).toEqual([`fail case 1 ("draft") has ${problem}`]);
  });

  it('names the file of a multi-file input', () => {
    expect(caseProblems({ pass: [{ input: { 'k8s/web.yaml': pod, 'k8s/svc.yaml': 'TODO\n' } }], fail: [] })).toEqual(['pass case 1 has a TODO line in k8s/svc.yaml, line 1: "TODO"']);
  });

  it('leaves real syntax alone: TODO comments, Helm and GitHub expressions, usage texts, YAML document ends', () => {
    const real = [
      'name: cluster-admin   # TODO scope down\n# FIXME later\n',
      'image: "{{ .Values.image }}"\nref: ${{ github.event.pull_request.head.sha }}\n',
      'echo "usage: deploy.sh --password=<pw>"\nvault login --token=<your-token>\n',
      'a: 1\n...\n---\nb: 2\n',
      'XXX_API_KEY=abc\nTODOS=3\n',
      'FROM node:20 AS build\nRUN make  # XXX slow\n',
    ];
    expect(caseProblems({ pass: real.map((input) => ({ input })), fail: [] })).toEqual([]);
  });
});

describe('checkCases', () => {
  it('throws before registering anything, listing every problem', () => {
    expect(() => checkCases(namesPods, { pass: [pod, pod], fail: [{ input: 'TODO', failures: [] }] })).toThrow(
      'k8s/test-names-pods: fix these cases first:\n- pass case 2 repeats pass case 1: the same input (whitespace aside) and options\n- fail case 1 has a TODO line in its input, line 1: "TODO"',
    );
  });
});

describe('unfilled message placeholders', () => {
  it('names the placeholders a failure message still shows: data the check did not pass', async () => {
    const [failure] = await runCheckOn(namesPods, pod);
    expect(failure!.message).toBe('Pod web runs {image}');
    expect(unfilledPlaceholders(namesPods, failure!)).toEqual(['image']);
  });
});
