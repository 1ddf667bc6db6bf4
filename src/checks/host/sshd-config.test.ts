import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordedHost, runHostCheck } from '../../testing/recorded-host.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { startSshd, type RunningSshd } from '../../testing/sshd.js';
import { sshdConfig } from './sshd-config.js';

/** `sshd -T` as Debian 12's openssh-server prints it with its shipped config, abridged. */
const DEBIAN_DUMP = [
  'port 22',
  'addressfamily any',
  'usepam yes',
  'maxauthtries 6',
  'permitrootlogin without-password',
  'passwordauthentication yes',
  'kbdinteractiveauthentication no',
  'permitemptypasswords no',
  'x11forwarding yes',
  'subsystem sftp /usr/lib/openssh/sftp-server',
].join('\n');

describe('host/sshd-config on recorded sshd -T output', () => {
  it('reads the effective values: Debian\'s default config leaves passwords on', async () => {
    const host = new RecordedHost({ commands: { sshdEffective: { stdout: DEBIAN_DUMP } }, files: { '/etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\nKbdInteractiveAuthentication no\nUsePAM yes\n' } });
    const { failures } = await runHostCheck(sshdConfig, host);
    expect(failures.map((f) => [f.messageId, f.message])).toEqual([['passwordAuth', 'PasswordAuthentication yes (sshd -T): passwords can be brute-forced or phished']]);
  });

  it('points at the drop-in that sets a value', async () => {
    const dump = DEBIAN_DUMP.replace('permitrootlogin without-password', 'permitrootlogin yes').replace('passwordauthentication yes', 'passwordauthentication no').replace('maxauthtries 6', 'maxauthtries 10');
    const host = new RecordedHost({
      commands: { sshdEffective: { stdout: dump } },
      files: { '/etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n', '/etc/ssh/sshd_config.d/50-cloud-init.conf': 'PermitRootLogin yes\nMaxAuthTries 10\n' },
    });
    const { failures } = await runHostCheck(sshdConfig, host);
    expect(failures.map((f) => [f.messageId, f.at])).toEqual([
      ['rootLogin', { kind: 'host', host: 'node-1', port: 22, path: '/etc/ssh/sshd_config.d/50-cloud-init.conf', line: 1 }],
      ['maxAuthTries', { kind: 'host', host: 'node-1', port: 22, path: '/etc/ssh/sshd_config.d/50-cloud-init.conf', line: 2 }],
    ]);
  });

  it('falls back to the files with OpenSSH defaults when sshd -T needs root', async () => {
    const host = new RecordedHost({
      commands: { sshdEffective: { stdout: '', stderr: 'sshd: no hostkeys available -- exiting.\n', exitCode: 1 } },
      files: { '/etc/ssh/sshd_config': 'PasswordAuthentication no\nMatch User backup\n  PasswordAuthentication yes\n' },
    });
    const { failures } = await runHostCheck(sshdConfig, host);
    expect(failures.map((f) => [f.messageId, f.message])).toEqual([['kbdInteractive', 'KbdInteractiveAuthentication yes (OpenSSH default): PAM asks for the password this way too']]);
  });

  it('is an error, saying why, when neither sshd -T nor the file can be read', async () => {
    const { error } = await runHostCheck(sshdConfig, new RecordedHost({ commands: { sshdEffective: { stderr: 'sudo: a password is required\n', exitCode: 1 } } }));
    expect(error).toBe('cannot read the SSH server\'s configuration: `sshd -T` failed (sudo: a password is required; it needs root: connect as root or set sudo: true) and /etc/ssh/sshd_config cannot be read');
  });
});

describe('host/sshd-config (real sshd on 127.0.0.1, config files where the plan points)', () => {
  let sshd: RunningSshd;
  beforeAll(async () => {
    sshd = await startSshd();
    sshd.write({
      'bad/sshd_config': 'Include sshd_config.d/*.conf\nPasswordAuthentication no\n',
      'bad/sshd_config.d/10-root.conf': 'PermitRootLogin yes\nPermitEmptyPasswords yes\nPasswordAuthentication yes\n',
      'good/sshd_config': 'PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nMaxAuthTries 3\n',
    });
  }, 120_000);
  afterAll(async () => sshd?.close());

  it('fails the host whose files allow root, empty and password logins', async () => {
    const results = await runLiveCheck(sshdConfig, { targets: { hosts: [sshd.planHost({ paths: { sshdConfig: `${sshd.root}/bad/sshd_config` } })] } });
    const dropIn = `${sshd.root}/bad/sshd_config.d/10-root.conf`;
    expect(results.map((r) => [r.status, r.messageId, r.location]).sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      ['fail', 'emptyPasswords', { kind: 'host', host: '127.0.0.1', port: sshd.port, path: dropIn, line: 2 }],
      ['fail', 'kbdInteractive', { kind: 'host', host: '127.0.0.1', port: sshd.port }],
      ['fail', 'passwordAuth', { kind: 'host', host: '127.0.0.1', port: sshd.port, path: dropIn, line: 3 }],
      ['fail', 'rootLogin', { kind: 'host', host: '127.0.0.1', port: sshd.port, path: dropIn, line: 1 }],
    ]);
  });

  it('passes the hardened one', async () => {
    const results = await runLiveCheck(sshdConfig, { targets: { hosts: [sshd.planHost({ paths: { sshdConfig: `${sshd.root}/good/sshd_config` } })] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });
});
