import { checkCases } from '../../testing/check-cases.js';
import { dockerfile, text } from '../../testing/dedent.js';
import { copiesEnvFile } from './copies-env-file.js';

const API = dockerfile`
  FROM golang:1.25-alpine AS build
  WORKDIR /src
  COPY go.mod go.sum ./
  COPY . .
  RUN go build -o /out/server ./cmd/api`;

checkCases(copiesEnvFile, {
  pass: [
    {
      name: 'COPY . . guarded by a .dockerignore beside the Dockerfile',
      input: { 'api/Dockerfile': API, 'api/.dockerignore': text`
        .env
        .env.*
        bin/`, 'api/.env.local': 'X=1\n' },
    },
    {
      name: 'a root .dockerignore guards a Dockerfile in a subdirectory; examples and certificates may be copied',
      input: {
        'web/Dockerfile': dockerfile`
          FROM node:22-alpine
          COPY web/ .
          COPY . /app
          COPY .env.example ./.env.example
          COPY certs/ca.pem certs/fullchain.pem /etc/ssl/app/`,
        '.dockerignore': text`
          # context is the repo root
          **/.env
          **/.env.*
          !**/.env.example`,
        '.env.production': 'SECRET=1\n',
        'web/.env': 'SECRET=1\n',
      },
    },
    {
      name: 'a Dockerfile-specific ignore file',
      input: { 'app.Dockerfile': 'FROM alpine:3.21\nCOPY . .\n', 'app.Dockerfile.dockerignore': '*\n!src\n' },
    },
    { name: 'no FROM', input: 'COPY .env .env\n' },
  ],
  fail: [
    {
      name: 'env files copied from the context and from a builder stage (k3s-saas admin)',
      input: {
        'admin/Dockerfile': dockerfile`
          FROM node:20-alpine AS builder
          WORKDIR /app
          COPY admin/ .
          COPY .env.production .env.production
          RUN npm run build
          FROM node:20-alpine AS runner
          COPY --from=builder /app/.env.production ./.env.production
          COPY ["deploy/id_rsa", "secrets/server-key.pem", "/root/"]
          ADD config/prod.env /etc/app/
          COPY kubeconfig /root/.kube/config`,
        '.dockerignore': '.git\n',
      },
      failures: [
        { messageId: 'secretFile', line: 4 },
        { messageId: 'secretFile', line: 7 },
        { messageId: 'secretFile', line: 8 },
        { messageId: 'secretFile', line: 8 },
        { messageId: 'secretFile', line: 9 },
        { messageId: 'secretFile', line: 10 },
      ],
    },
    {
      name: 'COPY . . without any .dockerignore',
      input: { 'api/Dockerfile': API },
      failures: [{ messageId: 'contextNoIgnore', line: 4 }],
    },
    {
      name: 'a .dockerignore that misses .env, or misses the env file that exists',
      input: {
        'Dockerfile': 'FROM alpine:3.21\nCOPY . .\n',
        '.dockerignore': '.git\nnode_modules\n',
        'svc/Dockerfile': 'FROM alpine:3.21\nADD ./ /srv\n',
        'svc/.dockerignore': '.env\n',
        'svc/.env.production': 'SECRET=1\n',
      },
      failures: [
        { messageId: 'contextEnvNotIgnored', line: 2 },
        { messageId: 'contextEnvNotIgnored', line: 2 },
      ],
    },
  ],
});
