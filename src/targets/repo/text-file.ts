import type { Location } from '../location.js';
import type { Target } from '../target.js';
import type { FileGroup, Workspace } from './workspace.js';

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

/** The text files of a group (scripts, configs, the whole tree), read once; binary files are left out. */
export function textFilesOf(workspace: Workspace, group: FileGroup): TextFile[] {
  return workspace.memo(`targets:files:${group}`, () =>
    workspace.files(group).flatMap((file) => {
      const text = workspace.text(file, { binary: 'skip' });
      return text === undefined ? [] : [textFile(file, text)];
    }),
  );
}
