import { checkCases } from '../../testing/check-cases.js';
import { dockerfile } from '../../testing/dedent.js';
import { runCurlPipeShell } from './curl-pipe-shell.js';

checkCases(runCurlPipeShell, {
  pass: [
    dockerfile`
      FROM debian:12
      RUN curl -fsSLo /tmp/install.sh https://example.com/install-1.4.2.sh \\
       && echo "0000000000000000000000000000000000000000000000000000000000000000  /tmp/install.sh" | sha256sum -c - \\
       && sh /tmp/install.sh
      RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
      RUN echo "curl https://x | sh is what we avoid" && wget -qO- https://example.com/data.json | jq .
      HEALTHCHECK CMD wget -qO- http://127.0.0.1:3000/ | grep ok || exit 1`,
    { name: 'no FROM', input: 'RUN curl https://x | sh\n' },
  ],
  fail: [
    {
      name: 'pipes into sh, sudo bash, python; exec form',
      input: dockerfile`
        FROM debian:12
        RUN apt-get update && curl -fsSL https://deb.nodesource.com/setup_22.x | bash -
        RUN wget -qO- https://get.example.com \\
            | sudo -E bash -s -- --version 1.2
        RUN ["/bin/sh", "-c", "curl -sSL https://install.python-poetry.org | python3 -"]`,
      failures: [
        { messageId: 'pipeToShell', line: 2 },
        { messageId: 'pipeToShell', line: 3 },
        { messageId: 'pipeToShell', line: 5 },
      ],
    },
    {
      name: 'inside a BuildKit here-document (a python one is not shell)',
      input: dockerfile`
        # syntax=docker/dockerfile:1
        FROM debian:12
        RUN <<EOF
        set -e
        curl -fsSL https://get.example.com | sh
        EOF
        RUN <<EOF python3
        import os; os.system("echo curl x | sh")
        EOF`,
      failures: [{ messageId: 'pipeToShell', line: 3 }],
    },
    {
      name: 'a script fetched in a substitution',
      input: dockerfile`
        FROM alpine:3.21
        RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
        RUN bash <(wget -qO- https://example.com/i.sh)`,
      failures: [
        { messageId: 'substitution', line: 2 },
        { messageId: 'substitution', line: 3 },
      ],
    },
  ],
});
