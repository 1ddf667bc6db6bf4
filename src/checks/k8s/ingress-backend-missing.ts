import { podTemplateIndex } from '../../targets/k8s/pod-templates.js';
import { scopeIndex } from '../../targets/k8s/scopes.js';
import { UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { serviceIndex, type K8sService } from '../../targets/k8s/services.js';
import { asArray, asNumber, asRecord, asString, type YamlRecord } from '../../targets/yaml/read.js';
import type { YamlPath } from '../../targets/yaml/source.js';
import { defineCheck } from '../define.js';

/*
 * Backends of Ingress rules (and defaultBackend) and of Traefik IngressRoute routes (services of
 * kind Service, the default) must be Services of the repository, and the port they name must be
 * one of that Service's ports (by name or number), deployed with the Ingress (see ScopeIndex). An
 * Ingress deployed with no Service and no workload routes to an application deployed elsewhere
 * and is skipped; one deployed with workloads but no Service at all is checked.
 */
export const ingressBackendMissing = defineCheck({
  id: 'k8s/ingress-backend-missing',
  title: 'Ingress backends are Services (and ports) the repository defines',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['Ingress', 'traefik.io/IngressRoute', 'traefik.containo.us/IngressRoute'],
  why:
    'An Ingress or IngressRoute that points at a Service name or port that does not exist routes nothing: the ' +
    'controller answers 503 or 404 for the host, and health checks that only look at the pods stay green. It ' +
    'usually comes from renaming a Service or its port in one file only.',
  fix: [
    'Name an existing Service and one of its ports (prefer the port name):',
    '',
    '    backend:',
    '      service:',
    '        name: api',
    '        port:',
    '          name: http   # spec.ports[].name of Service api',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: ['kube-linter dangling-ingress', 'kube-score ingress-targets-service', 'Kubernetes documentation: Ingress (backends)'],
  peers: [{ tool: 'kube-score', rule: 'ingress-targets-service' }],
  messages: {
    noService: '{kind} "{name}" routes to Service "{service}", which no manifest defines',
    noPort: '{kind} "{name}" routes to port {port} of Service "{service}", which has no such port',
  },
  claims: [
    {
      about: 'ingress backends exist',
      names: [
        ['ingress*', 'backend*', 'missing'],
        ['ingress*', 'backend*', 'not exist*'],
        ['ingress*', 'backend service*'],
        ['ingress*', 'dangling'],
        ['ingress*', 'wrong service'],
        ['ingress*', 'service port', 'mismatch'],
      ],
    },
  ],
  evaluate(object, ctx) {
    const isIngress = object.kind === 'Ingress';
    const index = ctx.shared(serviceIndex);
    // Deployed alone (no Service, no pod beside it), it routes to an application deployed elsewhere.
    const scopes = ctx.shared(scopeIndex);
    if (!index.anyInUnitOf(object) && !ctx.shared(podTemplateIndex).all.some((template) => scopes.sameUnit(template.workload.object, object))) return ctx.notApplicable();
    const check = (service: string | undefined, port: string | number | undefined, path: YamlPath, portPath: YamlPath, namePath: YamlPath = [...path, 'name']) => {
      if (!service) return;
      const found = index.find(service, object);
      const data = { kind: object.kind, name: object.name, service };
      if (found.length === 0) {
        // A Service of that name in another namespace or copy: an Ingress reaches the Services of its own namespace only.
        const related = index.named(service).map((other) => ({ at: other.object.at('metadata.name'), message: `Service "${service}" is defined here, in namespace ${other.object.namespace ?? '(unset)'}` }));
        return ctx.fail(object.at(namePath), 'noService', data, { related });
      }
      if (port !== undefined && !found.some((candidate) => hasPort(candidate, port))) {
        const related = found.map((candidate) => ({ at: candidate.object.at('spec.ports'), message: `Service "${service}" declares ${portsOf(candidate)}` }));
        ctx.fail(object.at(portPath), 'noPort', { ...data, port: typeof port === 'string' ? `"${port}"` : port }, { related });
      }
    };
    const spec = asRecord(object.data.spec) ?? {};
    if (isIngress) {
      const backend = (record: YamlRecord | undefined, path: YamlPath) => {
        // extensions/v1beta1 and networking.k8s.io/v1beta1: serviceName / servicePort
        const legacyName = asString(record?.serviceName);
        if (legacyName) {
          const port = record!.servicePort;
          return check(legacyName, typeof port === 'number' || typeof port === 'string' ? port : undefined, path, [...path, 'servicePort'], [...path, 'serviceName']);
        }
        const service = asRecord(record?.service);
        if (!service) return;
        const port = asRecord(service.port);
        const name = asString(port?.name);
        const number = asNumber(port?.number);
        check(asString(service.name), name ?? number, [...path, 'service'], [...path, 'service', 'port', name !== undefined ? 'name' : 'number']);
      };
      backend(asRecord(spec.defaultBackend), ['spec', 'defaultBackend']);
      backend(asRecord(spec.backend), ['spec', 'backend']);
      asArray(spec.rules).forEach((rule, r) =>
        asArray(asRecord(asRecord(rule)?.http)?.paths).forEach((path, p) => backend(asRecord(asRecord(path)?.backend), ['spec', 'rules', r, 'http', 'paths', p, 'backend'])),
      );
    } else {
      asArray(spec.routes).forEach((route, r) =>
        asArray(asRecord(route)?.services).forEach((item, s) => {
          const service = asRecord(item);
          if (!service || (asString(service.kind) ?? 'Service') !== 'Service') return;
          const port = service.port;
          const path = ['spec', 'routes', r, 'services', s];
          check(asString(service.name), typeof port === 'number' || typeof port === 'string' ? port : undefined, path, [...path, 'port']);
        }),
      );
    }
  },
});

function portsOf(service: K8sService): string {
  if (service.ports.length === 0) return 'no ports';
  return `ports ${service.ports.map((port) => (port.name ? `${port.port ?? '?'} (${port.name})` : String(port.port ?? '?'))).join(', ')}`;
}

function hasPort(service: K8sService, port: string | number): boolean {
  return service.ports.some((candidate) => (typeof port === 'number' ? candidate.port === port : candidate.name === port || String(candidate.port) === port));
}
