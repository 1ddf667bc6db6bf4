import { describe, expect, it } from 'vitest';
import { checkCases, runCheckOn } from '../../testing/check-cases.js';
import { dockerfile } from '../../testing/dedent.js';
import { aptHygiene } from './apt-hygiene.js';

checkCases(aptHygiene, {
  pass: [
    dockerfile`
      FROM debian:12-slim
      RUN apt-get update \\
       && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u8 \\
       && rm -rf /var/lib/apt/lists/*
      RUN apk add --no-cache --virtual .build-deps gcc=14.2.0-r4 musl-dev~=1.2
      RUN apt-get install -y -o APT::Install-Recommends=false ./local.deb "\${EXTRA_PACKAGE}" && rm -rf /var/lib/apt/lists/*`,
    {
      name: 'a builder stage may keep its apt lists; cache mounts replace cleanup',
      input: dockerfile`
        FROM debian:12 AS build
        RUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3
        FROM debian:12
        RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update \\
         && apt-get install -y --no-install-recommends tini=0.19.0-1`,
    },
    { name: 'unpinned allowed by option', input: 'FROM alpine:3.21\nRUN apk add --no-cache git\n', options: { pinVersions: false } },
    { name: 'no FROM', input: 'RUN apk add git\n' },
  ],
  fail: [
    {
      name: 'apk: unpinned, no --no-cache',
      input: dockerfile`
        FROM golang:1.25-alpine AS build
        RUN apk add --no-cache git
        FROM alpine:3.21
        RUN apk update && apk add -t .deps ca-certificates tzdata=2025a-r0`,
      failures: [
        { messageId: 'apkUnpinned', line: 2 },
        { messageId: 'apkNoCache', line: 4 },
        { messageId: 'apkUnpinned', line: 4 },
      ],
    },
    {
      name: 'apt-get in the final stage: everything missing',
      input: dockerfile`
        FROM ubuntu:24.04
        RUN apt-get update && \\
            apt-get install -y curl python3=3.12.3-0ubuntu2 git`,
      failures: [
        { messageId: 'aptNoRecommends', line: 2 },
        { messageId: 'aptListsKept', line: 2 },
        { messageId: 'aptUnpinned', line: 2 },
      ],
    },
  ],
});

describe('docker/apt-hygiene fingerprints', () => {
  it('tells apart the same problem in two RUN instructions', async () => {
    const results = await runCheckOn(aptHygiene, 'FROM alpine:3.21\nRUN apk add git\nRUN apk add git\n');
    const fingerprints = results.filter((result) => result.status === 'fail').map((result) => result.fingerprint);
    expect(fingerprints).toHaveLength(4);
    expect(new Set(fingerprints).size).toBe(4);
  });
});
