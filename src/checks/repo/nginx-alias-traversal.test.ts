import { checkCases } from '../../testing/check-cases.js';
import { text } from '../../testing/dedent.js';
import { nginxAliasTraversal } from './nginx-alias-traversal.js';

checkCases(nginxAliasTraversal, {
  pass: [
    {
      name: 'slashes that match, an alias without one, a regex location, root',
      input: {
        'nginx/conf.d/app.conf': text`
          server {
              listen 80;
              location /static/ { alias /srv/app/static/; }
              location /media/ { alias /srv/app/media; }
              location /favicon.ico { alias /srv/app/static/favicon.ico; }
              location ~ ^/download/(.*)$ { alias /srv/files/$1; }
              location /img { root /srv/app; }
          }`,
      },
    },
  ],
  fail: [
    {
      name: 'a prefix location without its slash aliased to a directory (also ^~)',
      input: {
        'nginx/conf.d/app.conf': text`
          server {
              listen 80;
              location /static {
                  alias /srv/app/static/;
              }
              location ^~ /assets { alias /var/www/assets/; }
              location /files { alias /home; }
          }`,
      },
      failures: [
        { messageId: 'offBySlash', line: 4, column: 9 },
        { messageId: 'offBySlash', line: 6, column: 27 },
        { messageId: 'prefixSibling', line: 7, column: 23 },
      ],
    },
  ],
});
