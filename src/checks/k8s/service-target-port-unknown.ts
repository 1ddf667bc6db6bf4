import { podTemplateIndex } from '../../targets/k8s/pod-templates.js';
import { parseMapSelector, UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { serviceOf } from '../../targets/k8s/services.js';
import type { K8sContainer } from '../../targets/k8s/workloads.js';
import { asString, recordsOf } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/*
 * Only named targetPorts are checked: a number may be a port the container listens on without
 * declaring it. The name must be a `ports[].name` of a container in some pod template the Service
 * selects (a Service that selects nothing is k8s/service-selects-nothing's business).
 */
export const serviceTargetPortUnknown = defineCheck({
  id: 'k8s/service-target-port-unknown',
  title: 'Named Service targetPorts exist on the pods the Service selects',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['Service'],
  why:
    'A Service whose targetPort names a port the selected containers do not declare gets endpoints without that ' +
    'port: the pods are Ready, the Service exists, and every connection is refused. It happens when a container ' +
    'port is renamed (http to web) in the Deployment but not in the Service.',
  fix: [
    'Use the name declared in the container (or rename the container port):',
    '',
    '    # Deployment container',
    '    ports:',
    '      - name: http',
    '        containerPort: 8000',
    '    # Service',
    '    ports:',
    '      - port: 80',
    '        targetPort: http',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: ['Kubernetes documentation: Service (port definitions, named targetPort)'],
  messages: {
    unknownName: 'Service "{service}" sends port {port} to targetPort "{target}", which no container of {workloads} declares',
  },
  claims: [{ about: 'named targetPorts exist', names: ['targetPort', ['target port', 'Service*'], ['named port', 'Service*'], ['port name', 'mismatch']] }],
  evaluate(object, ctx) {
    const service = serviceOf(object);
    if (!service || !service.selector || !service.ports.some((port) => typeof port.targetPort === 'string' && !/^\d+$/.test(port.targetPort))) return ctx.notApplicable();
    const templates = ctx.shared(podTemplateIndex).selectedBy(parseMapSelector(service.selector), object);
    if (templates.length === 0) return ctx.notApplicable();
    const containers = templates.flatMap((template) => template.workload.containers);
    const names = new Set(containers.flatMap(portNames));
    const related = containers.map((container) => {
      const named = portNames(container);
      return { at: container.at('ports'), message: `container "${container.name}" of ${container.workload.kind}/${container.workload.name} ${named.length > 0 ? `names its ports ${named.join(', ')}` : 'names no port'}` };
    });
    for (const port of service.ports) {
      if (typeof port.targetPort !== 'string' || /^\d+$/.test(port.targetPort) || names.has(port.targetPort)) continue;
      const data = { service: object.name, port: port.port ?? '?', target: port.targetPort, workloads: templates.map((template) => `${template.workload.kind}/${template.workload.name}`).join(', ') };
      ctx.fail(object.at(['spec', 'ports', port.index, 'targetPort']), 'unknownName', data, { related });
    }
  },
});

function portNames(container: K8sContainer): string[] {
  return recordsOf(container.spec.ports).flatMap((port) => asString(port.name) ?? []);
}
