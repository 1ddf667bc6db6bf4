import type { Location } from '../targets/location.js';
import type { Workspace } from '../targets/repo/workspace.js';
import type { Target } from '../targets/target.js';

const COMMENT = /#\s*harden-ignore\s+([\w./*-]+)\s*(.*)$/;

/**
 * The reason a failure is suppressed in the source, if it is: a manifest annotation on
 * the target, or a `# harden-ignore CHECK reason` comment on the failing line, the
 * line above it, or the line above the target's start.
 */
export function inlineIgnoreFor(workspace: Workspace, checkId: string, target: Target, at: Location): string | undefined {
  for (const [pattern, reason] of target.inlineIgnores ?? []) if (coversCheck(pattern, checkId)) return reason;
  if (at.kind !== 'file' || !workspace.mayHaveIgnoreComments(at.path)) return undefined;
  const lines = workspace.memo(`lines:${at.path}`, () => workspace.text(at.path)?.split('\n') ?? []);
  const candidates = [at.line, at.line - 1];
  if (target.location.kind === 'file' && target.location.path === at.path) candidates.push(target.location.line - 1);
  for (const line of candidates) {
    const match = COMMENT.exec(lines[line - 1] ?? '');
    if (match && coversCheck(match[1]!, checkId)) return match[2]?.trim() || 'no reason given';
  }
  return undefined;
}

function coversCheck(pattern: string, checkId: string): boolean {
  if (pattern === checkId || pattern === '*') return true;
  return pattern.endsWith('/*') && checkId.startsWith(pattern.slice(0, -1));
}
