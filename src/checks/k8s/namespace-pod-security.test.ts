import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { namespacePodSecurity } from './namespace-pod-security.js';

checkCases(namespacePodSecurity, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: honeydue
        labels:
          pod-security.kubernetes.io/enforce: restricted
          pod-security.kubernetes.io/enforce-version: v1.31`,
    {
      name: 'baseline is a standard; system namespaces; not a Namespace',
      input: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: ingress
          labels: { pod-security.kubernetes.io/enforce: baseline }
        ---
        apiVersion: v1
        kind: Namespace
        metadata: { name: kube-system }
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: honeydue }`,
    },
  ],
  fail: [
    {
      name: 'labels without enforce (k3s-saas); no labels at all; privileged',
      input: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: honeydue
          labels:
            app.kubernetes.io/part-of: honeydue
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: tools
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: agents
          labels:
            pod-security.kubernetes.io/enforce: Privileged`,
      failures: [
        { messageId: 'notEnforced', line: 5 },
        { messageId: 'notEnforced', line: 11 },
        { messageId: 'privileged', line: 18 },
      ],
    },
  ],
});
