import { commandWordsOf } from './environment.js';
import type { ComposeService } from './compose.js';

/** Command-line options that take a password: `redis-server --requirepass x`, `--password=x`. */
const PASSWORD_OPTIONS = new Set(['--requirepass', '--masterauth', '--password', '--db-password', '--admin-password', '--root-password']);

export interface PasswordArgument {
  readonly key: 'command' | 'entrypoint';
  readonly option: string;
  /** The value as the compose file writes it (`$REDIS_PASSWORD` stays a variable), quotes dropped. */
  readonly value: string;
  /** The command runs in a shell (`sh -c "…"`), which expands the container's own variables (`$$VAR`). */
  readonly shell: boolean;
}

const SHELL = /^(\/(usr\/)?bin\/)?(ba|da|a)?sh$/;

/** The password options of a service's `command` and `entrypoint`, with their values as written. */
export function passwordArgumentsOf(service: ComposeService): PasswordArgument[] {
  return (['command', 'entrypoint'] as const).flatMap((key) => {
    const words = commandWordsOf(service, key, 'written').flatMap((word) => word.split(/\s+/));
    const shell = words.some((word, i) => SHELL.test(word) && words[i + 1] === '-c');
    return words.flatMap((word, i): PasswordArgument[] => {
      const eq = word.indexOf('=');
      const option = eq === -1 ? word : word.slice(0, eq);
      if (!PASSWORD_OPTIONS.has(option)) return [];
      const value = (eq === -1 ? words[i + 1] : word.slice(eq + 1))?.replace(/^["']|["']$/g, '');
      return value === undefined || value === '' || value.startsWith('-') ? [] : [{ key, option, value, shell }];
    });
  });
}
