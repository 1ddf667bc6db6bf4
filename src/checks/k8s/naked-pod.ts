import { asArray, asRecord } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

export const nakedPod = defineCheck({
  id: 'k8s/naked-pod',
  title: 'Pods are managed by a controller',
  severity: 'low',
  target: 'k8s-workload',
  kinds: ['Pod'],
  why:
    'A bare Pod is not rescheduled when its node fails or is drained, is not replaced when it is evicted, and cannot ' +
    'be rolled out or rolled back: when it goes, the service goes until someone notices and applies it again. A ' +
    'Deployment (or a Job for a one-off task) recreates it and gives rollouts, history and scaling.',
  fix: [
    'Wrap the pod spec in a controller, for a long-running service:',
    '',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    '    metadata: { name: web }',
    '    spec:',
    '      replicas: 2',
    '      selector: { matchLabels: { app: web } }',
    '      template:',
    '        metadata: { labels: { app: web } }',
    '        spec: <the Pod spec>',
    '',
    'and for a task that runs to completion, a Job with spec.template.spec: <the Pod spec>.',
  ].join('\n'),
  refs: ['Kubernetes documentation, Configuration Best Practices: naked Pods vs ReplicaSets, Deployments, and Jobs', 'Polaris nakedPod'],
  messages: {
    naked: 'Pod "{pod}" is not managed by a controller (Deployment, StatefulSet, DaemonSet or Job)',
  },
  peers: [{ tool: 'polaris', rule: 'nakedPod' }],
  claims: [{ about: 'pods are managed by a controller', names: ['naked pod*', 'bare pod*', 'standalone pod*', 'unmanaged pod*', ['pod*', 'without', 'controller']] }],
  evaluate(workload, ctx) {
    // A Pod exported from a cluster keeps its owner: it was created by a controller.
    if (asArray(asRecord(workload.object.data.metadata)?.ownerReferences).length > 0) return;
    ctx.fail(workload.object.at('kind'), 'naked', { pod: workload.name });
  },
});
