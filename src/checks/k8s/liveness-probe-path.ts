import { asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** Path segments of health endpoints: /healthz, /api/health/, /actuator/health/liveness, /-/healthy, /livez, /ping, ... */
const HEALTH_SEGMENT = /health|^(livez|readyz|ready|readiness|live|liveness|alive|ping|status|heartbeat|hc|up|ok|_ah)$/i;

/*
 * "/" is left alone (a common, cheap liveness target). A liveness path with a health-looking segment
 * passes. Anything else is an application page: it depends on routing, base paths, auth and
 * rendering, so it fails for reasons that a restart does not fix.
 */
export const livenessProbePath = defineCheck({
  id: 'k8s/liveness-probe-path',
  title: 'Liveness probes request a health endpoint, not an application page',
  severity: 'medium',
  target: 'k8s-container',
  why:
    'The kubelet restarts a container whose liveness probe fails. A probe on an application page fails for reasons ' +
    'a restart never fixes: a base path or route that moved (404), a redirect to a login page, a slow server-side ' +
    'render, a dependency that is down. The result is a crash loop of healthy pods, typically during the incident ' +
    'that made the page slow. When the readiness probe succeeds on another path, the pod is serving while it is killed.',
  fix: [
    'Point liveness at a cheap endpoint that only says the process is alive (no database call), and keep the',
    'deeper check for readiness:',
    '',
    '    livenessProbe:',
    '      httpGet: { path: /healthz, port: http }',
    '    readinessProbe:',
    '      httpGet: { path: /readyz, port: http }',
  ].join('\n'),
  refs: [
    'Kubernetes documentation: Configure Liveness, Readiness and Startup Probes (when to use a liveness probe)',
    'Google Cloud blog, Kubernetes best practices: setting up health checks with readiness and liveness probes',
  ],
  messages: {
    applicationPage: 'container "{container}" livenessProbe requests {path}, an application page rather than a health endpoint',
    differsFromReadiness: 'container "{container}" livenessProbe requests {path} while readinessProbe requests {readiness}: a ready pod is restarted whenever {path} fails',
  },
  claims: [
    {
      about: 'liveness probes request a health endpoint',
      names: [
        ['liveness', 'path'],
        ['liveness', 'health endpoint*'],
        ['liveness', 'healthz'],
        ['liveness', '404'],
        ['liveness', 'crashloop*'],
        ['liveness', 'CrashLoopBackOff'],
        ['liveness', 'readiness', 'differ*'],
        ['probe*', 'crashloop*'],
      ],
    },
  ],
  evaluate(container, ctx) {
    const liveness = asRecord(asRecord(container.spec.livenessProbe)?.httpGet);
    const path = typeof liveness?.path === 'string' ? liveness.path : undefined;
    if (!liveness || !path) return ctx.notApplicable();
    const bare = path.split('?')[0]!;
    if (bare === '/' || bare === '' || bare.split('/').some((segment) => HEALTH_SEGMENT.test(segment))) return;
    const readiness = asRecord(asRecord(container.spec.readinessProbe)?.httpGet);
    const readinessPath = asString(readiness?.path) ?? (readiness ? '/' : undefined);
    const at = container.at('livenessProbe.httpGet.path');
    if (readinessPath !== undefined && readinessPath !== path && String(readiness?.port) === String(liveness.port))
      ctx.fail(at, 'differsFromReadiness', { container: container.name, path, readiness: readinessPath });
    else ctx.fail(at, 'applicationPage', { container: container.name, path });
  },
});
