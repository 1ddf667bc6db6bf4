import type { HostTarget } from '../../targets/host/host-target.js';
import { includedSudoersFile, readSudoers } from '../../targets/host/sudoers.js';
import { remoteFileAt } from '../../targets/host/remote-file-location.js';
import { defineCheck } from '../define.js';

export const sudoersNopasswd = defineCheck({
  id: 'host/sudoers-nopasswd',
  title: 'No sudoers rule lets a user run every command as root without a password',
  severity: 'high',
  target: 'host',
  why:
    'A sudoers rule `NOPASSWD: ALL` (or `Defaults !authenticate`) turns the account it names into root with nothing more to prove: whoever ' +
    'gets that account (a leaked deploy key, a compromised CI runner, a web shell running as it) is root at once, and the password sudo ' +
    'would have asked is the one barrier left after the SSH key. Cloud images add such a rule for their default user ' +
    '(/etc/sudoers.d/90-cloud-init-users). The check reads /etc/sudoers and the files of /etc/sudoers.d (root\'s: connect as root); ' +
    'NOPASSWD on a list of specific commands passes.',
  fix:
    'Remove NOPASSWD from rules granting ALL (`%sudo ALL=(ALL:ALL) ALL`), give the account a password, or limit NOPASSWD to the few commands ' +
    'automation needs (`deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart app`). Edit with `visudo -f /etc/sudoers.d/<file>`.',
  refs: ['CIS Distribution Independent Linux Benchmark 5.3 (sudo: re-authentication)', 'sudoers(5): NOPASSWD tag, authenticate option', 'MITRE ATT&CK T1548.003 Sudo and Sudo Caching'],
  messages: {
    nopasswdAll: '{who} may run every command as {runas} without a password ({file}:{line})',
    noAuthenticate: 'Defaults !authenticate ({file}:{line}): sudo asks {whom} for no password',
  },
  claims: [
    {
      about: 'sudo asks for a password',
      risk: true,
      names: ['NOPASSWD', 'passwordless sudo', ['sudo', 'password*'], ['sudoers', 'rule*'], ['sudo', 'without', 'password'], ['sudo', 'restrict*'], ['sudo', 'access', 'review*']],
    },
  ],
  async evaluate(host, ctx) {
    const files = await sudoersFiles(host);
    if (!files) return ctx.notApplicable();
    const aliasesAll = new Set<string>();
    for (const { path, text } of files) {
      const { rules, noAuthenticate } = readSudoers(text, aliasesAll);
      const at = (line: number) => remoteFileAt(host, path, line);
      for (const rule of rules) ctx.fail(at(rule.line), 'nopasswdAll', { who: rule.who, runas: runasText(rule.runas), file: path, line: rule.line }, rule.text);
      for (const entry of noAuthenticate) ctx.fail(at(entry.line), 'noAuthenticate', { whom: entry.user ?? 'anyone', file: path, line: entry.line }, entry.text);
    }
    ctx.measured(`read ${files.map((file) => file.path).join(', ')}`);
  },
});

/** `(ALL)`, `(ALL:ALL)`: any user, root included. */
function runasText(runas: string): string {
  return runas.split(':')[0] === 'ALL' ? 'any user (root included)' : runas;
}

/** /etc/sudoers then the files of /etc/sudoers.d, in sudo's order (undefined when there are none); a file that exists but cannot be read is an error. */
async function sudoersFiles(host: HostTarget): Promise<{ path: string; text: string }[] | undefined> {
  const main = host.path('sudoers', '/etc/sudoers');
  const dir = host.path('sudoersDir', '/etc/sudoers.d');
  const names = (await host.listDir(dir)) ?? [];
  const paths = [main, ...names.filter(includedSudoersFile).sort().map((name) => `${dir}/${name}`)];
  const files: { path: string; text: string }[] = [];
  for (const path of paths) {
    const text = await host.readFile(path);
    if (text !== undefined) {
      files.push({ path, text });
      continue;
    }
    const stat = await host.stat(path);
    if (stat?.isFile) throw new Error(`${path} exists but cannot be read (mode ${stat.mode.toString(8).padStart(4, '0')}): sudoers files are root's, connect as root`);
  }
  // No sudoers at all: sudo is not installed, nobody gets root through it.
  return files.length === 0 ? undefined : files;
}
