import { podTemplateIndex, type PodTemplate } from '../../targets/k8s/pod-templates.js';
import { parseMapSelector, UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { serviceOf } from '../../targets/k8s/services.js';
import { displayValue } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/*
 * Namespaces: a Service and a workload match when their namespaces are equal or either leaves
 * it unset (applied with `kubectl -n`). A namespace in which the repository defines no workload
 * at all is skipped: its pods come from elsewhere (a Helm chart, an operator).
 */
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
    const index = ctx.shared(podTemplateIndex);
    if (index.inNamespace(object.namespace).length === 0) return ctx.notApplicable();
    const selector = parseMapSelector(service.selector);
    if (index.selectedBy(selector, object.namespace).length > 0) return;
    const written = Object.entries(service.selector)
      .map(([key, value]) => `${key}=${displayValue(value)}`)
      .join(',');
    const firstKey = Object.keys(service.selector)[0]!;
    const nearest = nearestTemplate(service.selector, index.inNamespace(object.namespace));
    const related = nearest ? [{ at: nearest.workload.location, message: `${nearest.workload.kind} "${nearest.workload.name}" labels its pods ${[...nearest.labels].map(([key, value]) => `${key}=${value}`).join(', ')}` }] : [];
    ctx.fail(object.at(['spec', 'selector', firstKey]), 'noPods', { service: object.name, selector: written, namespace: object.namespace ?? '(unset)' }, { related });
  },
});

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
