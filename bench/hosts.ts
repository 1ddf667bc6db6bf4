// The host checks over SSH: 20 hosts (spread over BENCH_SSHDS real sshd instances on 127.0.0.1,
// default 4) against one host at a time, through the real engine. Each host's connection opens
// on its first read and carries every command and SFTP read of the run; the hosts are read in
// parallel, so 20 hosts should take at most about 2x the slowest single host. Measured twice (best
// of BENCH_ROUNDS, default 3 each):
// - real tools: every host runs the real commands on this machine, so the 20 hosts' own CPU (apt,
//   sysctl, ps) is serialised on its cores, which real hosts spend on their own: a CPU-bound floor;
// - stub tools: the same sshd and SSH, but each host's PATH (sshd SetEnv) finds stubs that sleep the
//   wall time the real command took on one host (measured first, in this run) and print its recorded
//   output (src/targets/host/recorded/, else what the real command printed): a host working on its own
//   CPU. What remains is what harden controls: connections in parallel, one session per host, commands
//   multiplexed on it, the engine's bound on evaluations in flight.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../src/checks/index.js';
import { invocationKey } from '../src/engine/fingerprint.js';
import { DEFAULT_ENGINE_OPTIONS, runChecks } from '../src/engine/run.js';
import { planSchema } from '../src/plan/schema.js';
import { HOST_COMMANDS, type HostCommand } from '../src/targets/host/commands.js';
import { hostSchema } from '../src/targets/host/config.js';
import type { CommandOutput } from '../src/targets/host/host-target.js';
import { recorded } from '../src/targets/host/recorded.js';
import { SshSession } from '../src/targets/host/ssh-session.js';
import { NO_LIVE_TARGETS } from '../src/targets/live/config.js';
import { LiveClients } from '../src/targets/live/targets.js';
import { DEFAULT_GLOBS, Workspace } from '../src/targets/repo/workspace.js';
import { startSshd, type RunningSshd } from '../src/testing/sshd.js';

const HOSTS = 20;
const SSHDS = Number(process.env.BENCH_SSHDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const checks = CHECKS.filter((check) => check.target === 'host');

const HOST_FILES = {
  'etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n',
  'etc/sudoers': { content: 'Defaults env_reset\nroot ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n', mode: 0o440 },
  'etc/sudoers.d/90-cloud-init-users': { content: 'ubuntu ALL=(ALL) NOPASSWD:ALL\n', mode: 0o440 },
  'etc/rancher/k3s/k3s.yaml': { content: 'apiVersion: v1\nkind: Config\n', mode: 0o644 },
  'etc/rancher/k3s/config.yaml': { content: 'write-kubeconfig-mode: "0644"\n', mode: 0o600 },
  'var/lib/rancher/k3s/server/token': { content: 'K10bench::server:bench\n', mode: 0o600 },
  'etc/apt/apt.conf.d/20auto-upgrades': 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n',
  'etc/apt/apt.conf.d/50unattended-upgrades': 'Unattended-Upgrade::Origins-Pattern {\n  "origin=Debian,codename=${distro_codename},label=Debian-Security";\n};\n',
  'etc/fail2ban/jail.conf': '[DEFAULT]\nenabled = false\n[sshd]\nport = ssh\n',
  'etc/fail2ban/jail.d/defaults-debian.conf': '[sshd]\nenabled = true\n',
};

function planHost(sshd: RunningSshd, index: number): Record<string, unknown> {
  const at = (path: string) => `${sshd.root}/${path}`;
  return sshd.planHost({
    name: `node-${index}`,
    paths: {
      sshdConfig: at('etc/ssh/sshd_config'),
      sudoers: at('etc/sudoers'),
      sudoersDir: at('etc/sudoers.d'),
      k3sConfigDir: at('etc/rancher/k3s'),
      k3sToken: at('var/lib/rancher/k3s/server/token'),
      kubeconfigs: at('root/.kube'),
      unattendedUpgrades: at('etc/apt/apt.conf.d'),
      fail2banJails: at('etc/fail2ban'),
      k3sUnits: at('etc/systemd/system'),
      rebootRequired: at('var/run/reboot-required'),
    },
  });
}

/** CPU the sshd instances' sessions used (children reaped by each listener: cutime + cstime of /proc/PID/stat), in ms. */
function sshdCpuMs(sshds: readonly RunningSshd[]): number {
  const ticks = sshds.reduce((sum, sshd) => {
    const pid = readFileSync(`${sshd.dir}/sshd.pid`, 'utf8').trim();
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return sum + Number(fields[13]) + Number(fields[14]);
  }, 0);
  return ticks * 10;
}

/** The commands sent over SSH during a run, by command line: each host should send each at most once. */
const sent = new Map<string, number>();
const exec = SshSession.prototype.exec;
SshSession.prototype.exec = function (this: SshSession, command: string) {
  sent.set(command, (sent.get(command) ?? 0) + 1);
  return exec.call(this, command);
};

/** What a fixed command did on one host, alone on its connection (the host is this machine). */
interface CommandRun {
  command: HostCommand;
  wallMs: number;
  /** Its wall time less an exec channel's round trip (`true`): what the command itself took, which its stub sleeps. */
  ownMs: number;
  output: CommandOutput;
}

async function commandRuns(host: Record<string, unknown>): Promise<CommandRun[]> {
  const session = new SshSession(hostSchema.parse(host), { timeoutMs: 30_000, planDir: process.cwd() });
  const timed = async (command: string) => {
    const started = performance.now();
    const output = await session.exec(command);
    return { wallMs: performance.now() - started, output };
  };
  try {
    let channelMs = Infinity;
    for (let i = 0; i < 5; i++) channelMs = Math.min(channelMs, (await timed('true')).wallMs);
    const runs: CommandRun[] = [];
    for (const command of Object.keys(HOST_COMMANDS) as HostCommand[]) {
      const { wallMs, output } = await timed(HOST_COMMANDS[command]);
      runs.push({ command, wallMs, ownMs: Math.max(0, wallMs - channelMs), output });
    }
    console.log(`an exec channel's round trip (true): ${channelMs.toFixed(1)} ms`);
    return runs;
  } finally {
    session.close();
  }
}

/** Real outputs recorded on a Debian 12 host (the test machine lacks ufw and nft, and its sshd is not the host's). */
const RECORDED: Partial<Record<HostCommand, string>> = {
  listeningSockets: 'ss-tuln.txt',
  ufwStatus: 'ufw-active.txt',
  nftRuleset: 'nft-drop.json',
  sysctlAll: 'sysctl-a.txt',
  aptUpgradable: 'apt-list-upgradable.txt',
};

/** The tool a command line runs (`LC_ALL=C apt list …` runs apt). */
const toolOf = (line: string) => line.split(' ').find((word) => !word.includes('='))!;

/** A directory of stub tools, one per fixed command: sleep (no CPU) the real command's wall time, then print its output. */
function stubTools(runs: readonly CommandRun[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'harden-bench-stubs-'));
  chmodSync(dir, 0o755);
  for (const { command, ownMs, output } of runs) {
    const tool = toolOf(HOST_COMMANDS[command]);
    const file = RECORDED[command];
    writeFileSync(join(dir, `${tool}.out`), file ? recorded(file) : output.stdout);
    writeFileSync(join(dir, `${tool}.err`), file ? '' : output.stderr);
    const exit = file ? 0 : (output.exitCode ?? 1);
    writeFileSync(join(dir, tool), `#!/bin/sh\n/bin/sleep ${(ownMs / 1000).toFixed(3)}\n/bin/cat '${dir}/${tool}.out'\n/bin/cat '${dir}/${tool}.err' >&2\nexit ${exit}\n`, { mode: 0o755 });
  }
  return dir;
}

async function run(hosts: Record<string, unknown>[], timeoutMs: number): Promise<{ wallMs: number; results: number; errors: string[] }> {
  const targets = planSchema.parse({ targets: { hosts } }).targets;
  const live = new LiveClients({ ...NO_LIVE_TARGETS, hosts: targets.hosts, timeoutMs });
  const dir = mkdtempSync(join(tmpdir(), 'harden-bench-hosts-'));
  try {
    const workspace = await Workspace.open(dir, DEFAULT_GLOBS, live);
    const started = performance.now();
    const results = await runChecks(workspace, checks.map((check) => ({ check, options: check.options.parse({}) as Record<string, unknown>, key: invocationKey(check.id, {}) })), { ...DEFAULT_ENGINE_OPTIONS, timeoutMs });
    const wallMs = performance.now() - started;
    return { wallMs, results: results.length, errors: results.filter((r) => r.status === 'error').map((r) => r.message) };
  } finally {
    await live.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Measured {
  single: number;
  many: number;
  results: number;
  errors: string[];
  cpu: { client: number; sshd: number };
}

/** The slowest of the single hosts (one per sshd) and the 20 hosts at once, best of ROUNDS each. */
async function measure(sshds: readonly RunningSshd[], timeoutMs = DEFAULT_ENGINE_OPTIONS.timeoutMs): Promise<Measured> {
  const hosts = Array.from({ length: HOSTS }, (_, i) => planHost(sshds[i % sshds.length]!, i));
  const measured: Measured = { single: Infinity, many: Infinity, results: 0, errors: [], cpu: { client: 0, sshd: 0 } };
  for (let round = 0; round < ROUNDS; round++) {
    let slowest = 0;
    for (const host of hosts.slice(0, sshds.length)) slowest = Math.max(slowest, (await run([host], timeoutMs)).wallMs);
    measured.single = Math.min(measured.single, slowest);
    sent.clear();
    const sshdBefore = sshdCpuMs(sshds);
    const clientBefore = process.cpuUsage();
    const all = await run(hosts, timeoutMs);
    const client = process.cpuUsage(clientBefore);
    // The sessions' processes are reaped (and their CPU counted) once they have seen the connections close.
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (all.wallMs < measured.many) {
      Object.assign(measured, { many: all.wallMs, results: all.results, errors: all.errors });
      measured.cpu = { client: (client.user + client.system) / 1000, sshd: sshdCpuMs(sshds) - sshdBefore };
    }
  }
  return measured;
}

function print(label: string, { single, many, results, errors, cpu }: Measured): void {
  console.log(`\n${label}`);
  console.log(`  slowest single host: ${single.toFixed(0)} ms`);
  console.log(`  ${HOSTS} hosts: ${many.toFixed(0)} ms, ${results} results, ${errors.length} errors${errors.length ? `: ${errors[0]}` : ''}`);
  console.log(`  ratio: ${(many / single).toFixed(2)} (target <= 2)`);
  console.log(`  commands sent in the last ${HOSTS}-host run: ${[...sent].map(([command, count]) => `${toolOf(command)} x${count}`).join(', ')}`);
  console.log(`  CPU of the fastest ${HOSTS}-host run: client ${cpu.client.toFixed(0)} ms, sshd sessions and their commands ${cpu.sshd.toFixed(0)} ms (cores here: ${availableParallelism()}, load ${loadavg()[0]!.toFixed(1)})`);
}

const realSshds = await Promise.all(Array.from({ length: SSHDS }, () => startSshd()));
let stubs: string | undefined;
const stubSshds: RunningSshd[] = [];
try {
  for (const sshd of realSshds) sshd.write(HOST_FILES);
  console.log(`host checks: ${checks.length} (${checks.map((check) => check.id).join(', ')}), ${HOSTS} hosts over ${SSHDS} sshd instances`);
  // A check's command runs at most once per host (the target memoizes it), and only when a check asks for it.
  const runs = await commandRuns(planHost(realSshds[0]!, 0));
  console.log('command (one host, over SSH)            wall ms  exit  stub sleeps ms');
  for (const { command, wallMs, ownMs, output } of runs)
    console.log(`${`${command}: ${HOST_COMMANDS[command]}`.slice(0, 40).padEnd(40)} ${wallMs.toFixed(0).padStart(7)}  ${String(output.exitCode ?? 'signal').padStart(4)}  ${ownMs.toFixed(0).padStart(14)}`);
  print('real tools on this machine: CPU-bound floor (the 20 hosts\' own commands share its cores; evaluation timeout 60 s)', await measure(realSshds, 60_000)); // 20 apt runs on 2 cores outlast the default 10 s
  stubs = stubTools(runs);
  stubSshds.push(...(await Promise.all(Array.from({ length: SSHDS }, () => startSshd({ env: { PATH: `${stubs}:/usr/bin:/bin` } })))));
  for (const sshd of stubSshds) sshd.write(HOST_FILES);
  print('what harden controls: stub tools sleeping each command\'s wall time above (no CPU), real sshd and SSH', await measure(stubSshds));
} finally {
  await Promise.all([...realSshds, ...stubSshds].map((sshd) => sshd.close()));
  if (stubs) rmSync(stubs, { recursive: true, force: true });
}
