import { describe, expect, it } from 'vitest';
import { aptList, aptPartFile, aptValue, parseAptConf } from './apt-conf.js';

describe('parseAptConf', () => {
  it('reads Debian\'s 20auto-upgrades and 50unattended-upgrades', () => {
    const settings = [
      ...parseAptConf('APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n', '20auto-upgrades'),
      ...parseAptConf(
        [
          'Unattended-Upgrade::Origins-Pattern {',
          '        // "origin=Debian,codename=${distro_codename}-updates";',
          '        "origin=Debian,codename=${distro_codename},label=Debian";',
          '        "origin=Debian,codename=${distro_codename},label=Debian-Security";',
          '};',
          '/* Unattended-Upgrade::Mail "";',
          '   more */',
          '//Unattended-Upgrade::Automatic-Reboot "false";',
        ].join('\n'),
        '50unattended-upgrades',
      ),
    ];
    expect(aptValue(settings, 'apt::periodic::unattended-upgrade')).toEqual({ key: 'APT::Periodic::Unattended-Upgrade', value: '1', file: '20auto-upgrades', line: 2 });
    expect(aptList(settings, 'Unattended-Upgrade::Origins-Pattern').map((s) => [s.value, s.line])).toEqual([
      ['origin=Debian,codename=${distro_codename},label=Debian', 3],
      ['origin=Debian,codename=${distro_codename},label=Debian-Security', 4],
    ]);
  });

  it('reads apt-config dump output (Ubuntu\'s Allowed-Origins), the last value winning', () => {
    const dump = [
      'APT::Periodic "";',
      'APT::Periodic::Unattended-Upgrade "1";',
      'Unattended-Upgrade "";',
      'Unattended-Upgrade::Allowed-Origins "";',
      'Unattended-Upgrade::Allowed-Origins:: "${distro_id}:${distro_codename}";',
      'Unattended-Upgrade::Allowed-Origins:: "${distro_id}:${distro_codename}-security";',
      'APT::Periodic::Unattended-Upgrade "0";',
    ].join('\n');
    const settings = parseAptConf(dump);
    expect(aptValue(settings, 'APT::Periodic::Unattended-Upgrade')?.value).toBe('0');
    expect(aptList(settings, 'Unattended-Upgrade::Allowed-Origins').map((s) => s.value)).toEqual(['${distro_id}:${distro_codename}', '${distro_id}:${distro_codename}-security']);
  });

  it('names the files apt reads from apt.conf.d', () => {
    expect(['20auto-upgrades', '50unattended-upgrades', '50unattended-upgrades.ucf-dist', '99local.conf', 'x.dpkg-old'].filter(aptPartFile)).toEqual(['20auto-upgrades', '50unattended-upgrades', '99local.conf']);
  });
});
