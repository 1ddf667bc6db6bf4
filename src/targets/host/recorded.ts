import { readFileSync } from 'node:fs';

/** A command output recorded on a real machine (see recorded/README.md), for parser and check tests. */
export function recorded(name: string): string {
  return readFileSync(new URL(`./recorded/${name}`, import.meta.url), 'utf8');
}
