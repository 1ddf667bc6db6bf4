import { CONFIGMAP_SECRET_NAMES } from '../../targets/secrets/claims.js';
import { isCredentialName } from '../../targets/secrets/credential-names.js';
import { commandsOfLine, readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

const KUBECTL = new Set(['kubectl', 'oc', 'k3s', 'microk8s']);
const ASSIGNMENT = /^([A-Za-z_]\w*)=(.*)$/s;
const DECLARE = new Set(['export', 'local', 'readonly', 'declare']);
const REFERENCE = /\$\{?([A-Za-z_]\w*)/g;

export const secretIntoConfigmap = defineCheck({
  id: 'repo/secret-into-configmap',
  title: 'Scripts do not write secrets into ConfigMaps',
  severity: 'high',
  target: 'shell-script',
  why:
    'A ConfigMap is not a Secret: `get configmaps` is granted far more widely than `get secrets`, kubectl describe prints ' +
    'it, it is never encrypted at rest (secrets-encryption covers Secrets only), and it is often checked in as the ' +
    '"current" copy. A script that builds a value from a password (REDIS_URL=redis://:$REDIS_PASSWORD@…) and passes it ' +
    'to `kubectl create configmap --from-literal` publishes the password to all of them.',
  fix: [
    'Keep the ConfigMap free of credentials and put the secret part in a Secret the pod mounts:',
    '',
    '    kubectl create configmap app-config --from-literal=REDIS_ADDR="$REDIS_HOST:$REDIS_PORT"',
    '    kubectl create secret generic redis-auth --from-file=password="$WORK/redis-password"',
    '',
    'and have the app read the password from the mounted file.',
  ].join('\n'),
  refs: [
    'Kubernetes documentation, ConfigMaps: "ConfigMap does not provide secrecy or encryption"',
    'CIS Kubernetes Benchmark 5.4.1 (prefer Secrets as files)',
    'CWE-312: Cleartext storage of sensitive information',
  ],
  messages: {
    secretKey: 'ConfigMap key {key} is named like a credential: it belongs in a Secret',
    secretValue: 'ConfigMap key {key} is built from {variable}: the secret ends up in a ConfigMap',
  },
  claims: [
    {
      about: 'scripts write no secrets into ConfigMaps',
      names: [...CONFIGMAP_SECRET_NAMES, ['create configmap', 'secret*'], ['create configmap', 'password*'], ['from-literal', 'ConfigMap*']],
    },
  ],
  evaluate(script, ctx) {
    if (!script.text.includes('configmap') && !script.text.includes(' cm ')) return;
    // Variables whose value carries a credential: named like one, or assigned from one.
    const carriers = new Map<string, string>();
    for (const line of readShellScript(script.text).lines) {
      for (const command of commandsOfLine(line.text)) {
        const words = command.map((word) => word.text);
        const declared = DECLARE.has(words[0]!) ? words.slice(1) : words;
        const assignment = declared.length === 1 ? ASSIGNMENT.exec(declared[0]!) : null;
        if (assignment) {
          const source = credentialIn(assignment[2]!, carriers);
          if (source && !isCredentialName(assignment[1]!)) carriers.set(assignment[1]!, source);
          continue;
        }
        const program = words[0]?.slice(words[0].lastIndexOf('/') + 1) ?? '';
        if (!KUBECTL.has(program)) continue;
        const create = words.indexOf('create');
        if (create < 0 || (words[create + 1] !== 'configmap' && words[create + 1] !== 'cm')) continue;
        for (const word of command) {
          const literal = /^--from-literal=([^=]+)=(.*)$/s.exec(word.text);
          if (!literal) continue;
          const key = literal[1]!;
          const { line: at, column } = line.positionAt(word.index);
          if (isCredentialName(key)) {
            ctx.fail(script.at(at, column), 'secretKey', { key });
            continue;
          }
          const variable = credentialIn(literal[2]!, carriers);
          if (variable) ctx.fail(script.at(at, column), 'secretValue', { key, variable });
        }
      }
    }
  },
});

/** The credential variable a value expands, directly or through a carrier variable. */
function credentialIn(value: string, carriers: ReadonlyMap<string, string>): string | undefined {
  for (const match of value.matchAll(REFERENCE)) {
    const name = match[1]!;
    if (isCredentialName(name)) return name;
    const carried = carriers.get(name);
    if (carried) return carried;
  }
  return undefined;
}
