import { readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

/** `-o StrictHostKeyChecking=no`, `StrictHostKeyChecking no` (ssh_config), `UserKnownHostsFile=/dev/null`. */
const DISABLED = /(?:(?<=-o)|\b)(StrictHostKeyChecking)(?:\s*=\s*|\s+)["']?(no|off|false)\b|(?:(?<=-o)|\b)(UserKnownHostsFile)(?:\s*=\s*|\s+)["']?(\/dev\/null)\b/gi;

export const sshHostKeyCheckDisabled = defineCheck({
  id: 'repo/ssh-host-key-check-disabled',
  title: 'Scripts verify SSH host keys',
  severity: 'medium',
  target: 'shell-script',
  why:
    'With StrictHostKeyChecking=no (or known hosts sent to /dev/null) ssh connects to whatever answers at that ' +
    'address and accepts any key: a DNS or routing hijack, a reused IP or a man in the middle on the path gets the ' +
    'session, and with it whatever the script sends over it (cluster join tokens, sudo commands, deploy keys). ' +
    'accept-new (trust on first use, then pin) and a pinned known_hosts file both keep the check.',
  fix: [
    'Pin the hosts\' keys in a file kept with the scripts and make ssh use it:',
    '',
    '    ssh-keyscan -t ed25519 203.0.113.11 >> config/known_hosts   # once, verified out of band',
    '    ssh -o StrictHostKeyChecking=yes -o UserKnownHostsFile=config/known_hosts deploy@203.0.113.11 …',
    '',
    'or at least `-o StrictHostKeyChecking=accept-new` with a persistent known_hosts.',
  ].join('\n'),
  refs: [
    'CIS Distribution Independent Linux Benchmark 5.2.x (SSH configuration)',
    'CWE-295: Improper certificate validation (host key not verified)',
    'OpenSSH ssh_config(5): StrictHostKeyChecking',
  ],
  messages: {
    strictOff: 'StrictHostKeyChecking={value}: ssh accepts any host key, so the session can be intercepted',
    knownHostsNull: 'UserKnownHostsFile=/dev/null: host keys are never remembered, so none is ever verified',
  },
  claims: [
    {
      about: 'SSH host keys verified',
      names: ['StrictHostKeyChecking', 'UserKnownHostsFile', 'known_hosts', 'host key checking', ['host key*', 'verif*'], ['SSH', 'MITM'], ['SSH', 'man-in-the-middle']],
    },
  ],
  evaluate(script, ctx) {
    const text = script.text;
    if (!text.includes('StrictHostKeyChecking') && !text.includes('UserKnownHostsFile') && !/stricthostkeychecking|userknownhostsfile/i.test(text)) return;
    const shell = readShellScript(text);
    const places: { text: string; positionAt: (index: number) => { line: number; column: number } }[] = [
      ...shell.lines,
      ...shell.heredocs.flatMap((heredoc) => heredoc.body.map((body) => ({ text: body.text, positionAt: (index: number) => ({ line: body.line, column: index + 1 }) }))),
    ];
    for (const place of places) {
      for (const match of place.text.matchAll(DISABLED)) {
        const { line, column } = place.positionAt(match.index);
        if (match[1]) ctx.fail(script.at(line, column), 'strictOff', { value: match[2]!.toLowerCase() });
        else ctx.fail(script.at(line, column), 'knownHostsNull');
      }
    }
  },
});
