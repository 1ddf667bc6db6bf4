import { credentialIn, secretFlagsIn } from '../../targets/k8s/literal-secrets.js';
import { COMMAND_LINE_SECRET_NAMES } from '../../targets/secrets/claims.js';
import { asArray, asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

const LISTS = ['command', 'args'] as const;
/** `$(VAR)`: Kubernetes substitutes the container's variable before the process starts (`$$(VAR)` is an escape). */
const VARIABLE_REFERENCE = /(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g;

/** Variables of the container that hold a Secret's value (env[].valueFrom.secretKeyRef). */
function secretVariables(env: unknown): Set<string> {
  const names = new Set<string>();
  for (const item of asArray(env)) {
    const entry = asRecord(item);
    const name = asString(entry?.name);
    if (name && asRecord(asRecord(entry?.valueFrom)?.secretKeyRef)) names.add(name);
  }
  return names;
}

export const secretsInArgs = defineCheck({
  id: 'k8s/secrets-in-args',
  title: 'Secrets are not passed on the container command line',
  severity: 'high',
  target: 'k8s-container',
  why:
    'A secret in command or args is in the manifest and git history, in the pod spec anyone who can get pods reads, ' +
    'and at run time in /proc/<pid>/cmdline, which every process in the pod (and on the node, with hostPID) can read ' +
    'and which ps, crash reports and many /debug or /flags endpoints print. Unlike a file it cannot be given a mode ' +
    'or rotated without a rollout.',
  fix: [
    'Move the secret into a Secret mounted as a file and pass the path instead of the value, as most tools allow:',
    '',
    '    args:',
    '      - -remoteWrite.basicAuth.passwordFile=/etc/vmagent/secrets/password',
    '    volumeMounts:',
    '      - { name: remote-write, mountPath: /etc/vmagent/secrets, readOnly: true }',
    '',
    'For a connection string, build it inside the container from the mounted file (or read an env var from secretKeyRef',
    'in the program), never in the manifest and never as $(VAR) in args. Rotate the value that was committed.',
  ].join('\n'),
  refs: [
    'OWASP Secrets Management Cheat Sheet: do not pass secrets on the command line',
    'CIS Kubernetes Benchmark 5.4.1 (prefer using Secrets as files)',
    'Kubernetes documentation, Good practices for Kubernetes Secrets',
    'kube-linter env-var-secret (the environment counterpart)',
  ],
  messages: {
    secretFlag: 'container "{container}" passes a secret on its command line: {flag} {masked}',
    credential: 'container "{container}" has {kind} on its command line: {masked}',
    secretExpanded: 'container "{container}" expands the Secret-backed variable $({variable}) into its command line, where ps and /proc/<pid>/cmdline show it',
  },
  claims: [{ about: 'no secrets on container command lines', risk: true, names: [...COMMAND_LINE_SECRET_NAMES, ['secret*', 'container args']] }],
  evaluate(container, ctx) {
    const fromSecrets = secretVariables(container.spec.env);
    for (const list of LISTS) {
      const words = asArray(container.spec[list]).map((word) => asString(word) ?? '');
      const reported = new Set<number>();
      words.forEach((word, index) => {
        const credential = credentialIn(word);
        if (!credential) return;
        reported.add(index);
        ctx.fail(container.at([list, index]), 'credential', { container: container.name, kind: credential.kind, masked: credential.masked }, credential.masked);
      });
      for (const { index, flag } of secretFlagsIn(words)) {
        if (reported.has(index)) continue;
        ctx.fail(container.at([list, index]), 'secretFlag', { container: container.name, flag: flag.flag, masked: flag.masked }, `${flag.flag} ${flag.masked}`);
      }
      if (fromSecrets.size === 0) continue;
      words.forEach((word, index) => {
        VARIABLE_REFERENCE.lastIndex = 0;
        for (let match = VARIABLE_REFERENCE.exec(word); match; match = VARIABLE_REFERENCE.exec(word)) {
          if (fromSecrets.has(match[1]!)) ctx.fail(container.at([list, index]), 'secretExpanded', { container: container.name, variable: match[1]! });
        }
      });
    }
  },
});
