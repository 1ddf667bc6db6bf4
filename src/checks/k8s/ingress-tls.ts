import { HTTPS_REDIRECT_NAMES } from '../../targets/http/claims.js';
import { annotationsOf, entryPointsOf, matchRule, ROUTER_TLS } from '../../targets/k8s/traefik.js';
import { asArray, asRecord, asString, recordsOf } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** Traefik entry point names that conventionally carry plain HTTP or TLS (k3s, the Helm chart, the docs). */
const PLAIN_ENTRYPOINTS = new Set(['web', 'http']);
const TLS_ENTRYPOINTS = new Set(['websecure', 'https']);

/**
 * Annotations with which a cloud load balancer terminates TLS for the Ingress with a certificate it
 * manages (hosts come from the certificate, not spec.tls): GKE ManagedCertificate and pre-shared
 * certificates, the AWS Load Balancer Controller (a certificate ARN, or an HTTPS listener whose
 * certificate it discovers by host), Azure Application Gateway.
 */
const CLOUD_MANAGED_TLS: [string, RegExp][] = [
  ['networking.gke.io/managed-certificates', /\S/],
  ['ingress.gcp.kubernetes.io/pre-shared-cert', /\S/],
  ['alb.ingress.kubernetes.io/certificate-arn', /^arn:/],
  ['alb.ingress.kubernetes.io/listen-ports', /"HTTPS"/i],
  ['appgw.ingress.kubernetes.io/appgw-ssl-certificate', /\S/],
];

export const ingressTls = defineCheck({
  id: 'k8s/ingress-tls',
  title: 'Ingresses terminate TLS for every host and are not routed on plain HTTP',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['Ingress', 'traefik.io/IngressRoute', 'traefik.containo.us/IngressRoute'],
  why:
    'An Ingress without a tls section (or a host missing from it) is served over plain HTTP, or over HTTPS with the ' +
    "controller's self-signed default certificate: session cookies, credentials and API tokens cross the network in " +
    'clear or to anyone who can intercept the connection. A Traefik router that also listens on the plain-HTTP entry ' +
    'point answers on port 80 instead of only redirecting, even when a CDN in front is meant to speak HTTPS to it.',
  fix: [
    'List every host under spec.tls with its certificate Secret:',
    '',
    '    spec:',
    '      tls:',
    '        - hosts: [admin.example.com]',
    '          secretName: admin-example-com-tls',
    '',
    'For Traefik, route only on the TLS entry point (`traefik.ingress.kubernetes.io/router.entrypoints: websecure`, or',
    'spec.entryPoints: [websecure] and spec.tls on an IngressRoute) and redirect web to websecure at the entry point.',
  ].join('\n'),
  refs: [
    'NSA/CISA Kubernetes Hardening Guide: encrypt traffic in transit',
    'OWASP ASVS V9.1 (communications security: TLS for all client connectivity)',
    'Polaris tlsSettingsMissing',
    'Traefik documentation: Kubernetes Ingress annotations (router.entrypoints, router.tls), IngressRoute tls',
  ],
  peers: [{ tool: 'polaris', rule: 'tlsSettingsMissing', messages: ['noTls'] }],
  messages: {
    noTls: '{kind} "{name}" has no TLS configuration: {host} is served over plain HTTP',
    hostNotCovered: 'host {host} of Ingress "{name}" is not listed in any spec.tls hosts',
    plainHttpEntrypoint: '{kind} "{name}" is also routed on the plain-HTTP entry point "{entrypoint}"',
  },
  claims: [
    {
      about: 'TLS on every ingress host',
      names: [
        ['ingress*', 'TLS'],
        ['ingress*', 'HTTPS'],
        ['ingress*', 'certificate*'],
        'Full (strict)',
        ['origin', 'TLS'],
        ['origin', 'HTTPS'],
        ['origin', 'encrypt*'],
        ['TLS termination', 'ingress*'],
      ],
      messages: ['noTls', 'hostNotCovered'],
    },
    {
      about: 'no router answers on plain http', risk: true,
      names: [
        ...HTTPS_REDIRECT_NAMES,
        ['entrypoint*', 'plain HTTP'],
        ['entryPoint*', 'web', 'websecure'],
        ['port 80', 'ingress*'],
        ['plain HTTP', 'ingress*'],
        ['plain HTTP', 'router*'],
      ],
      messages: ['plainHttpEntrypoint'],
    },
  ],
  evaluate(object, ctx) {
    const isIngress = object.kind === 'Ingress';
    const spec = asRecord(object.data.spec) ?? {};
    const entryPoints = entryPointsOf(object);
    const tlsByEntryPoint = entryPoints !== undefined && entryPoints.names.length > 0 && entryPoints.names.every((name) => TLS_ENTRYPOINTS.has(name));
    const data = { kind: object.kind, name: object.name };

    let hasTls: boolean;
    if (isIngress) {
      const tls = recordsOf(spec.tls);
      const annotations = annotationsOf(object);
      const annotatedTls = asString(annotations[ROUTER_TLS])?.toLowerCase() === 'true';
      const cloudTls = CLOUD_MANAGED_TLS.some(([key, value]) => value.test(asString(annotations[key]) ?? ''));
      if (cloudTls && tls.length === 0) return;
      hasTls = tls.length > 0 || annotatedTls || tlsByEntryPoint;
      const rules = asArray(spec.rules);
      if (!hasTls) {
        const host = asString(asRecord(rules[0])?.host);
        ctx.fail(object.at(host ? ['spec', 'rules', 0, 'host'] : rules.length > 0 ? ['spec', 'rules', 0] : ['spec']), 'noTls', { ...data, host: host ?? 'every host' });
        return;
      }
      const tlsHosts = tls.map((entry) => asArray(entry.hosts).flatMap((host) => asString(host) ?? []));
      // A tls entry without hosts covers every host (the controller's default certificate); so does TLS set by annotation or entry point.
      if (tls.length > 0 && tlsHosts.every((hosts) => hosts.length > 0)) {
        const covered = tlsHosts.flat();
        rules.forEach((rule, i) => {
          const host = asString(asRecord(rule)?.host);
          if (host && !covered.some((pattern) => hostMatches(pattern, host))) ctx.fail(object.at(['spec', 'rules', i, 'host']), 'hostNotCovered', { ...data, host });
        });
      }
    } else {
      hasTls = asRecord(spec.tls) !== undefined || tlsByEntryPoint;
      if (!hasTls) {
        const host = matchRule(asString(asRecord(asArray(spec.routes)[0])?.match) ?? '').hosts[0];
        ctx.fail(object.at(asArray(spec.routes).length > 0 ? ['spec', 'routes', 0, 'match'] : ['spec']), 'noTls', { ...data, host: host ?? 'every host' });
        return;
      }
    }
    const plain = entryPoints?.names.find((name) => PLAIN_ENTRYPOINTS.has(name));
    if (plain && entryPoints) ctx.fail(entryPoints.at, 'plainHttpEntrypoint', { ...data, entrypoint: plain });
  },
});

/** A tls host (possibly `*.example.com`, one label deep) covers `host`. */
function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h) return true;
  if (!p.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot) === p.slice(1);
}
