import { budgetIndex } from '../../targets/k8s/pdbs.js';
import { podTemplateIndex } from '../../targets/k8s/pod-templates.js';
import { UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { defineCheck } from '../define.js';

/*
 * Only workloads running two pods or more (spec.replicas, or the HorizontalPodAutoscaler minReplicas)
 * are in scope: a budget cannot keep a single pod available through a drain, it can only block it.
 * Polaris missingPodDisruptionBudget asks for a budget on every Deployment, single-replica included,
 * so it is not a peer. A budget and a workload match when deployed together (targets/k8s/scopes.ts).
 */
export const missingPdb = defineCheck({
  id: 'k8s/missing-pdb',
  title: 'Replicated workloads have a PodDisruptionBudget',
  severity: 'low',
  target: 'k8s-workload',
  // Workloads a drain evicts and a budget can protect (DaemonSet pods are skipped by drains; Jobs finish).
  kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
  why:
    'Without a PodDisruptionBudget, a node drain (k3s or kernel upgrade, cluster autoscaler scale-in) may evict ' +
    'every replica at once when they share a node, or several nodes are drained in a row: the service goes down ' +
    'although it runs several replicas precisely to survive maintenance.',
  fix: [
    'Add a budget that lets one replica go at a time:',
    '',
    '    apiVersion: policy/v1',
    '    kind: PodDisruptionBudget',
    '    metadata: { name: api, namespace: my-app }',
    '    spec:',
    '      maxUnavailable: 1',
    '      selector:',
    '        matchLabels: { app.kubernetes.io/name: api }',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: [
    'Kubernetes documentation: Specifying a Disruption Budget for your Application',
    'kube-score deployment-has-poddisruptionbudget, statefulset-has-poddisruptionbudget',
  ],
  messages: {
    noBudget: '{workload} runs {replicas} replicas but no PodDisruptionBudget selects its pods',
  },
  claims: [{ about: 'replicated workloads have a PodDisruptionBudget', names: ['PodDisruptionBudget*', 'PDB*', 'disruption budget*'], unless: [['block*', 'drain*']] }],
  evaluate(workload, ctx) {
    const template = ctx.shared(podTemplateIndex).of(workload);
    const replicas = template?.minReplicas;
    if (replicas === undefined || replicas < 2) return ctx.notApplicable();
    if (ctx.shared(budgetIndex).budgetsOf(workload).length > 0) return;
    const at = template?.autoscaler ? template.autoscaler.minReplicasAt : workload.object.at('spec.replicas');
    ctx.fail(at, 'noBudget', { workload: `${workload.kind}/${workload.name}`, replicas });
  },
});
