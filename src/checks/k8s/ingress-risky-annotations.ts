import { HTTPS_REDIRECT_NAMES } from '../../targets/http/claims.js';
import { annotationsOf } from '../../targets/k8s/traefik.js';
import { asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

const NGINX = 'nginx.ingress.kubernetes.io/';
/** Annotations that paste raw NGINX configuration into the controller's nginx.conf. */
const SNIPPETS = ['configuration-snippet', 'server-snippet', 'auth-snippet', 'stream-snippet', 'modsecurity-snippet'];
const FALSE = /^(false|off|no|0)$/i;

export const ingressRiskyAnnotations = defineCheck({
  id: 'k8s/ingress-risky-annotations',
  title: 'Ingresses use no risky ingress-nginx annotations (snippets, disabled HTTPS redirect, unverified client certificates)',
  severity: 'high',
  target: 'k8s-object',
  kinds: ['Ingress'],
  why:
    'Snippet annotations paste raw NGINX configuration into the controller, which runs with a ServiceAccount that ' +
    'reads every Secret of the cluster: anyone allowed to create an Ingress can read the controller token and all ' +
    'Secrets (CVE-2021-25742), and ingress-nginx disables them by default since v1.9 (allow-snippet-annotations). ' +
    'ssl-redirect: "false" keeps serving the host over plain HTTP; auth-tls-verify-client off or optional_no_ca ' +
    'accepts any client certificate, so mutual TLS authenticates nobody.',
  fix: [
    'Remove *-snippet annotations: express the need with dedicated annotations (more-set-headers is in the',
    'headers-more module; use a ConfigMap add-headers or a custom template managed by the cluster admin), and keep',
    'allow-snippet-annotations: "false" in the controller ConfigMap. Let HTTPS redirects happen (delete',
    'nginx.ingress.kubernetes.io/ssl-redirect: "false"), and verify client certificates:',
    '',
    '    nginx.ingress.kubernetes.io/auth-tls-verify-client: "on"',
    '    nginx.ingress.kubernetes.io/auth-tls-secret: my-namespace/client-ca',
  ].join('\n'),
  refs: [
    'CVE-2021-25742 (ingress-nginx: custom snippets expose the controller ServiceAccount token and Secrets)',
    'ingress-nginx documentation: annotations (configuration-snippet, ssl-redirect, auth-tls-verify-client), allow-snippet-annotations',
    'Checkov CKV_K8S_152, CKV_K8S_153, CKV_K8S_154 (ingress-nginx snippet annotations)',
    'NSA/CISA Kubernetes Hardening Guide: encrypt traffic in transit',
  ],
  messages: {
    snippet: 'Ingress "{name}" sets {annotation}: raw NGINX configuration running in a controller that can read every Secret',
    sslRedirectOff: 'Ingress "{name}" sets {annotation}: "{value}": the host stays reachable over plain HTTP',
    clientCertNotVerified: 'Ingress "{name}" sets {annotation}: "{value}": client certificates are not verified',
  },
  claims: [
    {
      about: 'no snippet annotations', risk: true,
      names: ['configuration-snippet', 'server-snippet', 'snippet annotation*', 'allow-snippet-annotations', 'CVE-2021-25742', ['ingress-nginx', 'snippet*']],
      messages: ['snippet'],
    },
    { about: 'plain http redirects to https', names: HTTPS_REDIRECT_NAMES, messages: ['sslRedirectOff'] },
    {
      about: 'client certificates are verified',
      names: ['auth-tls-verify-client', 'optional_no_ca', ['mTLS', 'verif*'], ['mutual TLS', 'verif*'], ['client certificate*', 'verif*']],
      messages: ['clientCertNotVerified'],
    },
  ],
  evaluate(object, ctx) {
    const annotations = annotationsOf(object);
    for (const [key, raw] of Object.entries(annotations)) {
      if (!key.startsWith(NGINX)) continue;
      const name = key.slice(NGINX.length);
      const value = asString(raw) ?? (typeof raw === 'boolean' ? String(raw) : '');
      const at = object.at(['metadata', 'annotations', key]);
      const data = { name: object.name, annotation: key, value };
      if (SNIPPETS.includes(name)) ctx.fail(at, 'snippet', data);
      else if (name === 'ssl-redirect' && FALSE.test(value)) ctx.fail(at, 'sslRedirectOff', data);
      else if (name === 'auth-tls-verify-client' && /^(off|optional_no_ca)$/i.test(value)) ctx.fail(at, 'clientCertNotVerified', data);
    }
  },
});
