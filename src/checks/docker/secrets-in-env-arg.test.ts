import { checkCases } from '../../testing/check-cases.js';
import { dockerfile } from '../../testing/dedent.js';
import { secretsInEnvArg } from './secrets-in-env-arg.js';

checkCases(secretsInEnvArg, {
  pass: [
    dockerfile`
      FROM node:22-alpine AS builder
      # public value, inlined into the client bundle
      ARG NEXT_PUBLIC_API_URL
      ENV NEXT_PUBLIC_API_URL=\${NEXT_PUBLIC_API_URL} \\
          NEXT_TELEMETRY_DISABLED=1
      RUN --mount=type=secret,id=sentry_token,env=SENTRY_AUTH_TOKEN npm run build
      ENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password TOKEN_TTL=3600
      ENV API_TOKEN=`,
    { name: 'no FROM at all', input: 'ENV PASSWORD=x\n' },
  ],
  fail: [
    {
      name: 'a secret build argument copied into ENV (k3s-saas web)',
      input: dockerfile`
        FROM node:20-alpine AS builder
        ARG NEXT_PUBLIC_API_URL
        # source maps upload to Sentry during next build
        ARG SENTRY_AUTH_TOKEN
        ENV NEXT_PUBLIC_API_URL=\${NEXT_PUBLIC_API_URL} \\
            SENTRY_AUTH_TOKEN=\${SENTRY_AUTH_TOKEN} \\
            NEXT_TELEMETRY_DISABLED=1
        RUN npm run build`,
      failures: [
        { messageId: 'argNoDefault', line: 4 },
        { messageId: 'envFromArg', line: 6 },
      ],
    },
    {
      name: 'literal values: ENV in both syntaxes, an ARG default',
      input: dockerfile`
        FROM python:3.13-slim
        ARG GITHUB_TOKEN=ghp_FAKE0123456789abcdef
        ENV DJANGO_SECRET_KEY=s3cr3t-value-here
        env AWS_SECRET_ACCESS_KEY wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY
        ENV apiKey="abc 123"`,
      failures: [
        { messageId: 'argDefault', line: 2 },
        { messageId: 'envLiteral', line: 3 },
        { messageId: 'envLiteral', line: 4 },
        { messageId: 'envLiteral', line: 5 },
      ],
    },
  ],
});
