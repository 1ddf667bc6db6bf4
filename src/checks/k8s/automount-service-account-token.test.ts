import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { automountServiceAccountToken } from './automount-service-account-token.js';

const adservice = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: adservice }
  spec:
    template:
      spec:
        serviceAccountName: adservice
        containers: [{ name: server, image: adservice }]
  ---
  apiVersion: v1
  kind: ServiceAccount
  metadata: { name: adservice }
`;

checkCases(automountServiceAccountToken, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        automountServiceAccountToken: false
        containers:
          - name: app`,
    {
      name: 'the ServiceAccount disables it, in another file',
      input: {
        'deploy/api.yaml': yaml`
          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: api, namespace: prod }
          spec:
            template:
              spec:
                serviceAccountName: api
                containers:
                  - name: api`,
        'deploy/rbac.yaml': yaml`
          apiVersion: v1
          kind: ServiceAccount
          metadata: { name: api, namespace: prod }
          automountServiceAccountToken: false`,
      },
    },
    {
      name: 'the pod setting false wins over a ServiceAccount setting true',
      input: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: api }
        automountServiceAccountToken: true
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: api }
        spec:
          serviceAccountName: api
          automountServiceAccountToken: false
          containers:
            - name: api`,
    },
    {
      name: 'the default ServiceAccount of the namespace disables it',
      input: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: default, namespace: jobs }
        automountServiceAccountToken: false
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: { name: once, namespace: jobs }
        spec:
          template:
            spec:
              containers:
                - name: once`,
    },
    {
      name: 'a ServiceAccount bound to a role is meant to call the API (vmagent-style discovery)',
      input: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: vmagent, namespace: monitoring }
        automountServiceAccountToken: true
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: vmagent }
        subjects:
          - kind: ServiceAccount
            name: vmagent
            namespace: monitoring
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: vmagent }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: vmagent, namespace: monitoring }
        spec:
          template:
            spec:
              serviceAccountName: vmagent
              automountServiceAccountToken: true
              containers:
                - name: vmagent`,
    },
  ],
  fail: [
    {
      name: "copies of one app: each workload points at its own copy's ServiceAccount (microservices-demo)",
      input: {
        'kubernetes-manifests/kustomization.yaml': 'resources: [adservice.yaml]\n',
        'kubernetes-manifests/adservice.yaml': adservice,
        'release/kubernetes-manifests.yaml': `# rendered for the release\n# do not edit\n${adservice}`,
      },
      failures: [
        { messageId: 'serviceAccountMountsToken', line: 10 },
        { messageId: 'serviceAccountMountsToken', line: 12 },
      ],
    },
    {
      name: 'nothing disables it: points at the pod spec',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: admin }
        spec:
          replicas: 1
          template:
            metadata:
              labels: { app: admin }
            spec:
              containers:
                - name: admin`,
      failures: [{ messageId: 'notDisabled', line: 9 }],
    },
    {
      name: 'the pod turns it on although the ServiceAccount turns it off',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: test }
        spec:
          automountServiceAccountToken: true
          serviceAccountName: test
          containers:
            - name: nginx
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: test }
        automountServiceAccountToken: false`,
      failures: [{ messageId: 'podMountsToken', line: 5 }],
    },
    {
      name: 'the ServiceAccount in the repository leaves it on: points at the ServiceAccount',
      input: {
        'k8s/api.yaml': yaml`
          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: api, namespace: prod }
          spec:
            template:
              spec:
                serviceAccountName: api
                containers:
                  - name: api`,
        'k8s/rbac.yaml': yaml`
          # one ServiceAccount per workload
          ---
          apiVersion: v1
          kind: ServiceAccount
          metadata:
            name: api
            namespace: prod
          ---
          apiVersion: v1
          kind: ServiceAccount
          metadata: { name: worker, namespace: prod }
          automountServiceAccountToken: true`,
      },
      failures: [{ messageId: 'serviceAccountMountsToken', line: 3 }],
    },
    {
      name: 'a ServiceAccount that sets true: points at the key; a CronJob pod spec',
      input: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: reports }
        automountServiceAccountToken: true
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: reports }
        spec:
          schedule: "@hourly"
          jobTemplate:
            spec:
              template:
                spec:
                  serviceAccountName: reports
                  containers:
                    - name: reports`,
      failures: [{ messageId: 'serviceAccountMountsToken', line: 4 }],
    },
    {
      name: 'a ServiceAccount of the same name in another namespace does not count, nor a binding of another account',
      input: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: api, namespace: staging }
        automountServiceAccountToken: false
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: ci, namespace: prod }
        subjects:
          - { kind: ServiceAccount, name: ci-deployer }
          - { kind: User, name: api }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api, namespace: prod }
        spec:
          template:
            spec:
              serviceAccountName: api
              containers:
                - name: api`,
      failures: [{ messageId: 'notDisabled', line: 19 }],
    },
    {
      name: 'items of a List, and a string "false" that is not a boolean',
      input: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: { name: one }
            spec:
              automountServiceAccountToken: "false"
              containers: [{ name: one }]`,
      failures: [{ messageId: 'notDisabled', line: 8 }],
    },
  ],
});
