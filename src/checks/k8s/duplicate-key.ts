import type { YamlPath } from '../../targets/yaml/source.js';
import { defineCheck } from '../define.js';

/*
 * Every other Kubernetes check reads the object once per value of a repeated key (the
 * readings of its YAML document), so a failure hidden behind a second key is reported too.
 */
export const duplicateKey = defineCheck({
  id: 'k8s/duplicate-key',
  title: 'Manifests set each key once',
  severity: 'medium',
  target: 'k8s-object',
  why:
    'YAML mapping keys are unique, but a manifest that repeats one still loads in many tools, and they disagree on ' +
    'which value wins: the API server keeps the last one (or refuses the object under strict field validation), ' +
    'other readers keep the first or refuse the file. A reviewer reading the second `securityContext:` does not see ' +
    'the `privileged: true` in the first, and what runs depends on the tool that applied it. harden checks every ' +
    'value, and reports the repetition itself here.',
  fix: [
    'Keep one occurrence of the key and merge what the others set into it:',
    '',
    '    securityContext:          # once',
    '      runAsNonRoot: true',
    '      allowPrivilegeEscalation: false',
    '',
    'Apply with `kubectl apply --validate=strict` so the API server refuses duplicate fields.',
  ].join('\n'),
  refs: [
    'YAML 1.2.2, 3.2.1.1: the keys of a mapping are unique',
    'Kubernetes API concepts: field validation (Strict rejects duplicate fields; Warn and Ignore keep the last one)',
  ],
  messages: {
    duplicateKey: '"{key}" is set twice in {where} (first at line {first}); tools disagree on which value wins',
  },
  claims: [
    {
      about: 'no duplicate keys in manifests', risk: true,
      names: [['duplicate key*', 'manifest*'], ['duplicate key*', 'YAML'], ['duplicate', 'YAML key*'], ['repeated key*', 'YAML']],
    },
  ],
  evaluate(object, ctx) {
    for (const duplicate of object.document.duplicates) {
      if (!startsWith(duplicate.path, object.basePath)) continue;
      ctx.fail({ kind: 'file', path: object.file, line: duplicate.again.line, column: duplicate.again.column }, 'duplicateKey', {
        key: duplicate.key,
        where: describePath(duplicate.path.slice(object.basePath.length)),
        first: duplicate.first.line,
      });
    }
  },
});

function startsWith(path: YamlPath, prefix: YamlPath): boolean {
  return prefix.every((segment, i) => path[i] === segment);
}

/** `spec.template.spec.containers[0]`, or "the object" at its top level. */
function describePath(path: YamlPath): string {
  if (path.length === 0) return 'the object';
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}
