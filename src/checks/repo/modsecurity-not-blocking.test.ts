import { checkCases } from '../../testing/check-cases.js';
import { text } from '../../testing/dedent.js';
import { modsecurityNotBlocking } from './modsecurity-not-blocking.js';

checkCases(modsecurityNotBlocking, {
  pass: [
    {
      name: 'blocking, with one rule removed for one path, and a commented DetectionOnly',
      input: {
        'modsecurity/modsecurity.conf': text`
          # SecRuleEngine DetectionOnly
          SecRuleEngine On
          SecRequestBodyAccess On
          SecRuleRemoveById 920350
          SecAction "id:900110,phase:1,pass,nolog,setvar:tx.inbound_anomaly_score_threshold=5"`,
        'nginx/conf.d/app.conf': text`
          server {
              listen 80;
              modsecurity on;
              modsecurity_rules_file /etc/nginx/modsec/main.conf;
              location /health { modsecurity off; access_log off; return 200 "OK\\n"; }
              location / { proxy_pass http://app:8080; }
          }`,
      },
    },
  ],
  fail: [
    {
      name: 'detection only, blocking rules and ranges removed, a tag removed, an unreachable threshold',
      input: {
        'modsecurity/modsecurity.conf': text`
          SecRuleEngine DetectionOnly
          SecRuleRemoveById 949110 959100
          SecRuleRemoveById 942000-942999
          SecRuleRemoveByTag "attack-sqli"
          SecAction "id:900110,phase:1,pass,nolog,setvar:tx.inbound_anomaly_score_threshold=10000"`,
      },
      failures: [
        { messageId: 'engineNotBlocking', line: 1, column: 1 },
        { messageId: 'blockingRemoved', line: 2, column: 1 },
        { messageId: 'broadRemoval', line: 3, column: 1 },
        { messageId: 'tagRemoved', line: 4, column: 1 },
        { messageId: 'thresholdOutOfReach', line: 5, column: 48 },
      ],
    },
    {
      name: 'nginx: the engine off for a location, detection only in inline rules',
      input: {
        'nginx/conf.d/app.conf': text`
          server {
              listen 80;
              modsecurity on;
              modsecurity_rules 'SecRuleEngine DetectionOnly';
              location /upload/ {
                  modsecurity off;
                  proxy_pass http://app:8080;
              }
          }`,
      },
      failures: [
        { messageId: 'engineNotBlocking', line: 4, column: 24 },
        { messageId: 'switchedOff', line: 6, column: 9 },
      ],
    },
  ],
});
