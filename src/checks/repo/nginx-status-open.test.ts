import { checkCases } from '../../testing/check-cases.js';
import { text } from '../../testing/dedent.js';
import { nginxStatusOpen } from './nginx-status-open.js';

checkCases(nginxStatusOpen, {
  pass: [
    {
      name: 'status limited by allow/deny, a loopback listener, basic auth, an include that may restrict',
      input: {
        'nginx/nginx.conf': text`
          events {}
          http {
              server {
                  listen 80;
                  location = /nginx_status { stub_status; allow 127.0.0.1; deny all; }
                  location /actuator/ { proxy_pass http://app:8080; include /etc/nginx/internal-only.conf; }
                  location /metrics { auth_basic "metrics"; auth_basic_user_file /etc/nginx/.htpasswd; proxy_pass http://app:9090; }
                  location /api/ { proxy_pass http://app:8080; }
              }
              server {
                  listen 127.0.0.1:8081;
                  location /status { stub_status on; }
              }
          }`,
      },
    },
  ],
  fail: [
    {
      name: 'stub_status and actuator, metrics passed through to anyone',
      input: {
        'nginx/conf.d/default.conf': text`
          server {
              listen 80;
              location /nginx_status {
                  stub_status;
              }
              location /actuator { proxy_pass http://backend:8080; }
              location = /metrics { proxy_pass http://backend:9100/metrics; }
          }`,
      },
      failures: [
        { messageId: 'statusOpen', line: 4, column: 9 },
        { messageId: 'adminPathOpen', line: 6, column: 5 },
        { messageId: 'adminPathOpen', line: 7, column: 5 },
      ],
    },
  ],
});
