import { credentialIn, isLiteralSecretValue } from '../../targets/k8s/literal-secrets.js';
import type { K8sContainer } from '../../targets/k8s/workloads.js';
import type { Location } from '../../targets/location.js';
import { sourceLines, type SourceLines } from '../../targets/repo/source-lines.js';
import { saysFillIn } from '../../targets/secrets/placeholders.js';
import { sampleAreaOf } from '../../targets/secrets/sample-paths.js';
import { HARDCODED_SECRET_NAMES, HARDCODED_SECRET_UNLESS } from '../../targets/secrets/claims.js';
import { isCredentialName } from '../../targets/secrets/credential-names.js';
import { maskSecret } from '../../targets/secrets/mask.js';
import { asArray, asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/*
 * Two ways to recognise a literal secret: by the variable's name (POSTGRES_PASSWORD,
 * API_TOKEN, ...) with a literal value, or by the value's shape (a private key, an
 * AWS key id, a URL with a password) whatever the name. References ($(VAR), ${VAR},
 * {{ }}) and *_PLACEHOLDER tokens are filled in at deploy time and are not reported;
 * defaults like "changeme" are, since they ship when nobody replaces them.
 */
export const literalSecretEnv = defineCheck({
  id: 'k8s/literal-secret-env',
  title: 'Environment variables do not carry literal secrets',
  severity: 'high',
  target: 'k8s-container',
  why:
    'A secret written as env[].value lives in the manifest: in git history forever, in every clone and CI log, in ' +
    'the pod spec anyone with get on pods (or a read-only dashboard) can see, and in the Deployment\'s last-applied ' +
    'annotation. It cannot be rotated without a commit and is not encrypted at rest the way a Secret can be.',
  fix: [
    'Remove the value from the manifest and git history (rotate it: it is compromised), create a Secret out of band',
    '(kubectl create secret --from-file, Sealed Secrets, External Secrets, SOPS) and mount it as a file:',
    '',
    '    volumeMounts:',
    '      - { name: db, mountPath: /etc/app/secrets, readOnly: true }',
    '    # pod spec:',
    '    volumes:',
    '      - name: db',
    '        secret: { secretName: db-credentials, defaultMode: 0400 }',
    '',
    'or, if the app only reads its environment, reference it: env: [{ name: DB_PASSWORD, valueFrom: { secretKeyRef: { name: db-credentials, key: password } } }].',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.4.1 (prefer using Secrets as files over Secrets as environment variables)',
    'OWASP Secrets Management Cheat Sheet: do not store secrets in source code or configuration',
    'Kubernetes documentation, Good practices for Kubernetes Secrets',
    'Polaris sensitiveContainerEnvVar',
    'Checkov CKV_K8S_35',
  ],
  messages: {
    sensitiveName: 'container "{container}" sets {variable} to a literal value ({masked}) in the manifest',
    credentialValue: 'container "{container}" has {kind} in the literal value of {variable} ({masked})',
    inSample: {
      text: 'container "{container}" sets {variable} to a literal credential ({masked}) in a {area} manifest (low, not high, in tests, examples and demos: rotate it if it is real)',
      severity: 'low',
    },
  },
  peers: [{ tool: 'polaris', rule: 'sensitiveContainerEnvVar' }],
  claims: [
    {
      about: 'no literal secrets in manifests', risk: true,
      names: [
        ...HARDCODED_SECRET_NAMES,
        ['plaintext', 'secret*', 'manifest*'],
        ['plain text', 'secret*', 'manifest*'],
        ['secret*', 'in manifest*'],
        ['password*', 'in manifest*'],
        ['credential*', 'in manifest*'],
        ['secret*', 'env value*'],
      ],
      unless: HARDCODED_SECRET_UNLESS,
    },
  ],
  evaluate(container, ctx) {
    asArray(container.spec.env).forEach((item, index) => {
      const entry = asRecord(item);
      const value = asString(entry?.value);
      if (!entry || value === undefined) return;
      const variable = asString(entry.name) ?? `#${index}`;
      const at = container.at(['env', index, 'value']);
      const area = at.kind === 'file' ? sampleAreaOf(at.path) : undefined;
      const credential = credentialIn(value);
      if (credential) {
        const data = { container: container.name, variable, kind: credential.kind, masked: credential.masked };
        ctx.fail(at, area ? 'inSample' : 'credentialValue', area ? { ...data, area } : data, `${variable}=${credential.masked}`);
      } else if (isCredentialName(variable) && isLiteralSecretValue(value) && !commentSaysFillIn(container, index, at, ctx.shared(sourceLines))) {
        const masked = maskSecret(value.trim());
        const data = { container: container.name, variable, masked };
        ctx.fail(at, area ? 'inSample' : 'sensitiveName', area ? { ...data, area } : data, `${variable}=${masked}`);
      }
    });
  },
});

/** `# replace with your access key` beside the variable's name or value, or on a comment line just above it. */
function commentSaysFillIn(container: K8sContainer, index: number, at: Location, lines: SourceLines): boolean {
  if (at.kind !== 'file') return false;
  const name = container.at(['env', index, 'name']);
  const from = Math.min(name.kind === 'file' ? name.line : at.line, at.line) - 1;
  return saysFillIn(lines(at.path, Math.max(1, from), at.line));
}
