import { HARDCODED_SECRET_NAMES } from '../../targets/secrets/claims.js';
import { asArray, asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

export const secretsInEnv = defineCheck({
  id: 'k8s/secrets-in-env',
  title: 'Secrets are mounted as files, not injected as environment variables',
  severity: 'medium',
  target: 'k8s-container',
  why:
    'Environment variables leak: they are readable in /proc/<pid>/environ by anything running as the same user, ' +
    'inherited by every child process (shell-outs, helper binaries), dumped by crash reporters and debug endpoints, and ' +
    'printed by `kubectl describe` and many logging setups. A mounted Secret is a file only the process that opens it ' +
    'reads, can be made 0400, and is updated in place when the Secret rotates.',
  fix: [
    'Mount the Secret read-only and have the app read the file (most frameworks accept a *_FILE variable):',
    '',
    '    containers:',
    '      - name: api',
    '        env:',
    '          - name: POSTGRES_PASSWORD_FILE',
    '            value: /etc/app/secrets/POSTGRES_PASSWORD',
    '        volumeMounts:',
    '          - name: app-secrets',
    '            mountPath: /etc/app/secrets',
    '            readOnly: true',
    '    volumes:',
    '      - name: app-secrets',
    '        secret:',
    '          secretName: app-secrets',
    '          defaultMode: 0400',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.4.1 (prefer using Secrets as files over Secrets as environment variables)',
    'Kubernetes documentation, Good practices for Kubernetes Secrets',
    'OWASP Secrets Management Cheat Sheet: environment variables',
    'Checkov CKV_K8S_35',
  ],
  messages: {
    secretKeyRef: 'container "{container}" puts key "{key}" of secret "{secret}" in environment variable {variable}',
    secretRef: 'container "{container}" loads every key of secret "{secret}" into its environment (envFrom)',
  },
  claims: [
    {
      about: 'secrets mounted as files, not environment variables',
      names: [
        ['secret*', 'env var*'],
        ['secret*', 'environment variable*'],
        ['secret*', 'file mount*'],
        ['secret*', 'mounted as file*'],
        ['secret*', 'as files'],
        ['secret*', 'volume mount*'],
        ['envFrom', 'secret*'],
        ['secretKeyRef', 'env*'],
      ],
      unless: HARDCODED_SECRET_NAMES,
    },
  ],
  evaluate(container, ctx) {
    asArray(container.spec.env).forEach((item, index) => {
      const entry = asRecord(item);
      const ref = asRecord(asRecord(entry?.valueFrom)?.secretKeyRef);
      if (!ref) return;
      ctx.fail(container.at(['env', index]), 'secretKeyRef', {
        container: container.name,
        variable: asString(entry?.name) ?? `#${index}`,
        secret: asString(ref.name) ?? '?',
        key: asString(ref.key) ?? '?',
      });
    });
    asArray(container.spec.envFrom).forEach((item, index) => {
      const ref = asRecord(asRecord(item)?.secretRef);
      if (ref) ctx.fail(container.at(['envFrom', index]), 'secretRef', { container: container.name, secret: asString(ref.name) ?? '?' });
    });
  },
});
