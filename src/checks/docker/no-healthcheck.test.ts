import { checkCases } from '../../testing/check-cases.js';
import { dockerfile } from '../../testing/dedent.js';
import { noHealthcheck } from './no-healthcheck.js';

checkCases(noHealthcheck, {
  pass: [
    dockerfile`
      FROM golang:1.25 AS build
      RUN go build -o /out/server .
      FROM alpine:3.21
      COPY --from=build /out/server /app/server
      USER 10001:10001
      HEALTHCHECK --interval=30s --timeout=3s CMD ["/app/server", "healthcheck"]
      ENTRYPOINT ["/app/server"]`,
    {
      name: 'inherited from the stage the final one is built from; NONE is a decision',
      input: dockerfile`
        FROM node:22-alpine AS base
        HEALTHCHECK CMD wget -qO- http://127.0.0.1:3000/ || exit 1
        FROM base AS runner
        CMD ["node", "server.js"]
        FROM busybox:1.37 AS other
        FROM other
        healthcheck NONE`,
    },
    { name: 'no FROM', input: '# empty\n' },
  ],
  fail: [
    {
      name: 'a HEALTHCHECK in the builder does not count',
      input: dockerfile`
        FROM golang:1.25-alpine AS build
        HEALTHCHECK CMD true
        RUN go build -o /out/server .

        FROM alpine:latest
        COPY --from=build /out/server /app/server
        ENTRYPOINT ["/app/server"]`,
      failures: [{ messageId: 'missing', line: 5 }],
    },
  ],
});
