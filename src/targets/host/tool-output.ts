import { commandState } from './command-state.js';
import { HOST_COMMANDS, type HostCommand } from './commands.js';
import type { CommandOutput, HostTarget } from './host-target.js';

/** What a fixed command gave: its output, or why there is none (the tool is absent, or refused). */
export type ToolOutput =
  | { readonly kind: 'ok'; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'missing'; readonly tool: string }
  | { readonly kind: 'failed'; readonly tool: string; readonly exitCode: number | null; readonly reason: string };

/** The program a fixed command runs, after any leading `VAR=value` assignments. */
export function toolOf(command: HostCommand): string {
  return HOST_COMMANDS[command].split(/\s+/).find((word) => !/^\w+=/.test(word)) ?? HOST_COMMANDS[command];
}

/**
 * Exit 127 (command not found) is an absent tool; another non-zero exit is a failure with its
 * first stderr line, and how to give the command root when it said it needs it.
 */
export function toolOutput(command: HostCommand, output: CommandOutput): ToolOutput {
  const tool = toolOf(command);
  const state = commandState(output);
  if (state === 'missing' || (output.exitCode !== 0 && output.stdout.trim() === '' && /command not found/.test(output.stderr))) return { kind: 'missing', tool };
  if (state === 'ok') return { kind: 'ok', stdout: output.stdout, stderr: output.stderr };
  const reason = firstLine(output.stderr) || firstLine(output.stdout) || 'no output';
  return { kind: 'failed', tool, exitCode: output.exitCode, reason: state === 'denied' ? `${reason} (connect as root or set sudo: true)` : reason };
}

export async function runTool(host: HostTarget, command: HostCommand): Promise<ToolOutput> {
  return toolOutput(command, await host.run(command));
}

/** Why a tool's output is absent, in a few words for a message. */
export function absence(output: Exclude<ToolOutput, { kind: 'ok' }>): string {
  if (output.kind === 'missing') return `${output.tool} is not installed (exit 127)`;
  return `${output.tool} exited ${output.exitCode ?? 'on a signal'}: ${output.reason}`;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim().slice(0, 200) ?? '';
}
