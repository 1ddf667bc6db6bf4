import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks as hostChecks } from '../src/checks/host.js';
import { runLiveChecks } from '../src/testing/live-cases.js';
import { startSshd, type RunningSshd } from '../src/testing/sshd.js';
import { runHarden, type CliRun } from './run-cli.js';


/** A k3s server on a Debian VPS as its files are after a cloud image and the k3s install script. */
const NODE_FILES = {
  'etc/ssh/sshd_config': 'Include sshd_config.d/*.conf\nKbdInteractiveAuthentication no\nUsePAM yes\nX11Forwarding yes\nPrintMotd no\nAcceptEnv LANG LC_*\nSubsystem sftp /usr/lib/openssh/sftp-server\n',
  'etc/ssh/sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication yes\n',
  'etc/sudoers': { content: 'Defaults\tenv_reset\nroot\tALL=(ALL:ALL) ALL\n%sudo\tALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n', mode: 0o440 },
  'etc/sudoers.d/90-cloud-init-users': { content: '# Created by cloud-init v. 23.1\n# User rules for debian\ndebian ALL=(ALL) NOPASSWD:ALL\n', mode: 0o440 },
  'etc/rancher/k3s/config.yaml': { content: 'write-kubeconfig-mode: "0644"\ntls-san:\n  - k3s.example.com\n', mode: 0o600 },
  'etc/rancher/k3s/k3s.yaml': { content: 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://127.0.0.1:6443\n  name: default\n', mode: 0o644 },
  'var/lib/rancher/k3s/server/token': { content: 'K10abc::server:def\n', mode: 0o600 },
  'var/lib/rancher/k3s/server/node-token': { content: 'K10abc::server:def\n', mode: 0o600 },
  'etc/systemd/system/k3s.service': '[Unit]\nDescription=Lightweight Kubernetes\n[Service]\nType=notify\nExecStart=/usr/local/bin/k3s \\\n    server \\\n\n',
  'etc/apt/apt.conf.d/20auto-upgrades': 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n',
  'etc/apt/apt.conf.d/50unattended-upgrades': 'Unattended-Upgrade::Origins-Pattern {\n  "origin=Debian,codename=${distro_codename},label=Debian";\n  "origin=Debian,codename=${distro_codename},label=Debian-Security";\n};\n',
  'etc/fail2ban/jail.conf': '[INCLUDES]\nbefore = paths-debian.conf\n\n[DEFAULT]\nbantime  = 10m\nenabled = false\n\n[sshd]\nport    = ssh\nlogpath = %(sshd_log)s\n',
  'etc/fail2ban/jail.d/defaults-debian.conf': '[sshd]\nenabled = true\n',
  'var/run/reboot-required': '*** System restart required ***\n',
  'var/run/reboot-required.pkgs': 'linux-image-6.1.0-18-amd64\n',
};

describe('the ten host checks over the test sshd (one host, one connection)', () => {
  let sshd: RunningSshd;
  let listener: Server;
  let publicPort: number;
  let host: Record<string, unknown>;
  beforeAll(async () => {
    sshd = await startSshd();
    sshd.write(NODE_FILES);
    listener = createServer();
    await new Promise<void>((done) => listener.listen(0, '0.0.0.0', done));
    publicPort = (listener.address() as { port: number }).port;
    const at = (path: string) => `${sshd.root}/${path}`;
    host = sshd.planHost({
      allowPorts: [22],
      restrictPorts: { 443: 'cloudflare' },
      paths: {
        sshdConfig: at('etc/ssh/sshd_config'),
        sudoers: at('etc/sudoers'),
        sudoersDir: at('etc/sudoers.d'),
        k3sConfigDir: at('etc/rancher/k3s'),
        k3sToken: at('var/lib/rancher/k3s/server/token'),
        kubeconfigs: at('root/.kube'),
        k3sUnits: at('etc/systemd/system'),
        unattendedUpgrades: at('etc/apt/apt.conf.d'),
        fail2banJails: at('etc/fail2ban'),
        rebootRequired: at('var/run/reboot-required'),
      },
    });
  }, 120_000);
  afterAll(async () => {
    listener?.close();
    await sshd?.close();
  });

  it('passes, fails or says why not for each of the ten, never an error or a silent pass', async () => {
    const results = await runLiveChecks(hostChecks, { targets: { hosts: [host] }, timeoutMs: 20_000 });
    const of = (id: string) => results.filter((r) => r.checkId === `host/${id}`);
    const failed = (id: string) => of(id).map((r) => [r.messageId, r.location]);
    const node = { kind: 'host', host: '127.0.0.1', port: sshd.port };
    const file = (path: string, line?: number) => ({ ...node, path: `${sshd.root}/${path}`, ...(line === undefined ? {} : { line }) });
    expect(new Set(results.map((r) => r.checkId))).toEqual(new Set(hostChecks.map((check) => check.id)));
    expect(results.filter((r) => r.status === 'error').map((r) => `${r.checkId}: ${r.message}`)).toEqual([]);

    expect(failed('sshd-config')).toEqual([['passwordAuth', file('etc/ssh/sshd_config.d/50-cloud-init.conf', 1)]]);
    expect(failed('sudoers-nopasswd')).toEqual([['nopasswdAll', file('etc/sudoers.d/90-cloud-init-users', 3)]]);
    expect(failed('secret-file-modes')).toEqual([['readable', file('etc/rancher/k3s/k3s.yaml')]]);
    expect(of('k3s-flags').map((r) => [r.messageId, r.message])).toEqual([
      ['encryptionOff', `The k3s server does not encrypt Secrets at rest (no secrets-encryption in ${sshd.root}/etc/rancher/k3s/config.yaml, ${sshd.root}/etc/systemd/system/k3s.service)`],
    ]);
    expect(of('unattended-upgrades').map((r) => [r.status, r.evidence])).toEqual([['pass', `APT::Periodic::Unattended-Upgrade "1"; 2 origin(s) (${sshd.root}/etc/apt/apt.conf.d)`]]);
    expect(of('fail2ban').map((r) => r.status)).toEqual(['pass']);
    // This machine has neither ufw nor nftables: a failure saying so, not a pass.
    expect(of('firewall').map((r) => [r.status, r.messageId])).toEqual([['fail', 'none']]);
    expect(of('firewall')[0]!.message).toMatch(/^No active host firewall: ufw is not installed \(exit 127\), (nft is not installed|nftables has no input chain)/);
    // The machine's own sockets, kernel and package lists: the port this test opened on 0.0.0.0 fails, the reboot flag fails.
    expect(of('listening-ports').map((r) => r.message)).toContain(`tcp/${publicPort} listens on 0.0.0.0; the plan allows 22`);
    expect(of('pending-updates').map((r) => r.message)).toContain('A reboot is required to finish installed updates: asked by linux-image-6.1.0-18-amd64');
    expect(of('sysctl').every((r) => r.status === 'pass' || /^[\w.-]+ = \S+; the baseline is /.test(r.message))).toBe(true);
  }, 60_000);

  it('harden scan prints host results with host:port and remote file:line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-host-scan-'));
    try {
      writeFileSync(join(dir, 'harden.yaml'), `targets:\n  hosts:\n    - ${JSON.stringify(host)}\n`);
      const { code, stdout, stderr } = await harden(['scan', '--timeout', '20000'], dir);
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(stdout).toContain(`127.0.0.1:${sshd.port}`);
      expect(stdout).toContain(`${sshd.root}/etc/ssh/sshd_config.d/50-cloud-init.conf:1`);
      expect(stdout).toContain(`${sshd.root}/etc/sudoers.d/90-cloud-init-users:3`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** The built CLI, asynchronously (the sshd runs in this process's children). */
function harden(args: string[], cwd: string): Promise<CliRun> {
  return runHarden(args, { cwd });
}
