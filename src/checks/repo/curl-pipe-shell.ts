import { redactSecrets } from '../../targets/secrets/redact.js';
import { PIPE_TO_SHELL_NAMES, UNVERIFIED_DOWNLOAD_NAMES } from '../../targets/shell/claims.js';
import { isCommandPosition, isPrintedText, readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

const FETCH = /\b(curl|wget)\b/;
/** `curl … | sh`, `| sudo bash`, `| sudo -E env X=1 sh -s - server`, `| INSTALL_K3S_VERSION=x sh`. */
const PIPE_TO_SHELL =
  /\b(curl|wget)\b[^|;&]*\|\s*(?:sudo\b(?:\s+-\S+)*\s+)?(?:env\b(?:\s+-\S+)*\s+)?(?:[A-Za-z_]\w*=(?:'[^']*'|"[^"]*"|\S*)\s+)*(?:\/(?:usr\/)?bin\/)?(sh|bash|zsh|dash|ksh|ash)\b/;
/** `sh -c "$(curl …)"`, `bash <(curl …)`, `source <(wget -qO- …)`, `. <(curl …)`. */
const SUBSTITUTION = /\b(sh|bash|zsh|dash|ksh|source|\.)\s+(?:-\S+\s+)*(?:"\$\(|'?\$\(|<\()\s*(curl|wget)\b/;

/** `curl … -o FILE`, `curl … > FILE`, `wget … -O FILE`: where a download is saved. */
const SAVED_TO = /\b(curl|wget)\b.*?(?:\s(?:-o|--output|-O|--output-document)(?:\s+|=)|\s>\s*)["']?([^\s"';|&<>]+)/;
/** Checksum and signature tools; a line with one of them and the file's name verifies it. */
const VERIFY = /\b(?:sha(?:1|224|256|384|512)sum|shasum|b2sum|gpg|gpgv|cosign|minisign|signify|openssl\s+dgst)\b/;

/** `sh FILE`, `sudo bash -x FILE`, `source FILE`, `. FILE`: the interpreter and the script it runs. */
const RUN = /(?:^|[\s;&|("'])(?:sh|bash|zsh|dash|ksh|source|\.)\s+(?:-\S+\s+)*["']?([^\s"';|&)]+)/g;

/** Where a line runs `file` (with an interpreter, or as `./file` / `/path/file` in command position). */
function runOf(text: string, file: string): number | undefined {
  if (!text.includes(file)) return undefined;
  for (const match of text.matchAll(RUN)) {
    const at = match.index + (/^[\s;&|("']/.test(match[0]) ? 1 : 0);
    if (match[1] === file && isCommandPosition(text, at)) return at;
  }
  const command = file.includes('/') ? file : `./${file}`;
  const at = text.indexOf(command);
  return at >= 0 && isCommandPosition(text, at) ? at : undefined;
}

export const curlPipeShell = defineCheck({
  id: 'repo/curl-pipe-shell',
  title: 'Scripts run no downloaded script without verifying it',
  severity: 'medium',
  target: 'shell-script',
  why:
    'Piping a download straight into a shell runs whatever the server (or anyone who controls DNS, the CDN, or the ' +
    'upstream account) sends at that moment, usually as root, with nothing to compare it against: the script cannot be ' +
    'reviewed, pinned or verified, and a truncated download can execute half a script. The k3s, Docker and Helm ' +
    'installers all publish versioned URLs and checksums so the download can be verified first. Saving the download to ' +
    'a file changes nothing unless a checksum or signature check (sha256sum -c, gpg --verify, cosign verify-blob) runs ' +
    'between the download and `sh FILE` / `./FILE`.',
  fix: [
    'Download a pinned version to a file, verify its checksum, then run it:',
    '',
    '    curl -sfL -o /tmp/k3s-install.sh "https://raw.githubusercontent.com/k3s-io/k3s/${K3S_VERSION}/install.sh"',
    '    echo "${INSTALL_SHA256}  /tmp/k3s-install.sh" | sha256sum -c -',
    '    sudo INSTALL_K3S_VERSION="${K3S_VERSION}" sh /tmp/k3s-install.sh server',
    '',
    'Keep the expected sha256 in config next to the version, and update both together.',
  ].join('\n'),
  refs: [
    'OWASP Top 10 2021 A08 (software and data integrity failures)',
    'CWE-494: Download of code without integrity check',
    'k3s documentation: installation options (INSTALL_K3S_VERSION, versioned install.sh)',
  ],
  messages: {
    pipeToShell: '{tool} output is piped into {shell} without verification',
    substitution: '{shell} runs a script fetched by {tool} on the fly, without verification',
    unverifiedRun: '{file} is downloaded by {tool} and run without a checksum or signature check',
  },
  claims: [
    { about: 'no download piped into a shell', risk: true, names: PIPE_TO_SHELL_NAMES, messages: ['pipeToShell', 'substitution'] },
    { about: 'downloads verified before they run', names: UNVERIFIED_DOWNLOAD_NAMES },
  ],
  evaluate(script, ctx) {
    if (!FETCH.test(script.text)) return;
    const lines = readShellScript(script.text).lines;
    const downloads: { file: string; tool: string; settled: boolean }[] = [];
    for (const line of lines) {
      const saved = FETCH.test(line.text) ? SAVED_TO.exec(line.text) : null;
      if (saved && !saved[2]!.startsWith('/dev/') && saved[2] !== '-') downloads.push({ file: saved[2]!, tool: saved[1]!, settled: false });
      for (const download of downloads) {
        if (download.settled) continue;
        if (VERIFY.test(line.text) && line.text.includes(download.file)) {
          download.settled = true;
          continue;
        }
        const ran = runOf(line.text, download.file);
        if (ran === undefined) continue;
        const { line: at, column } = line.positionAt(ran);
        ctx.fail(script.at(at, column), 'unverifiedRun', { file: download.file, tool: download.tool }, evidenceOf(line.text));
        download.settled = true; // one finding per download
      }
      if (!FETCH.test(line.text)) continue;
      const piped = PIPE_TO_SHELL.exec(line.text);
      if (piped && isPrintedText(line.text, piped.index)) continue;
      if (piped) {
        const { line: at, column } = line.positionAt(piped.index);
        ctx.fail(script.at(at, column), 'pipeToShell', { tool: piped[1]!, shell: piped[2]! }, evidenceOf(line.text));
        continue;
      }
      const substituted = SUBSTITUTION.exec(line.text);
      if (substituted && !isPrintedText(line.text, substituted.index)) {
        const { line: at, column } = line.positionAt(substituted.index);
        ctx.fail(script.at(at, column), 'substitution', { tool: substituted[2]!, shell: substituted[1]! }, evidenceOf(line.text));
      }
    }
  },
});

function evidenceOf(text: string): string {
  // Masked before it is cut: a cut token no longer has the shape the masking knows.
  const trimmed = redactSecrets(text.trim());
  return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
}
