// The host checks over SSH: 20 hosts (spread over BENCH_SSHDS real sshd instances on 127.0.0.1,
// default 4) against one host at a time, through the real engine. Each host's connection opens
// on its first read and carries every command and SFTP read of the run; the hosts are read in
// parallel, so 20 hosts should take at most about 2x the slowest single host. Prints both and
// the ratio (best of BENCH_ROUNDS, default 3), and first each fixed command's wall time on one host.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../src/checks/index.js';
import { invocationKey } from '../src/engine/fingerprint.js';
import { DEFAULT_ENGINE_OPTIONS, runChecks } from '../src/engine/run.js';
import { planSchema } from '../src/plan/schema.js';
import { HOST_COMMANDS, type HostCommand } from '../src/targets/host/commands.js';
import { hostSchema } from '../src/targets/host/config.js';
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

/** Each fixed command's wall time on one host, alone on its connection (the host is this machine). */
async function commandTimes(host: Record<string, unknown>): Promise<[HostCommand, number, number | null][]> {
  const session = new SshSession(hostSchema.parse(host), { timeoutMs: 30_000, planDir: process.cwd() });
  try {
    await session.exec('true');
    const times: [HostCommand, number, number | null][] = [];
    for (const command of Object.keys(HOST_COMMANDS) as HostCommand[]) {
      const started = performance.now();
      const output = await session.exec(HOST_COMMANDS[command]);
      times.push([command, performance.now() - started, output.exitCode]);
    }
    return times;
  } finally {
    session.close();
  }
}

async function run(hosts: Record<string, unknown>[]): Promise<{ wallMs: number; results: number; errors: string[] }> {
  const targets = planSchema.parse({ targets: { hosts } }).targets;
  const live = new LiveClients({ ...NO_LIVE_TARGETS, hosts: targets.hosts, timeoutMs: 10_000 });
  const dir = mkdtempSync(join(tmpdir(), 'harden-bench-hosts-'));
  try {
    const workspace = await Workspace.open(dir, DEFAULT_GLOBS, live);
    const started = performance.now();
    const results = await runChecks(workspace, checks.map((check) => ({ check, options: check.options.parse({}) as Record<string, unknown>, key: invocationKey(check.id, {}) })), DEFAULT_ENGINE_OPTIONS);
    const wallMs = performance.now() - started;
    return { wallMs, results: results.length, errors: results.filter((r) => r.status === 'error').map((r) => r.message) };
  } finally {
    await live.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const sshds = await Promise.all(Array.from({ length: SSHDS }, () => startSshd()));
try {
  for (const sshd of sshds) sshd.write(HOST_FILES);
  const hosts = Array.from({ length: HOSTS }, (_, i) => planHost(sshds[i % SSHDS]!, i));
  // A check's command runs at most once per host (the target memoizes it), and only when a check asks for it.
  console.log('command (one host, over SSH)            wall ms  exit');
  for (const [command, ms, exit] of await commandTimes(hosts[0]!)) console.log(`${`${command}: ${HOST_COMMANDS[command]}`.slice(0, 40).padEnd(40)} ${ms.toFixed(0).padStart(7)}  ${exit ?? 'signal'}`);
  let single = Infinity;
  let many = Infinity;
  let counted = { results: 0, errors: [] as string[] };
  let cpu = { client: 0, sshd: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    let slowest = 0;
    for (const host of hosts.slice(0, SSHDS)) slowest = Math.max(slowest, (await run([host])).wallMs);
    single = Math.min(single, slowest);
    sent.clear();
    const sshdBefore = sshdCpuMs(sshds);
    const clientBefore = process.cpuUsage();
    const all = await run(hosts);
    const client = process.cpuUsage(clientBefore);
    cpu = { client: (client.user + client.system) / 1000, sshd: sshdCpuMs(sshds) - sshdBefore };
    many = Math.min(many, all.wallMs);
    counted = all;
  }
  console.log(`host checks: ${checks.length} (${checks.map((check) => check.id).join(', ')}) over ${SSHDS} sshd instances`);
  console.log(`slowest single host: ${single.toFixed(0)} ms`);
  console.log(`${HOSTS} hosts: ${many.toFixed(0)} ms, ${counted.results} results, ${counted.errors.length} errors${counted.errors.length ? `: ${counted.errors[0]}` : ''}`);
  console.log(`commands sent in the ${HOSTS}-host run: ${[...sent].map(([command, count]) => `${command.split(' ').find((w) => !w.includes('='))} x${count}`).join(', ')}`);
  console.log(`ratio: ${(many / single).toFixed(2)} (target <= 2)`);
  // All hosts are this machine: their sshd sessions compete for its cores with the client, as real hosts do not.
  console.log(`CPU of one ${HOSTS}-host run: client ${cpu.client.toFixed(0)} ms, sshd sessions ${cpu.sshd.toFixed(0)} ms (${HOSTS} connections, cores here: ${availableParallelism()}, load ${loadavg()[0]!.toFixed(1)})`);
} finally {
  await Promise.all(sshds.map((sshd) => sshd.close()));
}
