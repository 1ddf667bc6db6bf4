import { checkCases } from '../../testing/check-cases.js';
import { text, yaml } from '../../testing/dedent.js';
import { secretKeyMissing } from './secret-key-missing.js';

const setupScript = text`
  #!/usr/bin/env bash
  NS=shop
  args=(
    --from-literal=SECRET_KEY="$SECRET_KEY"
    --from-file=POSTGRES_PASSWORD=secrets/pg.txt
  )
  if [[ -n "$REDIS_PASSWORD" ]]; then
    args+=(--from-literal=REDIS_PASSWORD="$REDIS_PASSWORD")
  fi
  kubectl -n "$NS" create secret generic app-secrets "\${args[@]}" \\
    --dry-run=client -o yaml | kubectl apply -f -
  kubectl -n "$NS" create secret generic apns --from-file=secrets/AuthKey.p8
  kubectl -n "$NS" create secret generic from-dir --from-file="$WORK/app"
  kubectl -n "$NS" create secret tls origin --cert=c.pem --key=k.pem
`;

const pod = (containers: string) =>
  yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: api, namespace: shop }
    spec:
` + containers.replace(/^/gm, '  ');

checkCases(secretKeyMissing, {
  pass: [
    {
      name: 'every key is written (conditionally, by file name, from a directory)',
      input: {
        'scripts/setup.sh': setupScript,
        'k8s/api.yaml': pod(yaml`
          containers:
            - name: api
              env:
                - name: SECRET_KEY
                  valueFrom: { secretKeyRef: { name: app-secrets, key: SECRET_KEY } }
                - name: POSTGRES_PASSWORD
                  valueFrom: { secretKeyRef: { name: app-secrets, key: POSTGRES_PASSWORD } }
                - name: REDIS_PASSWORD
                  valueFrom: { secretKeyRef: { name: app-secrets, key: REDIS_PASSWORD, optional: true } }
                - name: ANYTHING
                  valueFrom: { secretKeyRef: { name: from-dir, key: ANYTHING } }
          volumes:
            - name: apns
              secret:
                secretName: apns
                items: [{ key: AuthKey.p8, path: key.p8 }]
            - name: tls
              secret:
                secretName: origin
                items: [{ key: tls.crt, path: tls.crt }, { key: tls.key, path: tls.key }]`),
      },
    },
    {
      name: 'a Secret nobody creates is the business of k8s/secret-not-created',
      input: {
        'scripts/setup.sh': setupScript,
        'k8s/api.yaml': pod(yaml`
          containers:
            - name: api
              env:
                - name: X
                  valueFrom: { secretKeyRef: { name: elsewhere, key: X } }`),
      },
    },
    {
      name: 'manifest Secret keys from data and stringData; ExternalSecret with dataFrom is trusted',
      input: {
        'k8s/secrets.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: db }
          data: { user: YWRtaW4= }
          stringData: { password: x }
          ---
          apiVersion: external-secrets.io/v1beta1
          kind: ExternalSecret
          metadata: { name: vault }
          spec:
            dataFrom: [{ extract: { key: app } }]`,
        'k8s/api.yaml': pod(yaml`
          containers:
            - name: api
              env:
                - { name: U, valueFrom: { secretKeyRef: { name: db, key: user } } }
                - { name: P, valueFrom: { secretKeyRef: { name: db, key: password } } }
                - { name: V, valueFrom: { secretKeyRef: { name: vault, key: whatever } } }
                - { name: N, valueFrom: { secretKeyRef: { name: db, key: 7 } } }
                - { name: M, valueFrom: { secretKeyRef: { name: db } } }`),
      },
    },
  ],
  fail: [
    {
      name: 'keys the script never writes, optional or not',
      input: {
        'scripts/setup.sh': setupScript,
        'k8s/api.yaml': pod(yaml`
          containers:
            - name: api
              env:
                - name: B2_KEY_ID
                  valueFrom:
                    secretKeyRef:
                      name: app-secrets
                      key: B2_KEY_ID
                      optional: true
                - name: B2_APP_KEY
                  valueFrom:
                    secretKeyRef: { name: app-secrets, key: B2_APP_KEY }
          volumes:
            - name: apns
              secret:
                secretName: apns
                items:
                  - key: AuthKey.pem
                    path: key.p8`),
      },
      failures: [
        { messageId: 'optionalKeyMissing', line: 12 },
        { messageId: 'keyMissing', line: 16 },
        { messageId: 'keyMissing', line: 22 },
      ],
    },
    {
      name: 'a here-document Secret and a manifest Secret',
      input: {
        'scripts/setup.sh': text`
          kubectl apply -f - <<'EOF'
          apiVersion: v1
          kind: Secret
          metadata: { name: heredoc }
          stringData:
            username: app
          EOF
        `,
        'k8s/all.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: empty }
          type: Opaque
          ---
          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: api }
          spec:
            template:
              spec:
                initContainers:
                  - name: migrate
                    env:
                      - { name: P, valueFrom: { secretKeyRef: { name: heredoc, key: password } } }
                      - { name: T, valueFrom: { secretKeyRef: { name: empty, key: token } } }`,
      },
      failures: [
        { messageId: 'keyMissing', line: 15, related: [{ at: 'scripts/setup.sh:2', message: 'Secret "heredoc" is created here (kubectl create secret), with keys username' }] },
        { messageId: 'keyMissing', line: 16, related: [{ at: 'k8s/all.yaml:1', message: 'Secret "empty" is created here (kind: Secret), with no keys' }] },
      ],
    },
  ],
});
