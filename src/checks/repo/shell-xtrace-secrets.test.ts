import { checkCases } from '../../testing/check-cases.js';
import { shellXtraceSecrets } from './shell-xtrace-secrets.js';

checkCases(shellXtraceSecrets, {
  pass: [
    { name: 'no xtrace', input: '#!/usr/bin/env bash\nset -euo pipefail\nkubectl create secret generic app --from-file=password="$WORK/pw"\n' },
    { name: 'xtrace in a script without secrets', input: '#!/bin/sh\nset -eux\nmake build\n' },
    {
      name: 'tracing turned off around the secret; a comment',
      input: ['set -x', 'helm template chart', '{ set +x; } 2>/dev/null', 'echo "$REGISTRY_TOKEN" | docker login -u ci --password-stdin', '# set -x to debug', ''].join('\n'),
    },
  ],
  fail: [
    {
      name: 'set -euxo pipefail before --from-literal',
      input: [
        '#!/usr/bin/env bash',
        '# Create / refresh the Kubernetes secrets',
        'set -euxo pipefail',
        'kubectl create secret generic app --from-literal=SECRET_KEY="$SECRET_KEY"',
        '',
      ].join('\n'),
      failures: [{ messageId: 'xtrace', line: 3, column: 1 }],
    },
    {
      name: 'set -o xtrace, and bash -x in the shebang',
      input: {
        'scripts/a.sh': 'set -e -o xtrace\necho "$DB_PASSWORD" | psql\n',
        'scripts/b.sh': '#!/bin/bash -ex\ndocker login -u ci -p "$TOKEN" registry.example.com\n',
      },
      failures: [
        { messageId: 'xtrace', line: 1 },
        { messageId: 'xtrace', line: 1 },
      ],
    },
  ],
});
