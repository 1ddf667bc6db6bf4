import type { Target } from '../target.js';
import type { HostCommand } from './commands.js';

/** What one of the fixed read-only commands printed on a host. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** null when the command ended on a signal or the session closed first. */
  readonly exitCode: number | null;
}

/** A file's metadata on a host, as stat(2) gives it. */
export interface RemoteStat {
  readonly path: string;
  /** Permission bits only (0o600). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly isDirectory: boolean;
  readonly isFile: boolean;
}

/**
 * Where a host keeps what a check reads: sshd, sudoers and k3s live in different places on
 * different distributions, so the plan may point each elsewhere (`paths:` of a host). `k3sConfig` is k3s's config.yaml
 * and `k3sKubeconfig` the k3s.yaml it writes (both in `k3sConfigDir` unless given); `rebootRequired` is the flag file
 * (its `.pkgs` list beside it); `k3sUnits` the folder holding k3s.service and k3s-agent.service.
 */
export type HostPathKey = 'sshdConfig' | 'sudoers' | 'sudoersDir' | 'k3sConfigDir' | 'k3sConfig' | 'k3sKubeconfig' | 'k3sToken' | 'kubeconfigs' | 'unattendedUpgrades' | 'fail2banJails' | 'rebootRequired' | 'k3sUnits';

/** What the plan says a host should look like, for the checks comparing against it. */
export interface HostExpectations {
  /** Ports that may listen on a non-loopback address (`allowPorts:`); undefined when the plan says nothing. */
  readonly allowPorts?: readonly number[];
  /** Ports that must be reachable only from these address ranges (`restrictPorts: { 443: cloudflare }`), resolved to CIDRs. */
  readonly restrictPorts?: Readonly<Record<number, readonly string[]>>;
}

/**
 * A host of the plan, reached over SSH. Everything a check learns comes through these four
 * reads; each is done once per host and shared by every check. A read that cannot be done
 * (connection refused, host key unknown) rejects, and the check's result is an error.
 */
export interface HostTarget extends Target {
  readonly name: string;
  readonly expect: HostExpectations;
  /** The plan's path for `key`, else `fallback` (the distribution's usual place). */
  path(key: HostPathKey, fallback: string): string;
  /** One of the fixed read-only commands (never a string built from the plan). */
  run(command: HostCommand): Promise<CommandOutput>;
  /** undefined when the path does not exist. */
  stat(path: string): Promise<RemoteStat | undefined>;
  /** A file's text (bounded); undefined when it does not exist or cannot be read. */
  readFile(path: string): Promise<string | undefined>;
  /** A directory's entry names; undefined when it does not exist or cannot be read. */
  listDir(path: string): Promise<string[] | undefined>;
}
