import { z } from 'zod';
import { asRecord, asString, type YamlRecord } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** A quantity counts as set when it is a non-empty string or a number; the API rejects anything else. */
function quantity(section: YamlRecord | undefined, resource: 'cpu' | 'memory'): string | undefined {
  const value = asString(section?.[resource]);
  return value === undefined || value.trim() === '' ? undefined : value;
}

/*
 * A missing CPU limit is not a failure by default: a CPU limit throttles a container
 * even on an idle node (CFS quota), and many teams deliberately set requests only.
 * A memory limit is different: without one a leak takes the node's memory, and the
 * kernel OOM killer picks victims among other pods. `requireCpuLimit` restores the
 * stricter kube-score / Polaris cpuLimitsMissing behaviour.
 */
export const resources = defineCheck({
  id: 'k8s/resources',
  title: 'Containers request CPU and memory and limit memory',
  severity: 'medium',
  target: 'k8s-container',
  why:
    'Without requests the scheduler places the pod as if it needed nothing: nodes get overcommitted and the pod is ' +
    'the first evicted under pressure (BestEffort). Without a memory limit one leaking or attacked container (a ' +
    'decompression bomb, an unbounded cache) eats the node\'s memory until the kernel OOM killer takes down other ' +
    'pods, the kubelet or, on small clusters, the control plane next to them.',
  fix: [
    'Set requests from observed usage and a memory limit on every container, init containers included:',
    '',
    '    resources:',
    '      requests:',
    '        cpu: 100m',
    '        memory: 256Mi',
    '      limits:',
    '        memory: 256Mi   # equal to the request: predictable, never OOM-killed for a neighbour',
    '',
    'A CPU limit is optional (it throttles even on an idle node); require it with the option requireCpuLimit: true.',
  ].join('\n'),
  refs: [
    'CIS Kubernetes Benchmark 5.7 (general policies: resource limits), NSA/CISA Kubernetes Hardening Guide: resource policies',
    'Kubernetes documentation, Resource Management for Pods and Containers',
    'Polaris cpuRequestsMissing, memoryRequestsMissing, memoryLimitsMissing, cpuLimitsMissing',
    'kube-score container-resources',
    'kube-linter unset-cpu-requirements, unset-memory-requirements',
    'Checkov CKV_K8S_10, CKV_K8S_11, CKV_K8S_12, CKV_K8S_13',
  ],
  messages: {
    notSet: 'container "{container}" sets no resource requests or limits',
    cpuRequestMissing: 'container "{container}" does not request CPU (resources.requests.cpu)',
    memoryRequestMissing: 'container "{container}" does not request memory (resources.requests.memory)',
    memoryLimitMissing: 'container "{container}" has no memory limit (resources.limits.memory)',
    cpuLimitMissing: 'container "{container}" has no CPU limit (resources.limits.cpu)',
  },
  claims: [
    {
      about: 'resource requests and a memory limit',
      names: ['resource limits', 'requests and limits', 'requests/limits', 'resources.limits', ['resource*', 'unbounded', 'container*']],
      messages: ['notSet', 'cpuRequestMissing', 'memoryRequestMissing', 'memoryLimitMissing'],
    },
    {
      about: 'resource requests',
      names: ['resource requests', 'CPU request*', 'memory request*', 'BestEffort'],
      messages: ['notSet', 'cpuRequestMissing', 'memoryRequestMissing'],
    },
    {
      about: 'memory limit',
      names: ['memory limit*', 'limits.memory', ['memory usage', 'limit*'], ['memory', 'limited', 'container*'], ['OOM', 'container*']],
      messages: ['notSet', 'memoryLimitMissing'],
    },
    { about: 'CPU limit', names: ['CPU limit*', 'limits.cpu'], messages: ['cpuLimitMissing'] },
  ],
  options: z
    .object({
      /** Also fail when a container has no CPU limit. */
      requireCpuLimit: z.boolean().default(false),
    })
    .strict(),
  peers: [
    { tool: 'polaris', rule: 'cpuRequestsMissing', messages: ['notSet', 'cpuRequestMissing'] },
    { tool: 'polaris', rule: 'memoryRequestsMissing', messages: ['notSet', 'memoryRequestMissing'] },
    { tool: 'polaris', rule: 'memoryLimitsMissing', messages: ['notSet', 'memoryLimitMissing'] },
  ],
  evaluate(container, ctx, options) {
    // Ephemeral (debug) containers may not set resources at all.
    if (container.role === 'ephemeralContainer') return ctx.notApplicable();
    const spec = asRecord(container.spec.resources);
    const requests = asRecord(spec?.requests);
    const limits = asRecord(spec?.limits);
    const data = { container: container.name };
    const cpuLimit = quantity(limits, 'cpu');
    const memoryLimit = quantity(limits, 'memory');
    // A request left out defaults to the limit when one is set.
    const cpuRequest = quantity(requests, 'cpu') ?? cpuLimit;
    const memoryRequest = quantity(requests, 'memory') ?? memoryLimit;
    if (!cpuRequest && !memoryRequest && !memoryLimit && !cpuLimit) return ctx.fail(container.at('resources'), 'notSet', data);
    if (!cpuRequest) ctx.fail(container.at('resources.requests.cpu'), 'cpuRequestMissing', data);
    if (!memoryRequest) ctx.fail(container.at('resources.requests.memory'), 'memoryRequestMissing', data);
    if (!memoryLimit) ctx.fail(container.at('resources.limits.memory'), 'memoryLimitMissing', data);
    if (!cpuLimit && options.requireCpuLimit) ctx.fail(container.at('resources.limits.cpu'), 'cpuLimitMissing', data);
  },
});
