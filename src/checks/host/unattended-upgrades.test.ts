import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordedHost, runHostCheck } from '../../testing/recorded-host.js';
import { runLiveCheck } from '../../testing/live-cases.js';
import { startSshd, type RunningSshd } from '../../testing/sshd.js';
import { unattendedUpgrades } from './unattended-upgrades.js';

const AUTO_UPGRADES = 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n';
const DEBIAN_ORIGINS = 'Unattended-Upgrade::Origins-Pattern {\n  "origin=Debian,codename=${distro_codename},label=Debian";\n  "origin=Debian,codename=${distro_codename},label=Debian-Security";\n};\n';

describe('host/unattended-upgrades (real sshd on 127.0.0.1, apt.conf.d where the plan points)', () => {
  let sshd: RunningSshd;
  beforeAll(async () => {
    sshd = await startSshd();
    sshd.write({
      'on/20auto-upgrades': AUTO_UPGRADES,
      'on/50unattended-upgrades': DEBIAN_ORIGINS,
      'off/20auto-upgrades': 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "0";\n',
      'off/50unattended-upgrades': 'Unattended-Upgrade::Origins-Pattern {\n  "origin=Debian,codename=${distro_codename},label=Debian";\n};\n',
      'off/50unattended-upgrades.dpkg-dist': DEBIAN_ORIGINS,
    });
  }, 120_000);
  afterAll(async () => sshd?.close());

  const host = (dir: string) => sshd.planHost({ paths: { unattendedUpgrades: `${sshd.root}/${dir}` } });

  it('passes Debian\'s enabled configuration with the security origin', async () => {
    const results = await runLiveCheck(unattendedUpgrades, { targets: { hosts: [host('on')] } });
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });

  it('fails a disabled one without the security origin (ignoring files apt ignores)', async () => {
    const results = await runLiveCheck(unattendedUpgrades, { targets: { hosts: [host('off')] } });
    expect(results.map((r) => [r.messageId, r.location]).sort()).toEqual([
      ['noSecurityOrigin', { kind: 'host', host: '127.0.0.1', port: sshd.port, path: `${sshd.root}/off/50unattended-upgrades`, line: 2 }],
      ['notEnabled', { kind: 'host', host: '127.0.0.1', port: sshd.port, path: `${sshd.root}/off/20auto-upgrades`, line: 2 }],
    ]);
  });
});

describe('host/unattended-upgrades on recorded hosts', () => {
  const installed = { stdout: 'install ok installed' };
  it('passes Ubuntu\'s apt-config dump', async () => {
    const dump = 'APT::Periodic::Unattended-Upgrade "1";\nUnattended-Upgrade::Allowed-Origins:: "${distro_id}:${distro_codename}";\nUnattended-Upgrade::Allowed-Origins:: "${distro_id}:${distro_codename}-security";\n';
    const { failures } = await runHostCheck(unattendedUpgrades, new RecordedHost({ commands: { unattendedUpgradesPackage: installed, aptConfig: { stdout: dump } } }));
    expect(failures).toEqual([]);
  });

  it('passes Raspbian\'s shipped origins: its security fixes come through the main archive', async () => {
    const dump = 'APT::Periodic::Unattended-Upgrade "1";\nUnattended-Upgrade::Origins-Pattern:: "origin=Raspbian,codename=${distro_codename},label=Raspbian";\nUnattended-Upgrade::Origins-Pattern:: "origin=Raspberry Pi Foundation,codename=${distro_codename},label=Raspberry Pi Foundation";\n';
    expect((await runHostCheck(unattendedUpgrades, new RecordedHost({ commands: { unattendedUpgradesPackage: installed, aptConfig: { stdout: dump } } }))).failures).toEqual([]);
  });

  it('fails when the package is installed but never enabled', async () => {
    const { failures } = await runHostCheck(unattendedUpgrades, new RecordedHost({ commands: { unattendedUpgradesPackage: installed, aptConfig: { stdout: 'Unattended-Upgrade::Origins-Pattern:: "label=Debian-Security";\n' } } }));
    expect(failures.map((f) => f.message)).toEqual(['APT::Periodic::Unattended-Upgrade is "0" (not set): unattended-upgrades does not run']);
  });

  it('fails when the package is missing; not applicable without dpkg', async () => {
    const missing = { stdout: '', stderr: 'dpkg-query: no packages found matching unattended-upgrades\n', exitCode: 1 };
    expect((await runHostCheck(unattendedUpgrades, new RecordedHost({ commands: { unattendedUpgradesPackage: missing } }))).failures.map((f) => f.messageId)).toEqual(['notInstalled']);
    expect((await runHostCheck(unattendedUpgrades, new RecordedHost({}))).status).toBe('not-applicable');
  });
});
