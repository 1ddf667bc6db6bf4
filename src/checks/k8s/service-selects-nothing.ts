import { podTemplateIndex, type PodTemplate } from '../../targets/k8s/pod-templates.js';
import { parseMapSelector, UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { serviceOf } from '../../targets/k8s/services.js';
import { displayValue } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/*
 * A Service and a workload match when deployed together (targets/k8s/scopes.ts). Skipped, as their
 * pods come from elsewhere: a namespace in which the repository deploys no workload at all (a Helm
 * chart, an operator); a selector naming a well-known cluster add-on the repository does not deploy
 * (cluster DNS, exporters, ingress controllers); a selector key under a domain (`strimzi.io/cluster`,
 * `cnpg.io/cluster`) no pod template of the repository uses: an operator's pods. Labels the
 * controllers add to pods themselves (`statefulset.kubernetes.io/pod-name`, `pod-template-hash`)
 * are not looked for in templates.
 */

/** Labels the StatefulSet, ReplicaSet, DaemonSet and Job controllers put on the pods they create. */
const CONTROLLER_LABELS = new Set([
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'controller-revision-hash',
  'pod-template-hash',
  'pod-template-generation',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'controller-uid',
]);

/** Components clusters and managed platforms run themselves, selected by their usual label values. */
const CLUSTER_ADDONS =
  /^(kube-dns|coredns|kube-proxy|metrics-server|kube-state-metrics|(prometheus-)?node-exporter|(nvidia-|gpu-|gke-managed-)?dcgm-exporter|nvidia-device-plugin.*|ingress-nginx|traefik|cert-manager|cainjector|webhook|alertmanager|prometheus|grafana|cilium(-operator)?|calico-(node|kube-controllers)|konnectivity-agent|aws-load-balancer-controller|cluster-autoscaler|external-dns)$/;

/** Label key prefixes of Kubernetes itself (`app.kubernetes.io/name`, `k8s.io/...`): not an operator's. */
const KUBERNETES_DOMAIN = /(^|\.)(kubernetes\.io|k8s\.io)$/;
export const serviceSelectsNothing = defineCheck({
  id: 'k8s/service-selects-nothing',
  title: 'Service selectors match the labels of some pod template',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['Service'],
  why:
    'A Service routes to the pods whose labels match its selector. When no pod template carries those labels (a typo, ' +
    'a label renamed on the Deployment but not the Service), the Service has no endpoints: clients and the ingress ' +
    'get connection refused or 503, and readiness-based rollouts look healthy while nothing is served.',
  fix: [
    'Make the selector equal to labels of the pod template (spec.template.metadata.labels), not of the Deployment itself:',
    '',
    '    # Service',
    '    spec:',
    '      selector:',
    '        app.kubernetes.io/name: admin',
    '    # Deployment',
    '    spec:',
    '      template:',
    '        metadata:',
    '          labels:',
    '            app.kubernetes.io/name: admin',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: ['kube-score service-targets-pod', 'kube-linter dangling-service', 'Kubernetes documentation: Service, defining a Service (selector)'],
  peers: [
    { tool: 'kube-score', rule: 'service-targets-pod' },
    { tool: 'kube-linter', rule: 'dangling-service' },
  ],
  messages: {
    noPods: 'Service "{service}" selects {selector}, but no pod template in namespace {namespace} has those labels',
  },
  claims: [
    {
      about: 'Service selectors match pods',
      names: [
        ['Service*', 'selector*', 'mismatch'],
        ['Service*', 'selector*', 'match*', 'no pods'],
        ['Service*', 'no endpoints'],
        ['Service*', 'selects nothing'],
        ['selector*', 'label*', 'mismatch'],
      ],
    },
  ],
  evaluate(object, ctx) {
    const service = serviceOf(object);
    if (!service || !service.selector || service.type === 'ExternalName') return ctx.notApplicable();
    // A mapping where a label value belongs: an unrendered template (`cell: {{cell}}` reads as a map).
    if (Object.values(service.selector).some((value) => value !== null && typeof value === 'object')) return ctx.notApplicable();
    const index = ctx.shared(podTemplateIndex);
    if (index.inScopeOf(object).length === 0) return ctx.notApplicable();
    if (selectsOutsidePods(service.selector, index.all)) return ctx.notApplicable();
    const own = Object.fromEntries(Object.entries(service.selector).filter(([key]) => !CONTROLLER_LABELS.has(key)));
    if (Object.keys(own).length === 0) return ctx.notApplicable();
    const selector = parseMapSelector(own);
    if (index.selectedBy(selector, object).length > 0) return;
    const written = Object.entries(service.selector)
      .map(([key, value]) => `${key}=${displayValue(value)}`)
      .join(',');
    const firstKey = Object.keys(service.selector)[0]!;
    const nearest = nearestTemplate(service.selector, index.inScopeOf(object));
    const related = nearest ? [{ at: nearest.workload.location, message: `${nearest.workload.kind} "${nearest.workload.name}" labels its pods ${[...nearest.labels].map(([key, value]) => `${key}=${value}`).join(', ')}` }] : [];
    ctx.fail(object.at(['spec', 'selector', firstKey]), 'noPods', { service: object.name, selector: written, namespace: object.namespace ?? '(unset)' }, { related });
  },
});

/** The selector names pods of a cluster add-on or of an operator, none of which the repository's templates label. */
function selectsOutsidePods(selector: Record<string, unknown>, templates: readonly PodTemplate[]): boolean {
  const labelled = (test: (key: string, value: string) => boolean) => templates.some((template) => [...template.labels].some(([key, value]) => test(key, value)));
  return Object.entries(selector).some(([key, raw]) => {
    const value = String(raw);
    if (CLUSTER_ADDONS.test(value) && !labelled((k, v) => k === key && v === value)) return true;
    const slash = key.indexOf('/');
    if (slash < 0) return false;
    const domain = key.slice(0, slash);
    return !KUBERNETES_DOMAIN.test(domain) && !CONTROLLER_LABELS.has(key) && !labelled((k) => k.startsWith(`${domain}/`));
  });
}

/**
 * The pod template the selector was most likely meant for: the one whose labels agree with most
 * of its pairs (a pair counts half when one value contains the other: `admin-web` and `admin`),
 * when exactly one is closest.
 */
function nearestTemplate(selector: Record<string, unknown>, templates: readonly PodTemplate[]): PodTemplate | undefined {
  const score = (template: PodTemplate) =>
    Object.entries(selector).reduce((sum, [key, value]) => {
      const label = template.labels.get(key);
      const wanted = displayValue(value);
      if (label === undefined) return sum;
      return sum + (label === wanted ? 1 : label.includes(wanted) || wanted.includes(label) ? 0.5 : 0);
    }, 0);
  const scored = templates.map((template) => ({ template, score: score(template) })).filter((entry) => entry.score > 0);
  const best = Math.max(0, ...scored.map((entry) => entry.score));
  const closest = scored.filter((entry) => entry.score === best);
  return closest.length === 1 ? closest[0]!.template : undefined;
}
