import type { Workspace } from './workspace.js';

/**
 * A view across many targets that several checks share (secret references, selectors,
 * policies by namespace). Built once per workspace on first use, so cross-file checks
 * stay linear: index once, look up per target.
 */
export interface SharedIndex<T> {
  readonly id: string;
  build(workspace: Workspace): T;
}

export function defineIndex<T>(id: string, build: (workspace: Workspace) => T): SharedIndex<T> {
  return { id, build };
}

export function useIndex<T>(workspace: Workspace, index: SharedIndex<T>): T {
  return workspace.memo(`index:${index.id}`, () => index.build(workspace));
}
