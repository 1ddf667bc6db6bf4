import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { rbacPodExec } from './rbac-pod-exec.js';

checkCases(rbacPodExec, {
  pass: [
    {
      name: '"pods/*" is no wildcard to the RBAC authorizer; a rule allowing everything is left to k8s/rbac-wildcards',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: reconciler, namespace: secure }
        rules:
          - apiGroups: [""]
            resources: ["pods/*"]
            verbs: [create, get]
          - apiGroups: ['*']
            resources: ['*']
            verbs: ['*']`,
    },
    {
      name: 'pods without subresources; exec with a read-only verb (Polaris success cases)',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: test, namespace: test }
        rules:
          - apiGroups: [""]
            resources: ["pods"]
            verbs: [get, create]
          - apiGroups: [""]
            resources: ["pods/exec", "pods/attach"]
            verbs: [list]
          - apiGroups: ["apps"]
            resources: ["*"]
            verbs: [create]`,
    },
    {
      name: 'built-in and system roles',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: admin }
        rules: [{ apiGroups: [""], resources: ["pods/attach"], verbs: ["create"] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "gce:podsecuritypolicy:calico-sa" }
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: "system:controller:glbc", namespace: kube-system }
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]`,
    },
  ],
  fail: [
    {
      name: 'explicit, by verb wildcard, by resource wildcard, by API group wildcard, with get',
      input: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: test }
        rules:
          - apiGroups: [""]
            resources: ["pods/exec"]
            verbs: [create]
          - apiGroups: [""]
            resources: ["pods/attach"]
            verbs: ["*"]
          - apiGroups: [""]
            resources: ["*"]
            verbs: [get]
          - apiGroups: ["*"]
            resources:
              - pods/log
              - "*/exec"
            verbs: [create]`,
      failures: [
        { messageId: 'exec', line: 6 },
        { messageId: 'attach', line: 9 },
        { messageId: 'execAndAttach', line: 12 },
        { messageId: 'exec', line: 17 },
      ],
    },
  ],
});
