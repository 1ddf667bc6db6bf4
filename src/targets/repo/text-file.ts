import type { Location } from '../location.js';
import type { Target } from '../target.js';

/** A file read as text: shell scripts, config files, any file scanned for secrets. */
export interface TextFile extends Target {
  readonly file: string;
  readonly text: string;
  /** Lines without their terminators; `lines[0]` is line 1. */
  readonly lines: readonly string[];
  at(line: number, column?: number): Location;
}

export function textFile(file: string, text: string): TextFile {
  let lines: string[] | undefined;
  return {
    identity: file,
    file,
    text,
    get lines() {
      return (lines ??= text.split(/\r?\n/));
    },
    location: { kind: 'file', path: file, line: 1, column: 1 },
    at: (line, column = 1) => ({ kind: 'file', path: file, line, column }),
  };
}
