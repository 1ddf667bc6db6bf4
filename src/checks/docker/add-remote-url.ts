import { UNVERIFIED_DOWNLOAD_NAMES } from '../../targets/shell/claims.js';
import { defineCheck } from '../define.js';

const REMOTE = /^https?:\/\//i;

export const addRemoteUrl = defineCheck({
  id: 'docker/add-remote-url',
  title: 'Remote files added to an image are verified by checksum',
  severity: 'medium',
  target: 'dockerfile',
  why:
    '`ADD https://...` downloads whatever the server returns at build time and puts it in the image unchecked: a ' +
    'compromised release, a re-tagged asset or a man-in-the-middle on the build network ships straight to ' +
    'production, and two builds of the same commit can contain different binaries. BuildKit can verify the download ' +
    'with --checksum, so nothing is lost by pinning it.',
  fix: [
    'Pin the download to its published checksum (Dockerfile syntax 1.6 or later):',
    '',
    '    ADD --checksum=sha256:<64 hex digits> \\',
    '        https://github.com/pressly/goose/releases/download/v3.24.1/goose_linux_x86_64 /out/goose',
    '',
    'or download with curl and check it: `RUN curl -fsSLo /out/goose "$URL" && echo "$SHA256  /out/goose" | sha256sum -c -`.',
  ].join('\n'),
  refs: [
    'Docker documentation, Dockerfile reference: ADD --checksum',
    'hadolint DL3020 (use COPY instead of ADD for files and folders)',
    'CIS Docker Benchmark 4.9 (ensure that COPY is used instead of ADD)',
    'CWE-494: Download of code without integrity check',
  ],
  messages: {
    noChecksum: 'ADD downloads {url} without --checksum',
  },
  claims: [
    {
      about: 'remote files added to images are verified',
      names: [...UNVERIFIED_DOWNLOAD_NAMES, 'ADD instruction*', ['Dockerfile*', 'ADD', 'URL*'], ['Dockerfile*', 'checksum*'], ['ADD', '--checksum'], 'instead of ADD'],
    },
  ],
  evaluate(dockerfile, ctx) {
    if (dockerfile.stages.length === 0) return ctx.notApplicable();
    for (const stage of dockerfile.stages) {
      for (const [ordinal, instruction] of stage.instructions.entries()) {
        const where = `${stage.name ?? stage.index}#${ordinal}`;
        if (instruction.keyword !== 'ADD' || instruction.flags.has('checksum')) continue;
        const url = instruction.words.slice(0, -1).find((word) => REMOTE.test(word));
        if (url !== undefined) ctx.fail(instruction.location, 'noChecksum', { url, where });
      }
    }
  },
});
