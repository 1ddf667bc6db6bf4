import { z } from 'zod';
import { secretRef } from '../secret-ref.js';
import { addressRanges } from './address-ranges.js';
import type { HostPathKey } from './host-target.js';

const HOST_PATH_KEYS = ['sshdConfig', 'sudoers', 'sudoersDir', 'k3sConfigDir', 'k3sConfig', 'k3sKubeconfig', 'k3sToken', 'kubeconfigs', 'unattendedUpgrades', 'fail2banJails', 'rebootRequired', 'k3sUnits'] as const satisfies readonly HostPathKey[];

const SSH_ADDRESS = /^(?<user>[a-z_][a-z0-9_.-]*\$?)@(?<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(?<port>\d{1,5}))?$/;

/** `user@host[:port]`, the port 22 when left out; IPv6 addresses in brackets (`root@[::1]:2222`). */
const sshAddress = z.string().transform((text, ctx) => {
  const match = SSH_ADDRESS.exec(text);
  const port = Number(match?.groups?.port ?? 22);
  if (!match || port < 1 || port > 65535) {
    ctx.addIssue({ code: 'custom', message: 'expected user@host or user@host:port (root@203.0.113.7:22)' });
    return z.NEVER;
  }
  return { user: match.groups!.user!, host: match.groups!.host!.replace(/^\[|\]$/g, ''), port };
});

const portNumber = z.number().int().min(1).max(65535);

const portKey = z.string().regex(/^\d{1,5}$/, 'expected a port number').refine((text) => Number(text) >= 1 && Number(text) <= 65535, 'expected a port number (1-65535)');

/**
 * A host of the plan, reached over SSH with a key (`identity:`, a secret reference) or the
 * running ssh-agent (`agent: true`). Its host key must be known: pinned (`hostKey:
 * SHA256:…`, as `ssh-keygen -lf` prints it) or listed in a known_hosts file; never trusted on
 * first use.
 */
export const hostSchema = z
  .object({
    name: z.string().min(1),
    ssh: sshAddress,
    identity: secretRef.optional(),
    agent: z.literal(true).optional(),
    knownHosts: z.string().regex(/^file:.+$/, 'expected file:/path/to/known_hosts').optional(),
    hostKey: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'expected a SHA256 fingerprint as ssh-keygen -lf prints it (SHA256:…)').optional(),
    /** Runs the fixed commands with `sudo -n` (files are still read over SFTP as the SSH user). */
    sudo: z.literal(true).optional(),
    paths: z.partialRecord(z.enum(HOST_PATH_KEYS), z.string().startsWith('/', 'expected an absolute path on the host')).default({}),
    allowPorts: z.array(portNumber).optional(),
    /** Ports reachable only from these sources (`443: cloudflare`, `6443: [10.0.0.0/16]`); names: address-ranges.ts. */
    restrictPorts: z.record(portKey, addressRanges, { error: (issue) => (issue.code === 'invalid_key' ? 'a key of restrictPorts is a port number (1-65535)' : undefined) }).optional(),
  })
  .strict()
  .refine((host) => host.identity !== undefined || host.agent === true, { message: 'a host needs identity: (a private key as env:/file:) or agent: true', path: ['identity'] })
  .refine((host) => host.hostKey !== undefined || host.knownHosts !== undefined, {
    message: 'a host needs hostKey: SHA256:… (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the host) or knownHosts: file:PATH; unknown host keys are refused',
    path: ['hostKey'],
  });

export type HostConfig = z.output<typeof hostSchema>;
