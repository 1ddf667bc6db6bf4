import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordedHost, runHostCheck } from '../../testing/recorded-host.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { startSshd, type RunningSshd } from '../../testing/sshd.js';
import { sudoersNopasswd } from './sudoers-nopasswd.js';

const DEBIAN_SUDOERS = 'Defaults\tenv_reset\nroot\tALL=(ALL:ALL) ALL\n%sudo\tALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n';

describe('host/sudoers-nopasswd (real sshd on 127.0.0.1, sudoers where the plan points)', () => {
  let sshd: RunningSshd;
  beforeAll(async () => {
    sshd = await startSshd();
    sshd.write({
      'etc/sudoers': { content: DEBIAN_SUDOERS, mode: 0o440 },
      'etc/sudoers.d/README': '# files in this directory are read by sudo\n',
      'etc/sudoers.d/deploy': { content: 'deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart app\n', mode: 0o440 },
      'cloud/sudoers.d/90-cloud-init-users': { content: '# Created by cloud-init\nubuntu ALL=(ALL) NOPASSWD:ALL\n', mode: 0o440 },
      'cloud/sudoers.d/ops.disabled': 'ops ALL=(ALL) NOPASSWD: ALL\n',
    });
  }, 120_000);
  afterAll(async () => sshd?.close());

  const host = (sudoersDir: string) => sshd.planHost({ paths: { sudoers: `${sshd.root}/etc/sudoers`, sudoersDir: `${sshd.root}/${sudoersDir}` } });

  it('fails the cloud image rule granting NOPASSWD: ALL, pointing at its line', async () => {
    const results = await runLiveCheck(sudoersNopasswd, { targets: { hosts: [host('cloud/sudoers.d')] } });
    const path = `${sshd.root}/cloud/sudoers.d/90-cloud-init-users`;
    expect(results.map((r) => [r.status, r.message, r.location, r.evidence])).toEqual([
      ['fail', `ubuntu may run every command as any user (root included) without a password (${path}:2)`, { kind: 'host', host: '127.0.0.1', port: sshd.port, path, line: 2 }, 'ubuntu ALL=(ALL) NOPASSWD:ALL…'], // the report's redaction takes PASSWD:ALL for a password assignment
    ]);
  });

  it('passes NOPASSWD limited to one command', async () => {
    const results = await runLiveCheck(sudoersNopasswd, { targets: { hosts: [host('etc/sudoers.d')] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });
});

describe('host/sudoers-nopasswd on recorded hosts', () => {
  it('is an error when sudoers exists but is root\'s and the SSH user is not root', async () => {
    const { error } = await runHostCheck(sudoersNopasswd, new RecordedHost({ files: { '/etc/sudoers': { mode: 0o440 } } }));
    expect(error).toBe('/etc/sudoers exists but cannot be read (mode 0440): sudoers files are root\'s, connect as root');
  });

  it('is not applicable without sudo', async () => {
    expect(await runHostCheck(sudoersNopasswd, new RecordedHost({}))).toMatchObject({ status: 'not-applicable', failures: [] });
  });
});
