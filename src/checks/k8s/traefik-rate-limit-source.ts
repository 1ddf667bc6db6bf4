import { asRecord } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

export const traefikRateLimitSource = defineCheck({
  id: 'k8s/traefik-rate-limit-source',
  title: 'Traefik rate limits say which client address they count',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['traefik.io/Middleware', 'traefik.containo.us/Middleware'],
  why:
    'Without sourceCriterion, a Traefik rateLimit or inFlightReq middleware counts requests per TCP peer address. ' +
    'Behind a CDN (Cloudflare), a cloud load balancer or a Service with externalTrafficPolicy: Cluster, that ' +
    'address is the proxy or a node, shared by thousands of clients: the limit either throttles everyone at once ' +
    'or, spread over the edge addresses, never stops a single attacker brute-forcing logins or password resets.',
  fix: [
    'Count the real client: take the header your edge sets, and only accept traffic from that edge (an',
    'ipAllowList of its ranges first on the router), or strip the proxies with ipStrategy.depth:',
    '',
    '    spec:',
    '      rateLimit:',
    '        average: 100',
    '        burst: 200',
    '        sourceCriterion:',
    '          requestHeaderName: CF-Connecting-IP   # or ipStrategy: { depth: 1 } behind one proxy',
    '',
    'If Traefik really sees client addresses (no proxy, externalTrafficPolicy: Local), say so explicitly with',
    'sourceCriterion: { ipStrategy: { depth: 0 } } or waive the finding with that reason.',
  ].join('\n'),
  refs: [
    'Traefik documentation: RateLimit and InFlightReq middlewares, sourceCriterion and ipStrategy',
    'OWASP API Security Top 10 API4:2023 (unrestricted resource consumption)',
    'OWASP Authentication Cheat Sheet: account lockout and throttling by client',
  ],
  messages: {
    noSourceCriterion: 'Middleware "{middleware}" {type} has no sourceCriterion: it counts per connecting address, which behind a proxy is the proxy',
  },
  claims: [
    {
      about: 'rate limits count the real client address',
      names: [
        'sourceCriterion',
        'ipStrategy',
        'inFlightReq',
        ['rate limit*', 'client IP'],
        ['rate limit*', 'real IP'],
        ['rate limit*', 'X-Forwarded-For'],
        ['rate limit*', 'CF-Connecting-IP'],
        ['rate limit*', 'behind', 'proxy'],
        ['rate limit*', 'behind', 'CDN'],
        ['rate limit*', 'Cloudflare'],
        ['rateLimit', 'middleware', 'Traefik'],
      ],
    },
  ],
  evaluate(object, ctx) {
    const spec = asRecord(object.data.spec) ?? {};
    let applicable = false;
    for (const type of ['rateLimit', 'inFlightReq'] as const) {
      const config = asRecord(spec[type]);
      if (!config) continue;
      applicable = true;
      if (!asRecord(config.sourceCriterion)) ctx.fail(object.at(['spec', type]), 'noSourceCriterion', { middleware: object.name, type });
    }
    if (!applicable) ctx.notApplicable();
  },
});
