import type { Location } from '../location.js';
import type { Workspace } from '../repo/workspace.js';
import type { Target } from '../target.js';
import { asRecord, type YamlRecord } from '../yaml/read.js';
import { toYamlPath, type ParsedYaml, type YamlPath } from '../yaml/source.js';

/** A GitHub Actions workflow file. */
export interface CiWorkflow extends Target {
  readonly file: string;
  readonly data: YamlRecord;
  /** Location of a path from the workflow root (`jobs.build.steps[2].run`). */
  at(path: string | YamlPath): Location;
}

export function workflowOf(file: string, parsed: ParsedYaml): CiWorkflow | undefined {
  const document = parsed.documents[0];
  const data = asRecord(document?.data);
  if (!document || !data) return undefined;
  const at = (path: string | YamlPath): Location => {
    const { line, column } = document.locate(typeof path === 'string' ? toYamlPath(path) : path);
    return { kind: 'file', path: file, line, column };
  };
  return { identity: file, file, data, location: at([]), at };
}

/** The workspace's GitHub Actions workflows, read once. */
export function workspaceWorkflows(workspace: Workspace): CiWorkflow[] {
  return workspace.memo('targets:ci-workflow', () => workspace.files('workflows').flatMap((file) => workflowOf(file, workspace.yaml(file)) ?? []));
}
