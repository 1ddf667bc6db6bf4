import { asNumber, asRecord, asString, recordsOf } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/*
 * A named port must be one of the container's `ports[].name`: the kubelet cannot resolve it
 * otherwise and the probe fails every time. A numeric port is compared with `containerPort` only
 * when the container declares ports at all (declaring them is optional, so a container without a
 * ports list may well listen there).
 */
export const probePortNotExposed = defineCheck({
  id: 'k8s/probe-port-not-exposed',
  title: 'Probes target a port the container declares',
  severity: 'medium',
  target: 'k8s-container',
  why:
    'A probe on a port name the container does not define can never succeed: a liveness probe restarts the ' +
    'container forever (CrashLoopBackOff), a readiness probe keeps it out of every Service, a startup probe does ' +
    'both. A numeric port missing from the declared ports is usually a port renumbered in one place only, with ' +
    'the same effect once the old port stops answering.',
  fix: [
    'Point the probe at a declared port, by name:',
    '',
    '    ports:',
    '      - name: http',
    '        containerPort: 8000',
    '    livenessProbe:',
    '      httpGet: { path: /healthz, port: http }',
  ].join('\n'),
  refs: ['kube-linter liveness-port, readiness-port, startup-port', 'Kubernetes documentation: Configure Liveness, Readiness and Startup Probes'],
  messages: {
    unknownPortName: 'container "{container}" {probe} uses port "{port}", which is not the name of any of its ports',
    portNotDeclared: 'container "{container}" {probe} uses port {port}, which is not among its containerPorts ({declared})',
  },
  claims: [
    {
      about: 'probes target a declared port',
      names: [
        ['probe*', 'port', 'not declared'],
        ['probe*', 'port name'],
        ['probe*', 'named port'],
        ['probe*', 'containerPort*'],
        ['probe*', 'wrong port'],
        ['probe*', 'port', 'mismatch'],
      ],
    },
  ],
  evaluate(container, ctx) {
    const declared = recordsOf(container.spec.ports);
    const names = new Set(declared.flatMap((port) => asString(port.name) ?? []));
    const numbers = new Set(declared.flatMap((port) => asNumber(port.containerPort) ?? []));
    for (const probe of PROBES) {
      const spec = asRecord(container.spec[probe]);
      if (!spec) continue;
      for (const handler of HANDLERS) {
        const port = asRecord(spec[handler])?.port;
        const at = container.at([probe, handler, 'port']);
        const data = { container: container.name, probe };
        if (typeof port === 'string' && !/^\d+$/.test(port)) {
          if (!names.has(port)) ctx.fail(at, 'unknownPortName', { ...data, port });
        } else if ((typeof port === 'number' || typeof port === 'string') && numbers.size > 0 && !numbers.has(Number(port))) {
          ctx.fail(at, 'portNotDeclared', { ...data, port: Number(port), declared: [...numbers].join(', ') });
        }
      }
    }
  },
});
