import type { K8sObject } from '../../targets/k8s/objects.js';
import { templatesOfBudget } from '../../targets/k8s/pdbs.js';
import { podTemplateIndex, type PodTemplate } from '../../targets/k8s/pod-templates.js';
import { UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { asNumber, asRecord } from '../../targets/yaml/read.js';
import { defineCheck, type RelatedLocation } from '../define.js';

/*
 * The pods a budget guards are those of the workloads its selector matches where it is deployed
 * (targets/k8s/scopes.ts); their count is the sum of replicas, or of the
 * HorizontalPodAutoscaler minReplicas where one scales the workload. Workloads of unknown size
 * (DaemonSet, Job, templated replicas) make the count unknown and only the absolute rules apply.
 * With an autoscaler, minAvailable above its minimum is reported apart from minAvailable equal
 * to it (blocking only while scaled in), as Polaris does.
 */
export const pdbBlocksDrain = defineCheck({
  id: 'k8s/pdb-blocks-drain',
  title: 'PodDisruptionBudgets allow at least one voluntary eviction',
  severity: 'low',
  target: 'k8s-object',
  kinds: ['PodDisruptionBudget'],
  why:
    'kubectl drain, node upgrades and the cluster autoscaler evict pods through the eviction API, which refuses any ' +
    'eviction that would break a PodDisruptionBudget. A budget with maxUnavailable: 0, minAvailable: 100%, or ' +
    'minAvailable equal to the replica count never allows one: drains hang until someone deletes the budget by ' +
    'hand, so security patches and Kubernetes upgrades of the nodes are postponed or done by force.',
  fix: [
    'Allow one pod at a time to go, whatever the replica count:',
    '',
    '    spec:',
    '      maxUnavailable: 1',
    '      selector:',
    '        matchLabels: { app.kubernetes.io/name: web }',
    '',
    'or keep minAvailable strictly below the replicas (and below the autoscaler minReplicas).',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: [
    'Kubernetes documentation: Specifying a Disruption Budget for your Application',
    'Polaris pdbDisruptionsIsZero, pdbMinAvailableGreaterThanHPAMinReplicas',
    'kube-linter pdb-max-unavailable, pdb-min-available',
  ],
  peers: [
    { tool: 'polaris', rule: 'pdbDisruptionsIsZero', messages: ['maxUnavailableZero', 'minAvailableAll'] },
    { tool: 'polaris', rule: 'pdbMinAvailableGreaterThanHPAMinReplicas', messages: ['minAvailableAll', 'minAvailableAboveAutoscaler'] },
  ],
  messages: {
    maxUnavailableZero: 'PodDisruptionBudget "{budget}" sets maxUnavailable: {value}: no pod may ever be evicted',
    minAvailableAll: 'PodDisruptionBudget "{budget}" sets minAvailable: {value}: no pod may ever be evicted',
    minAvailableReplicas: 'PodDisruptionBudget "{budget}" requires {required} available pods of {pods}: no pod may ever be evicted',
    minAvailableAboveAutoscaler: 'PodDisruptionBudget "{budget}" requires {required} available pods, more than the {pods} of {workloads} at their autoscaler minimum',
    minAvailableAtAutoscaler: 'PodDisruptionBudget "{budget}" requires {required} available pods, all {pods} of {workloads} at their autoscaler minimum: drains hang while it is scaled in',
  },
  claims: [
    {
      about: 'budgets allow node drains',
      names: [
        ['PDB*', 'drain*'],
        ['PodDisruptionBudget*', 'drain*'],
        ['disruption budget*', 'drain*'],
        ['PDB*', 'maxUnavailable'],
        ['PDB*', 'minAvailable'],
        ['drain*', 'hang*'],
        ['node drain*', 'block*'],
        ['eviction*', 'block*'],
      ],
    },
  ],
  evaluate(object, ctx) {
    const spec = asRecord(object.data.spec) ?? {};
    const budget = object.name;
    const maxUnavailable = quantity(spec.maxUnavailable);
    if (maxUnavailable?.value === 0) return ctx.fail(object.at('spec.maxUnavailable'), 'maxUnavailableZero', { budget, value: maxUnavailable.written });
    const minAvailable = quantity(spec.minAvailable);
    if (!minAvailable) return;
    const at = object.at('spec.minAvailable');
    if (minAvailable.percent && minAvailable.value >= 100) return ctx.fail(at, 'minAvailableAll', { budget, value: minAvailable.written });
    if (maxUnavailable) return; // both set: invalid, the API server rejects it; nothing more to say
    const templates = templatesOfBudget(object, ctx.shared(podTemplateIndex));
    if (templates.length === 0 || templates.some((template) => template.minReplicas === undefined)) return;
    const pods = templates.reduce((sum, template) => sum + template.minReplicas!, 0);
    // A percentage is rounded up to whole pods, as the disruption controller does.
    const required = minAvailable.percent ? Math.ceil((minAvailable.value * pods) / 100) : minAvailable.value;
    const data = {
      budget,
      required: minAvailable.percent ? `${minAvailable.written} (${required})` : required,
      pods,
      workloads: templates.map((template) => `${template.workload.kind}/${template.workload.name}`).join(', '),
    };
    if (pods === 0) return; // scaled to zero: nothing to evict
    const details = { related: templates.map(wherePodsAreCounted) };
    // An autoscaler that leaves its minimum to the default is reported like plain replicas.
    if (templates.some((template) => template.autoscaler && explicitMinimum(template.autoscaler.object))) {
      if (required > pods) ctx.fail(at, 'minAvailableAboveAutoscaler', data, details);
      else if (required === pods) ctx.fail(at, 'minAvailableAtAutoscaler', data, details);
    } else if (required >= pods) {
      ctx.fail(at, 'minAvailableReplicas', { ...data, pods: `${pods} (${data.workloads})` }, details);
    }
  },
});

/** Where a selected workload's pod count is set: its autoscaler's minimum, or its replicas. */
function wherePodsAreCounted({ workload, autoscaler, minReplicas }: PodTemplate): RelatedLocation {
  const pods = `${minReplicas} pod${minReplicas === 1 ? '' : 's'}`;
  if (autoscaler) return { at: autoscaler.minReplicasAt, message: `${autoscaler.object.kind} "${autoscaler.object.name}" keeps ${workload.kind}/${workload.name} at ${pods} at least` };
  return { at: workload.kind === 'Pod' ? workload.location : workload.object.at('spec.replicas'), message: `${workload.kind}/${workload.name} runs ${pods}` };
}

function explicitMinimum(autoscaler: K8sObject): boolean {
  const spec = asRecord(autoscaler.data.spec);
  return asNumber(spec?.minReplicas) !== undefined || asNumber(spec?.minReplicaCount) !== undefined;
}

/** An IntOrString budget field: a whole number or "N%". */
function quantity(value: unknown): { value: number; percent: boolean; written: string } | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return { value, percent: false, written: String(value) };
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+)\s*(%?)\s*$/.exec(value);
  if (!match) return undefined;
  return { value: Number(match[1]), percent: match[2] === '%', written: value };
}
