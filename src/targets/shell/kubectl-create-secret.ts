import { asRecord, asString } from '../yaml/read.js';
import { parseYaml } from '../yaml/source.js';
import { resolveWord, shellCommands, shellVariables, type HereDoc, type ResolvedWord, type ShellCommand, type ShellVariables, type ShellWord } from './command-words.js';

/** A Secret a shell script creates with `kubectl create secret ...`. */
export interface ScriptSecret {
  /** The name as written, resolved against the script's literal variables. */
  readonly name: ResolvedWord;
  readonly namespace: ResolvedWord | undefined;
  /** The keys it writes, or 'unknown' (`--from-env-file`, `--from-file=DIR`). */
  readonly keys: ReadonlySet<string> | 'unknown';
  readonly line: number;
}

/** Binaries that are kubectl, or run it (`k3s kubectl`, `microk8s kubectl`, `oc`). */
const KUBECTL = /(?:^|\/)(?:kubectl|oc|kubectl\.exe)$/;
/** kubectl flags that take the next word as their value (when written without `=`). */
const VALUE_FLAGS = new Set([
  '-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '--token', '--server', '-s', '--as', '--as-group',
  '-o', '--output', '--type', '--from-literal', '--from-file', '--from-env-file', '--cert', '--key',
  '--docker-server', '--docker-username', '--docker-password', '--docker-email', '--field-manager',
  '--request-timeout', '--certificate-authority', '--client-certificate', '--client-key', '--template',
]);

const SECRET_KIND = /kind:\s*["']?Secret\b/;

/**
 * Every Secret a script creates: `kubectl create secret generic|tls|docker-registry NAME ...`
 * (backslash continuations joined, `-n`/`--namespace`, `"${args[@]}"` arrays expanded) and
 * `kind: Secret` manifests in here-documents (`kubectl apply -f - <<EOF`).
 */
export function scriptSecrets(text: string): ScriptSecret[] {
  if (!text.includes('secret') && !text.includes('Secret')) return [];
  const commands = shellCommands(text);
  const { scalars, arrays } = shellVariables(commands);
  const secrets: ScriptSecret[] = [];
  for (const command of commands) {
    for (const doc of command.heredocs) if (SECRET_KIND.test(doc.body)) secrets.push(...heredocSecrets(doc, scalars));
    const secret = createSecretOf(command, arrays, scalars);
    if (!secret) continue;
    secrets.push({
      name: resolveWord(secret.name, scalars),
      namespace: secret.namespace === undefined ? undefined : resolveWord(secret.namespace, scalars),
      keys: secret.keys,
      line: command.line,
    });
  }
  return secrets;
}

function heredocSecrets(doc: HereDoc, scalars: ShellVariables): ScriptSecret[] {
  const variables = doc.quoted ? new Map<string, string[]>() : scalars;
  return parseYaml(doc.body).documents.flatMap((document): ScriptSecret[] => {
    const root = asRecord(document.data);
    const metadata = asRecord(root?.metadata);
    const name = asString(metadata?.name);
    if (root?.kind !== 'Secret' || !name) return [];
    const namespace = asString(metadata?.namespace);
    const keys = new Set([...Object.keys(asRecord(root.data) ?? {}), ...Object.keys(asRecord(root.stringData) ?? {})]);
    return [
      {
        name: doc.quoted ? { values: [name] } : resolveWord(name, variables),
        namespace: namespace === undefined ? undefined : doc.quoted ? { values: [namespace] } : resolveWord(namespace, variables),
        keys: [...keys].some((key) => key.includes('$')) ? 'unknown' : keys,
        line: doc.line + document.start.line - 1,
      },
    ];
  });
}

/** A `kubectl ... create <resource> ...` command: positional words after `create`, and flags with the line of each. */
export interface KubectlCreate {
  readonly positional: readonly string[];
  readonly flags: readonly { flag: string; value: string | undefined; line: number }[];
}

/** Reads `kubectl [flags] create ...` (arrays expanded); undefined for any other command. */
export function kubectlCreateOf(command: ShellCommand, arrays: ReadonlyMap<string, readonly ShellWord[]>): KubectlCreate | undefined {
  const start = command.words.findIndex((word) => KUBECTL.test(word.text));
  if (start < 0) return undefined;
  const words = expandArrays(command.words.slice(start + 1), arrays);
  const positional: string[] = [];
  const flags: { flag: string; value: string | undefined; line: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    const { text: word, line } = words[i]!;
    if (word.startsWith('-') && word.length > 1) {
      const eq = word.indexOf('=');
      if (eq > 0) flags.push({ flag: word.slice(0, eq), value: word.slice(eq + 1), line });
      else if (VALUE_FLAGS.has(word)) flags.push({ flag: word, value: words[++i]?.text, line });
      else if (/^-n\S/.test(word)) flags.push({ flag: '-n', value: word.slice(2), line });
      else flags.push({ flag: word, value: undefined, line });
    } else positional.push(word);
  }
  return positional[0] === 'create' ? { positional: positional.slice(1), flags } : undefined;
}

function createSecretOf(
  command: ShellCommand,
  arrays: ReadonlyMap<string, readonly ShellWord[]>,
  scalars: ShellVariables,
): { name: string; namespace: string | undefined; keys: Set<string> | 'unknown' } | undefined {
  const create = kubectlCreateOf(command, arrays);
  if (!create || create.positional[0] !== 'secret') return undefined;
  const type = create.positional[1];
  const name = create.positional[2];
  if (!type || !name) return undefined;
  let namespace: string | undefined;
  let keys: Set<string> | 'unknown' = new Set();
  const addKey = (key: string) => {
    if (keys === 'unknown') return;
    // `--from-literal="$k=..."` in a loop: the loop's words, or any key when they are not known.
    const resolved = resolveWord(key, scalars);
    if ('values' in resolved) for (const value of resolved.values) keys.add(value);
    else keys = 'unknown';
  };
  if (type === 'tls') ['tls.crt', 'tls.key'].forEach(addKey);
  if (type === 'docker-registry') addKey('.dockerconfigjson');
  for (const { flag, value } of create.flags) {
    if (flag === '-n' || flag === '--namespace') namespace = value;
    else if (flag === '--from-literal' && value) addKey(value.split('=')[0]!);
    else if (flag === '--from-file' && value) {
      const key = fromFileKey(value);
      if (key === undefined) keys = 'unknown';
      else addKey(key);
    } else if (flag === '--from-env-file') keys = 'unknown';
  }
  if (type === 'docker-registry' && create.flags.some(({ flag }) => flag === '--from-file')) keys = 'unknown';
  return { name, namespace, keys };
}

/** `KEY=path` names its key; a plain path is keyed by its file name, unless it may be a directory. */
function fromFileKey(value: string): string | undefined {
  const eq = value.indexOf('=');
  if (eq > 0 && !value.slice(0, eq).includes('$')) return value.slice(0, eq);
  if (eq >= 0) return undefined;
  const base = value.replace(/\/+$/, '').split('/').pop() ?? '';
  return base.includes('.') && !base.includes('$') && value.length > 0 && !value.endsWith('/') ? base : undefined;
}

/** `"${args[@]}"` becomes the words the script put in the array. */
function expandArrays(words: readonly ShellWord[], arrays: ReadonlyMap<string, readonly ShellWord[]>): ShellWord[] {
  return words.flatMap((word) => {
    const array = /^\$\{([A-Za-z_]\w*)\[[@*]\]\}$/.exec(word.text);
    if (!array) return [word];
    return [...(arrays.get(array[1]!) ?? [])];
  });
}
