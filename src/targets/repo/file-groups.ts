import { defineIndex } from './shared-index.js';
import { FILE_GROUPS, type FileGroup } from './workspace.js';

/**
 * Which globs of the plan's targets a file matched: lets a check that reads every
 * tree file (`repo-file`) treat the files the user calls scripts as scripts.
 */
export interface FileGroups {
  has(group: FileGroup, file: string): boolean;
}

export const fileGroupsIndex = defineIndex<FileGroups>('repo/file-groups', (workspace) => {
  const groups = new Map(FILE_GROUPS.map((group) => [group, new Set(workspace.files(group))]));
  return { has: (group, file) => groups.get(group)?.has(file) ?? false };
});
