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
    {
      name: 'COPY . . in a builder stage whose binaries alone reach the final stage (podinfo)',
      input: {
        'Dockerfile': dockerfile`
          FROM golang:1.26-alpine AS builder
          WORKDIR /podinfo
          COPY . .
          RUN CGO_ENABLED=0 go build -o bin/podinfo cmd/podinfo/*
          FROM alpine:3.24
          WORKDIR /home/app
          COPY --from=builder /podinfo/bin/podinfo .
          COPY --from=builder /podinfo/bin/podcli /usr/local/bin/podcli
          COPY ./ui ./ui
          USER app`,
        '.env': 'TOKEN=1\n',
      },
    },
    {
      name: 'a test stage after the built one, and a builder copied from by numeric index',
      input: {
        'svc/Dockerfile': dockerfile`
          FROM golang:1.25 AS build
          WORKDIR /src
          COPY . .
          RUN go build -o /out/api .
          FROM gcr.io/distroless/static:nonroot
          COPY --from=0 /out/api /api`,
        'svc/.env': 'TOKEN=1\n',
      },
    },
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
      name: 'COPY . . without any .dockerignore, in a build stage that is the image (hygiene: no env file is there)',
      input: { 'api/Dockerfile': API },
      failures: [{ messageId: 'contextNoIgnoreHygiene', line: 4 }],
    },
    {
      name: 'COPY . . without any .dockerignore beside an env file',
      input: { 'api/Dockerfile': API, 'api/config/.env.production': 'SECRET=1\n', 'other/.env': 'X=1\n' },
      failures: [{ messageId: 'contextNoIgnore', line: 4 }],
    },
    {
      name: 'the final stage copies the builder directory that COPY . . filled (adservice), or is built FROM it',
      input: {
        'adservice/Dockerfile': dockerfile`
          FROM eclipse-temurin:24-jdk AS builder
          WORKDIR /app
          COPY ["build.gradle", "gradlew", "./"]
          COPY . .
          RUN ./gradlew installDist
          FROM eclipse-temurin:25-jre-alpine
          WORKDIR /app
          COPY --from=builder /app .`,
        'web/Dockerfile': dockerfile`
          FROM node:22-alpine AS deps
          WORKDIR /app
          COPY . .
          RUN npm ci
          FROM deps AS runner
          CMD ["node", "server.js"]`,
        'web/.env': 'SECRET=1\n',
      },
      failures: [
        { messageId: 'contextNoIgnoreHygiene', line: 4 },
        { messageId: 'contextNoIgnore', line: 3 },
      ],
    },
    {
      name: 'compose builds the builder stage as its target (awesome-compose flask)',
      input: {
        'flask/app/Dockerfile': dockerfile`
          FROM python:3.10-alpine AS builder
          WORKDIR /app
          COPY . /app
          FROM builder AS dev-envs
          FROM python:3.10-alpine
          COPY --from=builder /app/dist /app`,
        'flask/compose.yaml': 'services:\n  web:\n    build:\n      context: app\n      target: builder\n',
      },
      failures: [{ messageId: 'contextNoIgnoreHygiene', line: 3 }],
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
    {
      name: 'a .dockerignore that misses .env while the context holds none (microservices-demo currencyservice: hygiene)',
      input: {
        'src/currencyservice/Dockerfile': dockerfile`
          FROM node:22-alpine AS builder
          WORKDIR /usr/src/app
          COPY package*.json ./
          RUN npm install --only=production
          FROM node:22-alpine
          WORKDIR /usr/src/app
          COPY --from=builder /usr/src/app/node_modules ./node_modules
          COPY . .
          USER node`,
        'src/currencyservice/.dockerignore': 'node_modules\nclient.js\n',
      },
      failures: [{ messageId: 'contextEnvNotIgnoredHygiene', line: 8 }],
    },
  ],
});
