import { parseSshdConfig, type SshdConfig, type SshdSetting } from '../../targets/config/sshd.js';
import { fileGroupsIndex } from '../../targets/repo/file-groups.js';
import type { TextFile } from '../../targets/repo/text-file.js';
import { redactSecrets } from '../../targets/secrets/redact.js';
import { readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck, type CheckContext } from '../define.js';

/** The main server config, and drop-ins that Debian/Ubuntu include from it. */
const MAIN_CONFIG = /(?:^|\/)sshd_config$/;
const DROP_IN = /(?:^|\/)sshd_config\.d\/[^/]+\.conf$/;
/** A here-document opener that writes the main sshd_config (overwrite, not append). */
const WRITES_MAIN = /(?:>\s*|\btee\s+(?!-a\b)(?:-\S+\s+)*)["']?\S*sshd_config["']?(?=\s|$|;|&|\|)/;
/** `sed -i 's/.../PermitRootLogin yes/' /etc/ssh/sshd_config`, `echo "PasswordAuthentication yes" >> …`. */
const SCRIPT_SETTING = /\b(PermitRootLogin|PasswordAuthentication|PermitEmptyPasswords|X11Forwarding)(?:\s+|\s*=\s*)(yes)\b/i;

type MessageId = 'rootLogin' | 'passwordAuth' | 'passwordAuthDefault' | 'emptyPasswords' | 'x11Forwarding';

/** Keyword → message for a `yes` value. */
const YES_FINDINGS: Record<string, MessageId> = {
  permitrootlogin: 'rootLogin',
  passwordauthentication: 'passwordAuth',
  permitemptypasswords: 'emptyPasswords',
  x11forwarding: 'x11Forwarding',
};

export const sshdConfig = defineCheck({
  id: 'repo/sshd-config',
  title: 'sshd allows neither root nor password logins',
  severity: 'high',
  target: 'repo-file',
  why:
    'An SSH server that accepts passwords is brute-forced from the whole internet within minutes of getting a public ' +
    'IP, and a phished or reused password is enough to get in; with PermitRootLogin yes the first guess to succeed is ' +
    'root. PasswordAuthentication defaults to yes when the config does not say otherwise, and PermitEmptyPasswords yes ' +
    'lets accounts without a password in. X11Forwarding yes exposes the client display to the server (low risk, ' +
    'rarely needed). PermitRootLogin prohibit-password (keys only, the OpenSSH default) passes.',
  fix: [
    'In /etc/ssh/sshd_config (or a drop-in under /etc/ssh/sshd_config.d/ read before it):',
    '',
    '    PermitRootLogin no',
    '    PasswordAuthentication no',
    '    KbdInteractiveAuthentication no',
    '    PermitEmptyPasswords no',
    '    X11Forwarding no',
    '',
    'Check with `sshd -T | grep -Ei "permitrootlogin|passwordauthentication"` and keep a second session open while reloading.',
  ].join('\n'),
  refs: [
    'CIS Distribution Independent Linux Benchmark 5.2.x (SSH Server Configuration: PermitRootLogin, PermitEmptyPasswords, X11Forwarding)',
    'NIST SP 800-123 Guide to General Server Security: remote administration',
    'OpenSSH sshd_config(5): the first obtained value is used; Match blocks',
  ],
  messages: {
    rootLogin: 'PermitRootLogin yes{scope}: root can log in, with a password if passwords are accepted',
    passwordAuth: 'PasswordAuthentication yes{scope}: passwords can be brute-forced or phished',
    passwordAuthDefault: 'PasswordAuthentication is not set in {config}: sshd defaults to yes',
    emptyPasswords: 'PermitEmptyPasswords yes{scope}: accounts without a password can log in',
    x11Forwarding: 'X11Forwarding yes{scope}: the client display is exposed to the server',
  },
  claims: [
    { about: 'sshd hardened', names: ['sshd_config', 'SSH hardening', ['harden*', 'SSH']], messages: ['rootLogin', 'passwordAuth', 'passwordAuthDefault', 'emptyPasswords'] },
    { about: 'no root login over SSH', risk: true, names: ['PermitRootLogin', ['root', 'login*', 'SSH'], ['root', 'SSH', 'disable*'], ['SSH', 'root access']], messages: ['rootLogin'] },
    {
      about: 'no password login over SSH', risk: true,
      names: ['PasswordAuthentication', 'PermitEmptyPasswords', ['SSH', 'password*'], ['SSH', 'key-only'], ['SSH', 'keys only'], ['SSH', 'key-based'], ['SSH', 'public key auth*']],
      messages: ['passwordAuth', 'passwordAuthDefault', 'emptyPasswords'],
    },
    { about: 'X11 forwarding off', names: ['X11Forwarding', 'X11 forwarding'], messages: ['x11Forwarding'] },
  ],
  evaluate(file, ctx) {
    if (MAIN_CONFIG.test(file.file) || DROP_IN.test(file.file)) {
      const lines = file.lines.map((text, i) => ({ text, line: i + 1 }));
      reportConfig(file, ctx, parseSshdConfig(lines), MAIN_CONFIG.test(file.file) ? { line: 1, name: file.file } : undefined);
      return;
    }
    if (!file.text.includes('sshd_config') || !(ctx.shared(fileGroupsIndex).has('scripts', file.file) || file.text.startsWith('#!'))) return ctx.notApplicable();
    const script = readShellScript(file.text);
    let applicable = false;
    for (const heredoc of script.heredocs) {
      if (!heredoc.opener.text.includes('sshd_config')) continue;
      applicable = true;
      const main = WRITES_MAIN.test(heredoc.opener.text) && !heredoc.opener.text.includes('sshd_config.d');
      reportConfig(file, ctx, parseSshdConfig(heredoc.body), main ? { line: heredoc.opener.line, name: 'the sshd_config this script writes' } : undefined);
    }
    for (const line of script.lines) {
      if (!line.text.includes('sshd_config')) continue;
      applicable = true;
      const setting = SCRIPT_SETTING.exec(line.text);
      if (!setting) continue;
      const { line: at, column } = line.positionAt(setting.index);
      ctx.fail(file.at(at, column), YES_FINDINGS[setting[1]!.toLowerCase()]!, { scope: '' }, redactSecrets(line.text.trim()).slice(0, 200));
    }
    if (!applicable) ctx.notApplicable();
  },
});

/** Findings of one config: `yes` values globally and per Match block; a main config that leaves passwords on by default. */
function reportConfig(file: TextFile, ctx: CheckContext<MessageId>, config: SshdConfig, main: { line: number; name: string } | undefined): void {
  const report = (setting: SshdSetting, scope: string) => {
    const messageId = YES_FINDINGS[setting.keyword];
    if (messageId && setting.value.toLowerCase() === 'yes') ctx.fail(file.at(setting.line, setting.column), messageId, { scope }, `${setting.name} ${setting.value}`);
  };
  for (const setting of config.global.values()) report(setting, '');
  for (const block of config.matches) for (const setting of block.settings.values()) report(setting, ` (in Match ${block.criteria})`);
  // Only a whole main config without Include can be said to leave the default on.
  if (main && config.includes.length === 0 && !config.global.has('passwordauthentication')) {
    ctx.fail(file.at(main.line), 'passwordAuthDefault', { config: main.name });
  }
}
