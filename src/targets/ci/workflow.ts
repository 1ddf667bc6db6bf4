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
  /** The text of 1-based `line` of the file, read again on demand (a finding's exact column). */
  lineText(line: number): string | undefined;
}

export function workflowOf(file: string, parsed: ParsedYaml, readText: () => string | undefined = () => undefined): CiWorkflow | undefined {
  const document = parsed.documents[0];
  const data = asRecord(document?.data);
  if (!document || !data) return undefined;
  const at = (path: string | YamlPath): Location => {
    const { line, column } = document.locate(typeof path === 'string' ? toYamlPath(path) : path);
    return { kind: 'file', path: file, line, column };
  };
  let lines: string[] | undefined;
  const lineText = (line: number): string | undefined => (lines ??= readText()?.split(/\r?\n/) ?? [])[line - 1];
  return { identity: file, file, data, location: at([]), at, lineText };
}

/** The workspace's GitHub Actions workflows, read once. */
export function workspaceWorkflows(workspace: Workspace): CiWorkflow[] {
  return workspace.memo('targets:ci-workflow', () => workspace.files('workflows').flatMap((file) => workflowOf(file, workspace.yaml(file), () => reread(workspace, file)) ?? []));
}

/** The text again after parsing dropped it, dropped again once read: only workflows with a finding need it. */
function reread(workspace: Workspace, file: string): string | undefined {
  const text = workspace.text(file);
  workspace.forgetText(file);
  return text;
}
