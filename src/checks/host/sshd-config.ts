import { commandState, stderrLine } from '../../targets/host/command-state.js';
import type { HostTarget } from '../../targets/host/host-target.js';
import { parseSshdDump, readSshdConfigFiles, SSHD_DEFAULTS, type EffectiveSetting } from '../../targets/host/sshd-effective.js';
import type { Location } from '../../targets/location.js';
import { remoteFileAt } from '../../targets/host/remote-file-location.js';
import { defineCheck } from '../define.js';

type MessageId = 'rootLogin' | 'passwordAuth' | 'kbdInteractive' | 'emptyPasswords' | 'maxAuthTries';

const MAX_AUTH_TRIES = 6;

/** keyword → the message when its effective value is unsafe. */
const RULES: readonly { keyword: string; messageId: MessageId; unsafe: (value: string) => boolean }[] = [
  { keyword: 'permitrootlogin', messageId: 'rootLogin', unsafe: (value) => value === 'yes' },
  { keyword: 'passwordauthentication', messageId: 'passwordAuth', unsafe: (value) => value === 'yes' },
  { keyword: 'kbdinteractiveauthentication', messageId: 'kbdInteractive', unsafe: (value) => value === 'yes' },
  { keyword: 'permitemptypasswords', messageId: 'emptyPasswords', unsafe: (value) => value === 'yes' },
  { keyword: 'maxauthtries', messageId: 'maxAuthTries', unsafe: (value) => !(Number(value) <= MAX_AUTH_TRIES) },
];

export const sshdConfig = defineCheck({
  id: 'host/sshd-config',
  title: 'The SSH server a host runs accepts keys only, and not root with a password',
  severity: 'high',
  target: 'host',
  why:
    'An SSH server that accepts passwords (PasswordAuthentication, or KbdInteractiveAuthentication, which asks for the same password through PAM) ' +
    'is brute-forced from the whole internet within minutes of getting a public IP; PermitRootLogin yes makes root the account guessed; ' +
    'PermitEmptyPasswords yes lets accounts without a password in; a MaxAuthTries above 6 gives each connection more guesses. The check reads ' +
    'the configuration the host runs: `sshd -T` (which needs root: connect as root, or set sudo: true), else the sshd_config file and the files it ' +
    'includes, with OpenSSH\'s defaults for what they leave out (PasswordAuthentication and KbdInteractiveAuthentication default to yes). ' +
    'Settings inside Match blocks are not evaluated.',
  fix: [
    'In /etc/ssh/sshd_config (or a drop-in under /etc/ssh/sshd_config.d/, read first):',
    '',
    '    PermitRootLogin prohibit-password   # or no',
    '    PasswordAuthentication no',
    '    KbdInteractiveAuthentication no',
    '    PermitEmptyPasswords no',
    '    MaxAuthTries 3',
    '',
    'then `sshd -t && systemctl reload ssh`, keeping a second session open.',
  ].join('\n'),
  refs: ['CIS Distribution Independent Linux Benchmark 5.2.x (SSH Server Configuration)', 'OpenSSH sshd_config(5) and sshd(8) -T', 'NIST SP 800-123 remote administration'],
  messages: {
    rootLogin: 'PermitRootLogin yes ({source}): root can log in, with a password if passwords are accepted',
    passwordAuth: 'PasswordAuthentication yes ({source}): passwords can be brute-forced or phished',
    kbdInteractive: 'KbdInteractiveAuthentication yes ({source}): PAM asks for the password this way too',
    emptyPasswords: 'PermitEmptyPasswords yes ({source}): accounts without a password can log in',
    maxAuthTries: 'MaxAuthTries {value} ({source}): more than 6 guesses per connection',
  },
  claims: [
    { about: 'sshd hardened on the hosts', names: ['sshd_config', 'SSH hardening', ['harden*', 'SSH'], ['SSH', 'config*', 'host*'], ['SSH', 'lock* down']] },
    { about: 'no root login over SSH', risk: true, names: ['PermitRootLogin', ['root', 'login*', 'SSH'], ['root', 'SSH', 'disable*'], ['SSH', 'root access']], messages: ['rootLogin'] },
    {
      about: 'SSH by key only',
      risk: true,
      names: ['PasswordAuthentication', 'KbdInteractiveAuthentication', 'PermitEmptyPasswords', ['SSH', 'password*'], ['SSH', 'key only'], ['SSH', 'keys only'], ['SSH', 'key-based'], ['SSH', 'by key'], ['SSH', 'public key auth*']],
      messages: ['passwordAuth', 'kbdInteractive', 'emptyPasswords'],
    },
    { about: 'SSH brute force limits', names: ['MaxAuthTries'], messages: ['maxAuthTries'] },
  ],
  async evaluate(host, ctx) {
    const { settings, source } = await effectiveSettings(host);
    for (const rule of RULES) {
      const setting = settings.get(rule.keyword) ?? { value: SSHD_DEFAULTS[rule.keyword]! };
      const value = setting.value.toLowerCase();
      if (!rule.unsafe(value)) continue;
      const from = setting.file ? `${setting.file}:${setting.line}` : settings.has(rule.keyword) ? source : 'OpenSSH default';
      ctx.fail(at(host, setting), rule.messageId, { source: from, value }, `${rule.keyword} ${value}`);
    }
    ctx.measured(`read from ${source}`);
  },
});

function at(host: HostTarget, setting: EffectiveSetting): Location {
  return setting.file ? remoteFileAt(host, setting.file, setting.line) : host.location;
}

/**
 * `sshd -T` when it runs (root or sudo) and the plan does not point sshdConfig elsewhere, with
 * the file lines that set each value when the files are readable; else the files themselves.
 */
async function effectiveSettings(host: HostTarget): Promise<{ settings: Map<string, EffectiveSetting>; source: string }> {
  const mainPath = host.path('sshdConfig', '/etc/ssh/sshd_config');
  const planned = host.path('sshdConfig', '') !== '';
  const files = await readSshdConfigFiles(host, mainPath);
  if (!planned) {
    const dump = await host.run('sshdEffective');
    if (commandState(dump) === 'ok') {
      const settings = new Map<string, EffectiveSetting>();
      for (const [keyword, value] of parseSshdDump(dump.stdout)) {
        const file = files?.get(keyword);
        settings.set(keyword, file && file.value.toLowerCase() === value.toLowerCase() ? file : { value });
      }
      return { settings, source: 'sshd -T' };
    }
    if (!files) throw new Error(`cannot read the SSH server's configuration: \`sshd -T\` failed (${stderrLine(dump) || `exit ${dump.exitCode}`}; it needs root: connect as root or set sudo: true) and ${mainPath} cannot be read`);
  }
  if (!files) throw new Error(`${mainPath} does not exist or cannot be read`);
  return { settings: files, source: mainPath };
}
