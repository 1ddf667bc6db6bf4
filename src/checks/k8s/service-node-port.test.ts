import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { serviceNodePort } from './service-node-port.js';

checkCases(serviceNodePort, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Service
      metadata: { name: admin }
      spec:
        type: ClusterIP
        selector: { app: admin }`,
    {
      name: 'type unset is ClusterIP; LoadBalancer is another decision',
      input: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: admin }
        spec:
          selector: { app: admin }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: lb }
        spec:
          type: LoadBalancer`,
    },
    { name: 'odd shapes', input: 'apiVersion: v1\nkind: Service\nmetadata: { name: x }\nspec: [NodePort]\n' },
  ],
  fail: [
    {
      name: 'the admin Service left on NodePort while debugging (k3s-saas)',
      input: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: admin
          namespace: honeydue
        spec:
          # NodePort while debugging the admin crashloop -- switch back to ClusterIP
          type: NodePort
          selector:
            app.kubernetes.io/name: admin
          ports:
            - name: http
              port: 3000
              nodePort: 30300`,
      failures: [{ messageId: 'nodePort', line: 8 }],
    },
  ],
});
