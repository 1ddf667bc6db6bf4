import { autoscalerIndex } from '../../targets/k8s/autoscalers.js';
import { asNumber, asRecord } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

export const singleReplica = defineCheck({
  id: 'k8s/single-replica',
  title: 'Long-running workloads run more than one replica',
  severity: 'info',
  target: 'k8s-workload',
  // Controllers whose replica count the manifest sets; a DaemonSet runs one per node by design.
  kinds: ['Deployment', 'StatefulSet'],
  why:
    'With one replica every node drain, Kubernetes or OS upgrade, eviction, crash or rollout with Recreate is an ' +
    'outage of that component: requests fail or background jobs stop until the pod is rescheduled and ready again. ' +
    'Leaving replicas unset means one. It is information, not a vulnerability: some components (a non-replicated ' +
    'cache, a singleton scheduler) are single on purpose, and the waiver says why.',
  fix: [
    'Run at least two replicas, spread over nodes, with a PodDisruptionBudget so drains keep one up:',
    '',
    '    spec:',
    '      replicas: 2',
    '      template:',
    '        spec:',
    '          topologySpreadConstraints:',
    '            - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }',
    '',
    'or let a HorizontalPodAutoscaler with minReplicas: 2 own the count. A component that must stay single gets a waiver with the reason.',
  ].join('\n'),
  refs: [
    'Kubernetes documentation, Running in multiple zones / Disruptions (PodDisruptionBudget)',
    'Polaris deploymentMissingReplicas',
    'kube-linter minimum-three-replicas',
    'kube-score deployment-replicas',
  ],
  messages: {
    singleReplica: '{workload} runs a single replica (replicas: {replicas})',
    replicasUnset: '{workload} does not set replicas, so it runs a single replica',
    autoscalerMinimumOne: '{workload} is scaled by {autoscaler} down to {minReplicas} replica(s)',
  },
  peers: [{ tool: 'polaris', rule: 'deploymentMissingReplicas', messages: ['singleReplica', 'replicasUnset'] }],
  claims: [
    {
      about: 'more than one replica',
      names: [
        'single replica*',
        'single-replica',
        'SPOF*',
        'single point* of failure',
        'one replica',
        'replicas: 1',
        'multiple replicas',
        'more than one replica',
        '2 replicas',
        'two replicas',
        ['replica*', 'at least'],
        ['replica*', 'redundan*'],
        ['replica*', 'high availability'],
        ['replica*', 'HA'],
      ],
      messages: ['singleReplica', 'replicasUnset', 'autoscalerMinimumOne'],
    },
    { about: 'autoscaler keeps two replicas', names: [['HPA', 'minReplicas'], ['autoscal*', 'min* replica*']], messages: ['autoscalerMinimumOne'] },
  ],
  evaluate(workload, ctx) {
    const object = workload.object;
    const data = { workload: `${workload.kind}/${workload.name}` };
    const autoscaler = ctx.shared(autoscalerIndex).forWorkload(workload.kind, workload.name, object);
    if (autoscaler) {
      if (autoscaler.minReplicas === 1)
        ctx.fail(autoscaler.minReplicasAt, 'autoscalerMinimumOne', { ...data, autoscaler: `${autoscaler.object.kind}/${autoscaler.object.name}`, minReplicas: autoscaler.minReplicas });
      return;
    }
    const written = asRecord(object.data.spec)?.replicas;
    if (written === undefined || written === null) return ctx.fail(object.at('spec.replicas'), 'replicasUnset', data);
    const replicas = asNumber(written);
    // 0 is scaled down on purpose; a templated or string value is not ours to read.
    if (replicas === 1) ctx.fail(object.at('spec.replicas'), 'singleReplica', { ...data, replicas });
    else if (replicas === undefined) ctx.notApplicable();
  },
});
