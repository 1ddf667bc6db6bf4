import { commandState } from '../../targets/host/command-state.js';
import { enabledJails, fail2banJails, isSshJail, jailFileOrder } from '../../targets/host/fail2ban.js';
import type { HostTarget } from '../../targets/host/host-target.js';
import { remoteFileAt } from '../../targets/host/remote-file-location.js';
import { defineCheck } from '../define.js';

export const fail2ban = defineCheck({
  id: 'host/fail2ban',
  title: 'fail2ban runs on the host with a jail for SSH logins',
  severity: 'medium',
  target: 'host',
  why:
    'Every host with a public SSH port gets thousands of login attempts a day. Keys-only sshd makes them fail, but they still fill logs, ' +
    'spend CPU, and find any account whose password login was left on; fail2ban bans an address after a few failures (its `sshd` jail). ' +
    'The check asks `fail2ban-client status` for the running jails (root only: connect as root or set sudo: true); else it reads ' +
    '`systemctl is-active fail2ban` and the jail files (jail.conf, jail.d/*.conf, jail.local, jail.d/*.local of /etc/fail2ban) for an ' +
    'enabled sshd jail. Hosts that use another tool for this (sshguard, CrowdSec) fail it: ignore the check there with a reason.',
  fix: [
    'apt-get install fail2ban (Debian enables the sshd jail in /etc/fail2ban/jail.d/defaults-debian.conf), or in /etc/fail2ban/jail.local:',
    '',
    '    [sshd]',
    '    enabled = true',
    '    backend = systemd',
    '',
    'then `systemctl enable --now fail2ban` and `fail2ban-client status sshd`.',
  ].join('\n'),
  refs: ['CIS Controls v8 13.3 (network intrusion detection) and 4.10 (lockout on failed authentication)', 'fail2ban jail.conf(5)', 'NIST SP 800-53 AC-7 (unsuccessful logon attempts)'],
  messages: {
    notInstalled: 'fail2ban is not installed: nothing bans addresses that keep failing to log in',
    notRunning: 'fail2ban is {state}: its jails ban nobody',
    noSshJail: 'fail2ban has no enabled sshd jail ({source}): failed SSH logins are not banned',
  },
  claims: [
    {
      about: 'fail2ban bans SSH brute force',
      names: ['fail2ban', 'sshguard', 'CrowdSec', ['brute force', 'SSH'], ['ban*', 'SSH'], ['ban*', 'failed login*'], ['SSH', 'jail']],
    },
  ],
  async evaluate(host, ctx) {
    const status = await host.run('fail2banStatus');
    const state = commandState(status);
    if (state === 'ok') {
      const jails = fail2banJails(status.stdout);
      if (!jails.some(isSshJail)) ctx.fail(host.location, 'noSshJail', { source: 'fail2ban-client status' }, `Jail list: ${jails.join(', ')}`);
      ctx.measured(`running jails: ${jails.join(', ') || 'none'}`);
      return;
    }
    const service = await serviceState(host);
    const dir = host.path('fail2banJails', '/etc/fail2ban');
    const files = await jailFiles(host, dir);
    if (!files) {
      ctx.fail(host.location, 'notInstalled', {}, `fail2ban-client: ${state}; ${dir}: none`);
      return;
    }
    if (service && service !== 'active') ctx.fail(host.location, 'notRunning', { state: service }, `systemctl is-active fail2ban: ${service}`);
    const jails = enabledJails(files);
    const ssh = [...jails].filter(([name]) => isSshJail(name));
    const enabled = ssh.find(([, jail]) => jail.enabled);
    if (!enabled) {
      const last = ssh.find(([, jail]) => jail.file)?.[1];
      const at = last?.file ? remoteFileAt(host, last.file, last.line) : host.location;
      ctx.fail(at, 'noSshJail', { source: dir });
      return;
    }
    ctx.measured(`jail ${enabled[0]} enabled (${enabled[1].file ?? dir}); service ${service ?? 'state unknown'}`);
  },
});

/** `systemctl is-active fail2ban`: active, inactive, failed…; undefined when systemd cannot say (no systemd, a container). */
async function serviceState(host: HostTarget): Promise<string | undefined> {
  const output = await host.run('fail2banService');
  const state = output.stdout.trim();
  return /^(active|inactive|failed|activating|deactivating|reloading)$/.test(state) ? state : undefined;
}

/** The jail files that exist, in fail2ban's order; undefined when the config directory does not exist. */
async function jailFiles(host: HostTarget, dir: string): Promise<{ path: string; text: string }[] | undefined> {
  const top = await host.listDir(dir);
  if (!top) return undefined;
  const files: { path: string; text: string }[] = [];
  for (const path of jailFileOrder(dir, (await host.listDir(`${dir}/jail.d`)) ?? [])) {
    const text = await host.readFile(path);
    if (text !== undefined) files.push({ path, text });
  }
  return files;
}
