import { describe, expect, it } from 'vitest';
import { parseAptList, parseAptSimulation, parseRebootPackages } from './apt-updates.js';
import { recorded } from './recorded.js';

describe('pending updates', () => {
  it('reads apt-get -s dist-upgrade (recorded): every Inst line, security ones by their -security archive', () => {
    const updates = parseAptSimulation(recorded('apt-get-s-dist-upgrade.txt'));
    expect(updates).toHaveLength(138);
    expect(updates.filter((u) => u.security)).toHaveLength(88);
    expect(updates.find((u) => u.name === 'liblzma5')).toEqual({ name: 'liblzma5', installed: '5.4.1-1', candidate: '5.4.1-1+deb12u2', security: true });
    expect(updates.find((u) => u.name === 'base-files')).toMatchObject({ security: false });
  });

  it('agrees with apt list --upgradable (recorded) on which packages are security updates', () => {
    const listed = parseAptList(recorded('apt-list-upgradable.txt'));
    const simulated = parseAptSimulation(recorded('apt-get-s-dist-upgrade.txt'));
    expect(listed.filter((u) => u.security).map((u) => u.name).sort()).toEqual(simulated.filter((u) => u.security).map((u) => u.name).sort());
  });

  it('reads Ubuntu origins and new packages without an installed version (documented format)', () => {
    const updates = parseAptSimulation(
      'Inst openssl [3.0.2-0ubuntu1.10] (3.0.2-0ubuntu1.12 Ubuntu:22.04/jammy-updates, Ubuntu:22.04/jammy-security [amd64])\n' +
        'Inst linux-image-5.15.0-91-generic (5.15.0-91.101 Ubuntu:22.04/jammy-updates, Ubuntu:22.04/jammy-security [amd64])\n' +
        'Inst snapd [2.58] (2.61 Ubuntu:22.04/jammy-updates [amd64])\n',
    );
    expect(updates.map((u) => [u.name, u.installed ?? '', u.security])).toEqual([
      ['openssl', '3.0.2-0ubuntu1.10', true],
      ['linux-image-5.15.0-91-generic', '', true],
      ['snapd', '2.58', false],
    ]);
  });

  it('names each package that asked for a reboot once', () => {
    expect(parseRebootPackages('linux-image-6.1.0-18-amd64\nlibc6\nlinux-image-6.1.0-18-amd64\n')).toEqual(['linux-image-6.1.0-18-amd64', 'libc6']);
  });
});
