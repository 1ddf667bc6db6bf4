import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { imageDigest } from './image-digest.js';

const DIGEST = 'sha256:0284f0b136443c05db0691d390e677652053116d2b1ae3753138fcf68fbeac76';

checkCases(imageDigest, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: app
            image: ghcr.io/acme/api:1.4.2@${DIGEST}`,
    {
      name: 'digest without a tag, behind a registry with a port, in init containers of a CronJob',
      input: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: backup }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - name: wait
                      image: registry.local:5000/tools/wait@${DIGEST}
                  containers:
                    - name: backup
                      image: "localhost:5000/backup:latest@${DIGEST}"`,
    },
    {
      name: 'an image filled in by a tool later cannot be judged',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              image: \${IMAGE}
            - name: helm
              image: "{{ .Values.image }}"`,
    },
    { name: 'a container without an image (a patch fragment)', input: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: app\n' },
  ],
  fail: [
    {
      name: 'a digest in uppercase hex is no valid reference',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: nginx
              image: nginx:1.27@sha256:${'AB'.repeat(32)}`,
      failures: [{ messageId: 'malformedDigest', line: 7 }],
    },
    {
      name: 'no tag at all',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: nginx
              image: nginx`,
      failures: [{ messageId: 'latestTag', line: 7 }],
    },
    {
      name: ':latest, with a registry port that must not be read as a tag',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: admin }
        spec:
          template:
            spec:
              containers:
                - name: admin
                  image: registry:5000/admin/app:latest
                - name: sidecar
                  image: registry:5000/admin/sidecar`,
      failures: [
        { messageId: 'latestTag', line: 9 },
        { messageId: 'latestTag', line: 11 },
      ],
    },
    {
      name: 'version tags without a digest, a placeholder tag, a malformed digest',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api }
        spec:
          template:
            spec:
              initContainers:
                - name: migrate
                  image: registry:5000/app:1.2
              containers:
                - name: api
                  image: gitea.example.com/admin/honeydue-api:IMAGE_PLACEHOLDER
                - name: redis
                  image: redis@sha256:abc`,
      failures: [
        { messageId: 'notPinned', line: 9 },
        { messageId: 'notPinned', line: 12 },
        { messageId: 'malformedDigest', line: 14 },
      ],
    },
    {
      name: 'Helm output with # Source comments and a List',
      input: yaml`
        ---
        # Source: chart/templates/redis.yaml
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: redis }
        spec:
          template:
            spec:
              containers:
                - name: redis
                  image: "docker.io/library/redis:7-alpine"
        ---
        # Source: chart/templates/list.yaml
        kind: List
        apiVersion: v1
        items:
          - apiVersion: v1
            kind: Pod
            metadata: { name: one }
            spec:
              containers:
                - { name: one, image: "busybox:latest" }`,
      failures: [
        { messageId: 'notPinned', line: 11 },
        { messageId: 'latestTag', line: 22 },
      ],
    },
  ],
});
