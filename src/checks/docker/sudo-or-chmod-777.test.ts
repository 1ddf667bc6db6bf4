import { checkCases } from '../../testing/check-cases.js';
import { dockerfile } from '../../testing/dedent.js';
import { sudoOrChmod777 } from './sudo-or-chmod-777.js';

checkCases(sudoOrChmod777, {
  pass: [
    dockerfile`
      FROM alpine:3.21
      RUN chmod 0755 /out/goose && chmod -R u+rwX,go-w /app && chmod 640 /etc/app.conf && chmod +x /entrypoint.sh && chmod 1777 /scratch
      RUN echo "never sudo" && apk add --no-cache sudo-rs-docs`,
    { name: 'no FROM', input: 'RUN sudo ls\n' },
  ],
  fail: [
    {
      name: 'sudo, chmod 777 (octal and symbolic)',
      input: dockerfile`
        FROM debian:12
        RUN sudo apt-get update
        RUN mkdir -p /app/data && chmod -R 777 /app/data
        RUN chmod 0666 /var/run/app.sock; chmod o+w /tmp/x; chmod a=rwx /srv`,
      failures: [
        { messageId: 'sudo', line: 2 },
        { messageId: 'worldWritable', line: 3 },
        { messageId: 'worldWritable', line: 4 },
        { messageId: 'worldWritable', line: 4 },
        { messageId: 'worldWritable', line: 4 },
      ],
    },
  ],
});
