import { checkCases } from '../../testing/check-cases.js';
import { dockerfile } from '../../testing/dedent.js';
import { addRemoteUrl } from './add-remote-url.js';

checkCases(addRemoteUrl, {
  pass: [
    dockerfile`
      FROM golang:1.25-alpine AS build
      # goose, for the migrate Job (checksum from the release checksums.txt)
      ADD --checksum=sha256:2a86e4314729be703946c91aff2d5ba4f9abaeb28bc591f9180c3caa623303ef \\
          https://github.com/pressly/goose/releases/download/v3.24.1/goose_linux_x86_64 /out/goose
      ADD rootfs.tar.gz /
      ADD ["local file.txt", "/srv/"]
      COPY https-notes.txt /docs/`,
    { name: 'no FROM', input: 'ADD https://example.com/x /x\n' },
  ],
  fail: [
    {
      name: 'ADD of release binaries and a JSON-form URL, any case',
      input: dockerfile`
        FROM golang:1.25-alpine AS build
        ADD https://github.com/pressly/goose/releases/download/v3.24.1/goose_linux_x86_64 /out/goose
        RUN chmod 0755 /out/goose
        FROM alpine:3.21
        add --chown=10001:10001 HTTP://example.com/tool.tar.gz /opt/
        ADD ["https://example.com/a b.sh", "/usr/local/bin/ab.sh"]`,
      failures: [
        { messageId: 'noChecksum', line: 2 },
        { messageId: 'noChecksum', line: 5 },
        { messageId: 'noChecksum', line: 6 },
      ],
    },
  ],
});
