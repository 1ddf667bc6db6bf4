import { asArray, asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

export const hostPort = defineCheck({
  id: 'k8s/host-port',
  title: 'Containers do not bind a port on the node',
  severity: 'medium',
  target: 'k8s-container',
  why:
    'A hostPort opens the port on the IP of whichever node runs the pod, outside the Service and Ingress in front of ' +
    'it: it bypasses the load balancer, TLS termination, authentication middlewares and (with most CNIs) ' +
    'NetworkPolicies, and it is easy to forget in the firewall. It also pins one pod per node per port, so rollouts ' +
    'and scheduling stall.',
  fix: [
    'Remove hostPort and publish the port through a Service:',
    '',
    '    ports:',
    '      - name: http',
    '        containerPort: 8080',
    '    # and a Service (ClusterIP behind an Ingress, or LoadBalancer) selecting the pod',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.2.13 (minimize the admission of containers which use HostPorts)',
    'Kubernetes Pod Security Standards (baseline): host ports are disallowed',
    'Kubernetes documentation, Configuration Best Practices: do not specify a hostPort unless necessary',
    'Polaris hostPortSet',
    'Checkov CKV_K8S_26',
  ],
  messages: {
    hostPort: 'container "{container}" binds port {hostPort} on the node (hostPort)',
  },
  peers: [{ tool: 'polaris', rule: 'hostPortSet' }],
  claims: [{ about: 'no hostPort', risk: true, names: ['hostPort*', 'host port*'] }],
  evaluate(container, ctx) {
    asArray(container.spec.ports).forEach((item, index) => {
      const value = asRecord(item)?.hostPort;
      // hostPort 0 (or empty) is the API's "not set".
      const port = asString(value);
      if (port === undefined || port === '' || port === '0') return;
      ctx.fail(container.at(['ports', index, 'hostPort']), 'hostPort', { container: container.name, hostPort: port });
    });
  },
});
