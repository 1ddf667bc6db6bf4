import { shellCommands, shellVariables, type ShellCommand } from './command-words.js';
import { kubectlCreateOf } from './kubectl-create-secret.js';

/** A ConfigMap a shell script creates with `kubectl create configmap NAME --from-literal=KEY=VALUE ...`. */
export interface ScriptConfigMap {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly line: number;
  /**
   * Its literal entries, values as the script writes them: a value that is one variable
   * (`"$REDIS_URL"`) is replaced by that variable's assignment, so what the ConfigMap will
   * hold (`redis://:${REDIS_PASSWORD}@...`) is visible.
   */
  readonly literals: readonly { key: string; value: string; line: number }[];
}

const SINGLE_VARIABLE = /^\$\{?([A-Za-z_]\w*)\}?$/;

export function scriptConfigMaps(text: string): ScriptConfigMap[] {
  if (!text.includes('configmap')) return [];
  const commands = shellCommands(text);
  const { arrays } = shellVariables(commands);
  const assigned = lastAssignments(commands);
  const configMaps: ScriptConfigMap[] = [];
  for (const command of commands) {
    const create = kubectlCreateOf(command, arrays);
    if (!create || (create.positional[0] !== 'configmap' && create.positional[0] !== 'cm') || !create.positional[1]) continue;
    let namespace: string | undefined;
    const literals: { key: string; value: string; line: number }[] = [];
    for (const { flag, value, line } of create.flags) {
      if (flag === '-n' || flag === '--namespace') namespace = value;
      if (flag !== '--from-literal' || !value) continue;
      const eq = value.indexOf('=');
      if (eq <= 0) continue;
      const raw = value.slice(eq + 1);
      const variable = SINGLE_VARIABLE.exec(raw)?.[1];
      literals.push({ key: value.slice(0, eq), value: (variable && assigned.get(variable)) ?? raw, line });
    }
    configMaps.push({ name: create.positional[1], namespace, line: command.line, literals });
  }
  return configMaps;
}

/** `NAME=value` assignments as written (expansions kept), the last one of each name. */
function lastAssignments(commands: readonly ShellCommand[]): Map<string, string> {
  const assigned = new Map<string, string>();
  for (const command of commands) {
    const first = command.words[0]?.text;
    const words = first === 'export' || first === 'local' || first === 'readonly' ? command.words.slice(1) : command.words;
    for (const word of words) {
      const match = /^([A-Za-z_]\w*)=(.*)$/s.exec(word.text);
      if (!match) break;
      assigned.set(match[1]!, match[2]!);
    }
  }
  return assigned;
}
