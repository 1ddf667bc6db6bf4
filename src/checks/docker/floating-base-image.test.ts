import { checkCases } from '../../testing/check-cases.js';
import { dockerfile } from '../../testing/dedent.js';
import { floatingBaseImage } from './floating-base-image.js';

const DIGEST = 'sha256:3da188378f61a13812e2ec8d090cfdbcad3033836da70574957988aaf8e9c1e8';

checkCases(floatingBaseImage, {
  pass: [
    dockerfile`
      # syntax=docker/dockerfile:1.10
      FROM golang:1.25.4-alpine3.22@${DIGEST} AS build
      RUN go build -o /out/api ./cmd/api

      FROM alpine:3.21.3@${DIGEST}
      COPY --from=build /out/api /usr/local/bin/api
      USER 10001:10001`,
    {
      name: 'earlier stages, scratch and a --platform flag need nothing more',
      input: dockerfile`
        FROM --platform=$BUILDPLATFORM golang:1.22@${DIGEST} AS build
        RUN go build -o /app .
        FROM build AS test
        RUN go test ./...
        FROM scratch
        COPY --from=build /app /app`,
    },
    {
      name: 'a build argument with a pinned default is resolved',
      input: dockerfile`
        ARG REGISTRY=registry.local:5000
        ARG BASE=\${REGISTRY}/base/node:22@${DIGEST}
        FROM \${BASE}
        CMD ["node"]`,
    },
    {
      name: 'a build argument without a default is decided by the build command: cannot tell, passes',
      input: dockerfile`
        ARG BASE_IMAGE
        ARG NODE_VERSION
        FROM $BASE_IMAGE
        FROM node:$NODE_VERSION-alpine`,
    },
    { name: 'a Dockerfile with no FROM', input: '# nothing here yet\n' },
  ],
  fail: [
    {
      name: 'the runtime stage on alpine:latest, the builder on a floating tag',
      input: dockerfile`
        FROM golang:1.24 AS build
        WORKDIR /src
        RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

        FROM alpine:latest
        COPY --from=build /out/api /usr/local/bin/api
        CMD ["api"]`,
      failures: [
        { messageId: 'notPinned', line: 1 },
        { messageId: 'latestTag', line: 5 },
      ],
    },
    {
      name: 'three stages on node:20-alpine; FROM an earlier stage is not reported',
      input: dockerfile`
        FROM node:20-alpine AS deps
        RUN npm ci
        FROM node:20-alpine AS builder
        COPY --from=deps /app/node_modules ./node_modules
        FROM builder AS assets
        FROM node:20-alpine AS runner
        CMD ["node", "server.js"]`,
      failures: [
        { messageId: 'notPinned', line: 1 },
        { messageId: 'notPinned', line: 3 },
        { messageId: 'notPinned', line: 6 },
      ],
    },
    {
      name: 'a registry port is not a tag; no tag, lower-case keyword',
      input: dockerfile`
        from registry:5000/team/app
        FROM registry:5000/team/app:1.2
        FROM ubuntu`,
      failures: [
        { messageId: 'latestTag', line: 1 },
        { messageId: 'notPinned', line: 2 },
        { messageId: 'latestTag', line: 3 },
      ],
    },
    {
      name: 'build arguments resolved from their defaults, including a suffix after $NAME',
      input: dockerfile`
        ARG NODE_VERSION=20
        ARG DISTRO
        ARG REGISTRY=registry.local:5000
        ARG BASE=\${REGISTRY}/base/python
        FROM node:$NODE_VERSION-alpine AS one
        FROM node:\${NODE_VERSION}-bookworm AS two
        FROM debian:\${DISTRO:-latest}
        FROM $BASE`,
      failures: [
        { messageId: 'notPinned', line: 5 },
        { messageId: 'notPinned', line: 6 },
        { messageId: 'latestTag', line: 7 },
        { messageId: 'latestTag', line: 8 },
      ],
    },
    {
      name: 'a name that only looks like a stage (tag, registry port) is an image',
      input: dockerfile`
        FROM golang:1.22@${DIGEST} AS build
        FROM alpine:3.21@${DIGEST} AS registry
        FROM build:latest
        FROM registry:5000/team/app:1.2`,
      failures: [
        { messageId: 'latestTag', line: 3 },
        { messageId: 'notPinned', line: 4 },
      ],
    },
  ],
});
