import { describe, expect, it } from 'vitest';
import { dedent } from '../../testing/dedent.js';
import { includedSudoersFile, readSudoers } from './sudoers.js';

describe('readSudoers', () => {
  it('finds NOPASSWD: ALL for users and groups, as Debian, cloud-init and Ansible roles write it', () => {
    const text = dedent`
      Defaults	env_reset
      Defaults	secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"
      root	ALL=(ALL:ALL) ALL
      %sudo	ALL=(ALL:ALL) ALL
      @includedir /etc/sudoers.d
      ubuntu ALL=(ALL) NOPASSWD:ALL
      %wheel ALL=(ALL) NOPASSWD: ALL
      deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart app, /usr/bin/journalctl
      ci ALL=(ALL) NOPASSWD: /usr/bin/apt-get, \\
         PASSWD: ALL
      # admin ALL=(ALL) NOPASSWD: ALL
    `;
    expect(readSudoers(text).rules.map((rule) => [rule.who, rule.line])).toEqual([
      ['ubuntu', 6],
      ['%wheel', 7],
    ]);
  });

  it('follows a Cmnd_Alias containing ALL, tags carried to later commands and continuations', () => {
    const text = dedent`
      Cmnd_Alias EVERYTHING = ALL
      User_Alias OPS = alice, bob
      OPS ALL = (ALL) NOPASSWD: EVERYTHING
      backup ALL=(root) NOPASSWD: /usr/bin/restic, \\
        ALL
    `;
    expect(readSudoers(text).rules.map((rule) => [rule.who, rule.line, rule.text])).toEqual([
      ['OPS', 3, 'OPS ALL = (ALL) NOPASSWD: EVERYTHING'],
      ['backup', 4, 'backup ALL=(root) NOPASSWD: /usr/bin/restic, ALL'],
    ]);
  });

  it('finds Defaults !authenticate, not other negations', () => {
    expect(readSudoers('Defaults:deploy !authenticate\nDefaults !lecture\nDefaults !authenticate\n').noAuthenticate.map((entry) => [entry.user, entry.line])).toEqual([['deploy', 1], [undefined, 3]]);
  });

  it('says whom the commands run as (sudo\'s examples/sudoers.in: a Runas_Alias, ALL:ALL)', () => {
    const text = 'Runas_Alias\tDB = oracle, sybase\nFULLTIMERS\tALL = (ALL:ALL) NOPASSWD: ALL\nfred\t\tALL = (DB) NOPASSWD: ALL\nops ALL = NOPASSWD: ALL\n';
    expect(readSudoers(text).rules.map((rule) => [rule.who, rule.runas])).toEqual([['FULLTIMERS', 'ALL:ALL'], ['fred', 'DB'], ['ops', 'root']]);
  });

  it('skips the files sudo skips in an includedir', () => {
    expect(['90-cloud-init-users', 'README', 'app.dpkg-old', 'ops~'].filter(includedSudoersFile)).toEqual(['90-cloud-init-users', 'README']);
  });
});
