import { checkCases } from '../../testing/check-cases.js';
import { text, yaml } from '../../testing/dedent.js';
import { secretNotCreated } from './secret-not-created.js';

const setupScript = text`
  #!/usr/bin/env bash
  set -euo pipefail
  NS=shop
  args=(
    --from-literal=SECRET_KEY="$SECRET_KEY"
  )
  kubectl -n "$NS" create secret generic app-secrets "\${args[@]}" \\
    --dry-run=client -o yaml | kubectl apply -f -
  kubectl --namespace=shop create secret docker-registry registry-credentials \\
    --docker-server=registry.example.com --docker-password="$TOKEN"
  # kubectl create secret generic commented-out --from-literal=a=b
  for s in alpha beta; do
    kubectl create secret generic "$s-token" --from-literal=token=x
  done
  kubectl create secret generic "$(hostname)-node" --from-file=key.pem
  kubectl apply -f - <<EOF
  apiVersion: v1
  kind: Secret
  metadata:
    name: from-heredoc
  stringData:
    password: \${PASSWORD}
  EOF
`;

const deployment = (pod: string) =>
  yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: web, namespace: shop }
    spec:
      template:
        spec:
` + pod.replace(/^/gm, '      ');

checkCases(secretNotCreated, {
  pass: [
    {
      name: 'every reference is created by the script (arrays, loops, patterns, here-documents, continuations)',
      input: {
        'scripts/setup.sh': setupScript,
        'k8s/web.yaml': deployment(yaml`
          imagePullSecrets:
            - name: registry-credentials
          containers:
            - name: app
              env:
                - name: SECRET_KEY
                  valueFrom: { secretKeyRef: { name: app-secrets, key: SECRET_KEY } }
              envFrom:
                - secretRef: { name: beta-token }
          volumes:
            - name: tls
              secret: { secretName: node7-node }
            - name: db
              secret: { secretName: from-heredoc }`),
      },
    },
    {
      name: 'manifest, SealedSecret, ExternalSecret, Certificate and kustomize creators',
      input: {
        'k8s/creators.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: plain }
          ---
          apiVersion: bitnami.com/v1alpha1
          kind: SealedSecret
          metadata: { name: sealed, namespace: shop }
          spec:
            encryptedData: { password: AgBy }
          ---
          apiVersion: external-secrets.io/v1beta1
          kind: ExternalSecret
          metadata: { name: es }
          spec:
            target: { name: external }
          ---
          apiVersion: cert-manager.io/v1
          kind: Certificate
          metadata: { name: cert }
          spec:
            secretName: web-tls`,
        'k8s/kustomization.yaml': yaml`
          namespace: shop
          secretGenerator:
            - name: generated
              literals: [a=b]`,
        'k8s/web.yaml': deployment(yaml`
          containers:
            - name: app
              envFrom:
                - secretRef: { name: plain }
                - secretRef: { name: sealed }
                - secretRef: { name: external }
                - secretRef: { name: generated }
          volumes:
            - name: tls
              projected:
                sources:
                  - secret: { name: web-tls }`),
      },
    },
    {
      name: 'optional references and cert-manager managed Ingress TLS are left alone',
      input: {
        'k8s/secret.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: something }`,
        'k8s/web.yaml': yaml`
          apiVersion: v1
          kind: Pod
          metadata: { name: web }
          spec:
            containers:
              - name: app
                env:
                  - name: FLAG
                    valueFrom: { secretKeyRef: { name: maybe, key: x, optional: true } }
                envFrom:
                  - secretRef: { name: maybe-too, optional: true }
            volumes:
              - name: v
                secret: { secretName: maybe-three, optional: true }
          ---
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: web
            annotations: { cert-manager.io/cluster-issuer: letsencrypt }
          spec:
            tls:
              - hosts: [example.com]
                secretName: web-tls`,
      },
    },
    {
      name: 'a deploy workflow creates the pull secret in a run step',
      input: {
        '.github/workflows/deploy.yml': yaml`
          on: { push: { branches: [main] } }
          jobs:
            deploy:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    kubectl -n shop create secret docker-registry regcred \
                      --docker-server=ghcr.io --docker-password="\${{ secrets.GHCR_TOKEN }}" \
                      --dry-run=client -o yaml | kubectl apply -f -`,
        'k8s/other.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: { name: other }\n',
        'k8s/web.yaml': deployment(yaml`
          imagePullSecrets: [{ name: regcred }]
          containers: [{ name: app }]`),
      },
    },
    {
      name: 'templated names (envsubst, Helm) match what they render to, or are not checked',
      input: {
        'k8s/secret.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: "\${APP}-db", namespace: shop }`,
        'k8s/web.yaml': deployment(yaml`
          imagePullSecrets: [{ name: "\${REGISTRY_SECRET}" }]
          containers:
            - name: app
              envFrom:
                - secretRef: { name: shop-db }
                - secretRef: { name: "{{ .Release.Name }}-extra" }`),
      },
    },
    {
      name: 'a repository that creates no Secret at all manages them elsewhere: not checked',
      input: {
        'k8s/web.yaml': deployment(yaml`
          imagePullSecrets: [{ name: regcred }]
          containers: [{ name: app }]`),
      },
    },
    {
      name: 'odd shapes do not crash',
      input: {
        'k8s/secret.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: s }`,
        'k8s/odd.yaml': yaml`
          apiVersion: v1
          kind: Pod
          metadata: { name: odd }
          spec:
            imagePullSecrets: "regcred"
            containers:
              - null
              - name: app
                env: [null, { name: X, valueFrom: { secretKeyRef: "nope" } }]
                envFrom: { secretRef: { name: x } }
            volumes: [null, { name: v, secret: null }, { name: w, projected: { sources: [null] } }]
          ---
          apiVersion: traefik.io/v1alpha1
          kind: Middleware
          metadata: { name: m }
          spec: { basicAuth: { secret: 7 } }`,
        'scripts/odd.sh': 'kubectl create secret\nkubectl create secret generic\necho "unterminated\n',
      },
    },
  ],
  fail: [
    {
      name: 'a Secret without namespace is in default, not in the namespace of the pod; a copy in a sibling kustomization does not count',
      input: {
        'k8s/secret.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: shared }`,
        'kustomize/base/kustomization.yaml': 'namespace: shop\nresources: [secret.yaml]\n',
        'kustomize/base/secret.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: shared }`,
        'k8s/web.yaml': deployment(yaml`
          imagePullSecrets: [{ name: shared }]
          containers: [{ name: app }]`),
      },
      failures: [{ messageId: 'notCreated', line: 7 }],
    },
    {
      name: 'pull secret named differently from the one the script creates',
      input: {
        'scripts/02-setup-secrets.sh': setupScript,
        'k8s/web.yaml': deployment(yaml`
          imagePullSecrets:
            - name: ghcr-credentials
          containers:
            - name: app
              image: registry.example.com/web:1.0`),
      },
      failures: [{ messageId: 'notCreatedSimilar', line: 8, related: [{ at: 'scripts/02-setup-secrets.sh:9', message: 'Secret "registry-credentials" is created here (kubectl create secret)' }] }],
    },
    {
      name: 'commented-out creation, wrong namespace, Traefik and Ingress references',
      input: {
        'scripts/02-setup-secrets.sh': setupScript,
        'k8s/other-ns.yaml': yaml`
          apiVersion: v1
          kind: Pod
          metadata: { name: p, namespace: billing }
          spec:
            containers:
              - name: app
                envFrom:
                  - secretRef:
                      name: app-secrets
                  - secretRef:
                      name: commented-out
          ---
          apiVersion: traefik.io/v1alpha1
          kind: Middleware
          metadata: { name: admin-auth, namespace: shop }
          spec:
            basicAuth:
              secret: admin-basic-auth
          ---
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: web
            annotations:
              nginx.ingress.kubernetes.io/auth-secret: shop/basic-auth
          spec:
            tls:
              - secretName: web-tls`,
      },
      failures: [
        { messageId: 'notCreated', line: 9 },
        { messageId: 'notCreated', line: 11 },
        { messageId: 'notCreated', line: 18 },
        { messageId: 'notCreated', line: 25 },
        { messageId: 'notCreated', line: 28 },
      ],
    },
    {
      name: 'a volume and a ServiceAccount pull secret',
      input: {
        'k8s/all.yaml': yaml`
          apiVersion: v1
          kind: Secret
          metadata: { name: db-credentials }
          stringData: { password: x }
          ---
          apiVersion: v1
          kind: ServiceAccount
          metadata: { name: ci }
          imagePullSecrets:
            - name: regcred
          ---
          apiVersion: batch/v1
          kind: CronJob
          metadata: { name: backup }
          spec:
            jobTemplate:
              spec:
                template:
                  spec:
                    containers: [{ name: dump }]
                    volumes:
                      - name: creds
                        secret:
                          secretName: db-credential`,
      },
      failures: [
        { messageId: 'notCreated', line: 10 },
        { messageId: 'notCreatedSimilar', line: 24, related: [{ at: 'k8s/all.yaml:1', message: 'Secret "db-credentials" is created here (kind: Secret)' }] },
      ],
    },
  ],
});
