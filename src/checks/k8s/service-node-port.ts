import { serviceOf } from '../../targets/k8s/services.js';
import { defineCheck } from '../define.js';

export const serviceNodePort = defineCheck({
  id: 'k8s/service-node-port',
  title: 'Services are not of type NodePort',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['Service'],
  why:
    'A NodePort Service opens a port (30000-32767) on every node, on every node address, public ones included. It ' +
    'bypasses the ingress controller and everything configured there (TLS, authentication middlewares, rate limits, ' +
    'IP allow-lists), so only the host firewall stands between the internet and the pods. NodePorts are usually a ' +
    'debugging shortcut that stayed.',
  fix: [
    'Use a ClusterIP Service behind the ingress controller (or `kubectl port-forward` for debugging):',
    '',
    '    spec:',
    '      type: ClusterIP',
    '',
    'If traffic must enter without an ingress, prefer an internal LoadBalancer with loadBalancerSourceRanges.',
  ].join('\n'),
  refs: ['kube-score service-type', 'kube-linter exposed-services', 'NSA/CISA Kubernetes Hardening Guide: network separation, limit exposed services'],
  peers: [{ tool: 'kube-score', rule: 'service-type' }],
  messages: {
    nodePort: 'Service "{service}" is of type NodePort: it listens on every node address, outside the ingress',
  },
  claims: [{ about: 'no NodePort Services', risk: true, names: ['NodePort*', ['node port*', 'service*']] }],
  evaluate(object, ctx) {
    const service = serviceOf(object);
    if (!service) return ctx.notApplicable();
    if (service.type === 'NodePort') ctx.fail(object.at('spec.type'), 'nodePort', { service: object.name });
  },
});
