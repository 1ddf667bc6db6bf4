import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enabledJails, fail2banJails } from '../../targets/host/fail2ban.js';
import { RecordedHost, runHostCheck } from '../../testing/recorded-host.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { startSshd, type RunningSshd } from '../../testing/sshd.js';
import { fail2ban } from './fail2ban.js';

/** Abridged from Debian 12's fail2ban package. */
const JAIL_CONF = '[INCLUDES]\nbefore = paths-debian.conf\n\n[DEFAULT]\nbantime  = 10m\nenabled = false\n\n[sshd]\nport    = ssh\nlogpath = %(sshd_log)s\n\n[nginx-http-auth]\nport    = http,https\n';

describe('host/fail2ban (real sshd on 127.0.0.1, jail files where the plan points)', () => {
  let sshd: RunningSshd;
  beforeAll(async () => {
    sshd = await startSshd();
    sshd.write({
      'debian/jail.conf': JAIL_CONF,
      'debian/jail.d/defaults-debian.conf': '[sshd]\nenabled = true\n',
      'off/jail.conf': JAIL_CONF,
      'off/jail.d/defaults-debian.conf': '[sshd]\nenabled = true\n',
      'off/jail.local': '[sshd]\n# too many bans\nenabled = false\n',
    });
  }, 120_000);
  afterAll(async () => sshd?.close());

  const host = (dir: string) => sshd.planHost({ paths: { fail2banJails: `${sshd.root}/${dir}` } });

  it('passes Debian\'s packaged sshd jail', async () => {
    const results = await runLiveCheck(fail2ban, { targets: { hosts: [host('debian')] } });
    expect(results.map((r) => [r.status, r.evidence])).toEqual([['pass', `jail sshd enabled (${sshd.root}/debian/jail.d/defaults-debian.conf); service state unknown`]]);
  });

  it('fails the sshd jail that jail.local turns off, pointing there', async () => {
    const results = await runLiveCheck(fail2ban, { targets: { hosts: [host('off')] } });
    expect(results.map((r) => [r.messageId, r.location])).toEqual([['noSshJail', { kind: 'host', host: '127.0.0.1', port: sshd.port, path: `${sshd.root}/off/jail.local`, line: 3 }]]);
  });

  it('fails a host without fail2ban', async () => {
    const results = await runLiveCheck(fail2ban, { targets: { hosts: [host('nowhere')] } });
    expect(results.map((r) => r.messageId)).toEqual(['notInstalled']);
  });
});

describe('host/fail2ban on recorded hosts', () => {
  it('reads the running jails from fail2ban-client status', async () => {
    expect(fail2banJails('Status\n|- Number of jail:\t2\n`- Jail list:\tnginx-http-auth, sshd\n')).toEqual(['nginx-http-auth', 'sshd']);
    const running = new RecordedHost({ commands: { fail2banStatus: { stdout: 'Status\n|- Number of jail:\t1\n`- Jail list:\tnginx-http-auth\n' } } });
    expect((await runHostCheck(fail2ban, running)).failures.map((f) => [f.messageId, f.evidence])).toEqual([['noSshJail', 'Jail list: nginx-http-auth']]);
  });

  it('fails a stopped service found through systemctl when the client needs root', async () => {
    const host = new RecordedHost({
      commands: { fail2banStatus: { stderr: 'Permission denied to socket: /var/run/fail2ban/fail2ban.sock, (you must be root)\n', exitCode: 255 }, fail2banService: { stdout: 'inactive\n', exitCode: 3 } },
      files: { '/etc/fail2ban/jail.conf': JAIL_CONF, '/etc/fail2ban/jail.local': '[DEFAULT]\nenabled = true\n' },
    });
    expect((await runHostCheck(fail2ban, host)).failures.map((f) => f.message)).toEqual(['fail2ban is inactive: its jails ban nobody']);
  });

  it('applies [DEFAULT] enabled to jails that say nothing', () => {
    expect(enabledJails([{ path: 'jail.local', text: '[DEFAULT]\nenabled = true\n[sshd]\nport = 2222\n[recidive]\nenabled = false\n' }]).get('sshd')).toEqual({ enabled: true, file: 'jail.local', line: 2 });
  });
});
