import { asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** An item about the path a probe requests is k8s/liveness-probe-path's claim. */
const PROBE_PATH_NAMES = [['liveness', 'path'], ['probe*', '404'], ['probe*', 'crashloop*']];

/** Kinds whose pods run to completion: a probe has nothing to keep alive or route to. */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);

export const probes = defineCheck({
  id: 'k8s/probes',
  title: 'Long-running containers have liveness and readiness probes',
  severity: 'low',
  target: 'k8s-container',
  why:
    'Without a readiness probe a pod receives traffic as soon as its process starts, before it can answer, and keeps ' +
    'receiving it while it is overloaded or cut off from its database: users see errors on every rollout and every ' +
    'partial outage. Without a liveness probe a deadlocked or wedged process is never restarted, it just stops doing ' +
    'its work while the pod looks Running.',
  fix: [
    'Add both probes to each long-running container, against an endpoint that reflects the app\'s health:',
    '',
    '    readinessProbe:',
    '      httpGet: { path: /healthz/ready, port: http }',
    '      periodSeconds: 10',
    '    livenessProbe:',
    '      httpGet: { path: /healthz/live, port: http }',
    '      initialDelaySeconds: 15',
    '      periodSeconds: 20',
    '',
    'A worker without an HTTP port can use exec (a CLI health command) or tcpSocket; one that serves no traffic and',
    'has no Service can do without the readiness probe (waive it with that reason).',
  ].join('\n'),
  refs: [
    'Kubernetes documentation, Configure Liveness, Readiness and Startup Probes',
    'Polaris livenessProbeMissing, readinessProbeMissing',
    'kube-score pod-probes',
    'kube-linter no-liveness-probe, no-readiness-probe',
    'Checkov CKV_K8S_8, CKV_K8S_9',
  ],
  messages: {
    livenessMissing: 'container "{container}" of {workload} has no livenessProbe',
    readinessMissing: 'container "{container}" of {workload} has no readinessProbe',
  },
  peers: [
    { tool: 'polaris', rule: 'livenessProbeMissing', messages: ['livenessMissing'] },
    { tool: 'polaris', rule: 'readinessProbeMissing', messages: ['readinessMissing'] },
  ],
  claims: [
    {
      about: 'liveness and readiness probes',
      names: [['liveness', 'readiness'], 'health probe*', ['health check*', 'Kubernetes'], ['health check*', 'pod*'], ['health check*', 'Deployment*']],
      unless: PROBE_PATH_NAMES,
      messages: ['livenessMissing', 'readinessMissing'],
    },
    {
      about: 'liveness probes',
      names: ['livenessProbe', 'liveness probe*', 'liveness check*'],
      unless: PROBE_PATH_NAMES,
      messages: ['livenessMissing'],
    },
    { about: 'readiness probes', names: ['readinessProbe', 'readiness probe*', 'readiness check*'], messages: ['readinessMissing'] },
  ],
  evaluate(container, ctx) {
    const workload = container.workload;
    if (container.role !== 'container' || RUN_TO_COMPLETION.has(workload.kind)) return ctx.notApplicable();
    // A bare Pod that is never restarted is a one-off task, like a Job.
    const restartPolicy = asString(workload.podSpec.restartPolicy);
    if (workload.kind === 'Pod' && (restartPolicy === 'Never' || restartPolicy === 'OnFailure')) return ctx.notApplicable();
    const data = { container: container.name, workload: `${workload.kind}/${workload.name}` };
    if (!asRecord(container.spec.livenessProbe)) ctx.fail(container.at('livenessProbe'), 'livenessMissing', data);
    if (!asRecord(container.spec.readinessProbe)) ctx.fail(container.at('readinessProbe'), 'readinessMissing', data);
  },
});
