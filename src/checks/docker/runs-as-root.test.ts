import { checkCases } from '../../testing/check-cases.js';
import { dockerfile } from '../../testing/dedent.js';
import { runsAsRoot } from './runs-as-root.js';

checkCases(runsAsRoot, {
  pass: [
    dockerfile`
      FROM golang:1.25 AS build
      RUN go build -o /out/api .
      FROM alpine:3.21
      RUN adduser -S -D -H -u 10001 app
      COPY --from=build /out/api /app/api
      USER 10001:10001
      ENTRYPOINT ["/app/api"]`,
    {
      name: 'root for setup, then a named user',
      input: dockerfile`
        FROM node:22-alpine
        USER root
        RUN apk add --no-cache tini
        USER node
        CMD ["node", "server.js"]`,
    },
    {
      name: 'the final stage inherits the USER of the stage it is built from',
      input: dockerfile`
        FROM node:22-alpine AS base
        USER node
        FROM base AS runner
        COPY . .
        CMD ["node", "server.js"]`,
    },
    {
      name: 'a USER from a build argument cannot be judged',
      input: dockerfile`
        FROM alpine:3.21
        ARG APP_UID=10001
        USER \${APP_UID}`,
    },
    { name: 'a file without FROM', input: '# placeholder\n' },
    {
      name: 'a compose file builds a target stage that sets its USER; the last stage does too',
      input: {
        'app/Dockerfile': dockerfile`
          FROM python:3.13-alpine AS builder
          USER 10001
          FROM builder AS dev
          FROM python:3.13-alpine
          USER 10001`,
        'app/compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      target: dev\n',
      },
    },
    {
      name: 'a workflow builds the runtime stage; the test stage after it, root, is never shipped',
      input: {
        'Dockerfile': dockerfile`
          FROM node:22-alpine AS runtime
          USER node
          FROM runtime AS test
          USER root
          RUN npm test`,
        '.github/workflows/release.yml': [
          'on: push',
          'jobs:',
          '  image:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - uses: docker/build-push-action@v6',
          '        with: { context: ., target: runtime, push: true }',
          '',
        ].join('\n'),
      },
    },
  ],
  fail: [
    {
      name: 'no USER: points at the final FROM',
      input: dockerfile`
        FROM golang:1.24 AS build
        RUN go build -o /out/api ./cmd/api

        FROM alpine:latest
        COPY --from=build /out/api /usr/local/bin/api
        EXPOSE 8000
        CMD ["api"]`,
      failures: [{ messageId: 'noUser', line: 4 }],
    },
    {
      name: 'a USER in the builder stage does not carry over to an unrelated final stage',
      input: dockerfile`
        FROM node:20-alpine AS builder
        USER node
        RUN npm run build
        FROM node:20-alpine AS runner
        COPY --from=builder /app/.next/standalone ./
        CMD ["node", "server.js"]`,
      failures: [{ messageId: 'noUser', line: 4 }],
    },
    {
      name: 'switching back to root last',
      input: dockerfile`
        FROM debian:12
        USER app
        RUN ./configure
        USER root
        CMD ["/app/run"]`,
      failures: [{ messageId: 'rootUser', line: 4 }],
    },
    {
      name: 'UID 0 with a group, lower-case keyword',
      input: dockerfile`
        FROM debian:12
        user 0:0`,
      failures: [{ messageId: 'rootUser', line: 2 }],
    },
    {
      name: 'root inherited from the stage the final one is built from',
      input: dockerfile`
        FROM debian:12 AS base
        USER root:root
        FROM base
        CMD ["/app/run"]`,
      failures: [{ messageId: 'rootUser', line: 2 }],
    },
    {
      name: 'the stage a script builds with --target runs as root while the last stage sets a user (uptime-kuma)',
      input: {
        'docker/Dockerfile': dockerfile`
          FROM node:22 AS build
          USER node
          FROM node:22 AS release
          CMD ["node", "server/server.js"]
          FROM release AS rootless
          USER node`,
        'package.json': '{ "scripts": { "build-docker": "docker buildx build -f docker/Dockerfile -t kuma:2 --target release . --push" } }\n',
      },
      failures: [{ messageId: 'noUser', line: 3 }],
    },
  ],
});
