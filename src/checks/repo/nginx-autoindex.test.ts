import { checkCases } from '../../testing/check-cases.js';
import { text } from '../../testing/dedent.js';
import { nginxAutoindex } from './nginx-autoindex.js';

checkCases(nginxAutoindex, {
  pass: [
    {
      name: 'off, and a listing limited to the internal network',
      input: {
        'nginx/conf.d/files.conf': text`
          server {
              listen 80;
              autoindex off;
              location /downloads/ { autoindex on; allow 10.0.0.0/8; deny all; }
          }`,
      },
    },
  ],
  fail: [
    {
      name: 'a listing for a location and for a whole server',
      input: {
        'nginx/conf.d/files.conf': text`
          server {
              listen 80;
              location /backups/ {
                  root /srv;
                  autoindex on;
              }
          }
          server {
              listen 8080;
              autoindex on;
          }`,
      },
      failures: [
        { messageId: 'autoindexOn', line: 5, column: 9 },
        { messageId: 'autoindexOn', line: 10, column: 5 },
      ],
    },
  ],
});
