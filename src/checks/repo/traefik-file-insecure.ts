import { fileMiddlewareNames, traefikEntryPointsIndex, traefikFilesIndex, traefikSkipVerifies } from '../../targets/config/traefik-file.js';
import { asArray, asString } from '../../targets/yaml/read.js';
import { asBoolean, asRecord } from '../../targets/yaml/read.js';
import type { YamlPath } from '../../targets/yaml/source.js';
import { defineCheck } from '../define.js';

export const traefikFileInsecure = defineCheck({
  id: 'repo/traefik-file-insecure',
  title: 'Traefik configuration files keep the dashboard and backend TLS safe',
  severity: 'high',
  target: 'repo-file',
  why:
    '`api.insecure: true` in Traefik\'s static configuration serves the dashboard and API on the `traefik` entry ' +
    'point (:8080) with no router in front, so no authentication middleware can apply: anyone who reaches the port ' +
    'sees every router, service and backend address. `insecureSkipVerify: true` in a serversTransport (dynamic) or ' +
    'the static serversTransport makes Traefik accept any certificate from the backends, so whoever sits between ' +
    'Traefik and a backend (another container on a shared network, the LAN) can read and change the traffic. ' +
    'YAML and TOML files are read (`traefik.toml`, `rules/*.toml`); in Traefik v1 TOML the top-level ' +
    '`InsecureSkipVerify = true` and an `[api]` whose entry point (`traefik`, :8080) has no `auth` are reported the same way. ' +
    'An `insecureSkipVerify` anywhere else in a Traefik file (a provider\'s `tls`) is reported with what it stops verifying.',
  fix: [
    'Serve the dashboard through a router with authentication, and trust the backend\'s CA instead of skipping checks:',
    '',
    '    api:',
    '      dashboard: true            # no insecure: true',
    '    http:',
    '      routers:',
    '        dashboard: { rule: "Host(`traefik.example.com`)", service: api@internal, middlewares: [auth], tls: {} }',
    '      serversTransports:',
    '        pve:',
    '          serverName: pve.lan',
    '          rootCAs: [/certs/pve-ca.pem]',
  ].join('\n'),
  refs: [
    'Traefik documentation, API and dashboard: insecure mode',
    'Traefik documentation, ServersTransport insecureSkipVerify and rootCAs',
    'CWE-295: Improper certificate validation',
  ],
  messages: {
    apiInsecure: 'api.insecure: true serves the Traefik dashboard and API on :8080 without any authentication',
    apiV1: '[api] (Traefik v1) serves the dashboard and API on the {entryPoint} entry point, which has no auth: anyone who reaches it sees every frontend and backend',
    skipVerify: { text: '{where} insecureSkipVerify: true accepts any certificate from {peer}', severity: 'medium' },
    routerPlainHttp: { text: 'router {router} has no tls and its entry points ({entryPoints}) neither default to TLS nor redirect: it is served over plain HTTP', severity: 'medium' },
  },
  claims: [
    { about: 'Traefik dashboard not exposed insecurely', risk: true, names: ['api.insecure', ['traefik', 'dashboard', 'insecure'], ['traefik', 'dashboard', 'auth*']], messages: ['apiInsecure'] },
    {
      about: 'backend TLS verified by the proxy',
      risk: true,
      names: ['insecureSkipVerify', ['traefik', 'backend', 'verif*'], ['serversTransport', 'verif*']],
      messages: ['skipVerify'],
    },
  ],
  evaluate(file, ctx) {
    const config = ctx.shared(traefikFilesIndex).get(file.file);
    if (!config) return ctx.notApplicable();
    const fail = (path: YamlPath, messageId: 'apiInsecure' | 'apiV1' | 'skipVerify' | 'routerPlainHttp', data: Record<string, string> = {}) => {
      const at = config.locate(path);
      ctx.fail(file.at(at.line, at.column), messageId, data);
    };
    if (asBoolean(asRecord(config.data.api)?.insecure) === true) fail(['api', 'insecure'], 'apiInsecure');
    const v1Api = config.v1 ? asRecord(config.data.api) : undefined;
    if (v1Api) {
      // v1 serves the API on its own entry point (`traefik`, :8080 by default); only that entry point's auth protects it.
      const name = asString(v1Api.entryPoint) ?? 'traefik';
      const point = Object.entries(asRecord(config.data.entryPoints) ?? {}).find(([each]) => each.toLowerCase() === name.toLowerCase());
      if (asRecord(point?.[1])?.auth === undefined) fail(['api'], 'apiV1', { entryPoint: name });
    }
    for (const skip of traefikSkipVerifies(config.data)) fail(skip.path, 'skipVerify', { where: skip.where, peer: skip.peer });
    const entryPoints = ctx.shared(traefikEntryPointsIndex);
    const middlewares = asRecord(asRecord(config.data.http)?.middlewares) ?? {};
    for (const [name, raw] of Object.entries(asRecord(asRecord(config.data.http)?.routers) ?? {})) {
      const router = asRecord(raw);
      if (!router || router.tls !== undefined) continue;
      // Without entryPoints a router listens on every entry point: judged only when the repository declares them all.
      const names = router.entryPoints === undefined ? [...entryPoints.keys()] : asArray(router.entryPoints).flatMap((each) => asString(each) ?? []);
      const points = names.map((each) => entryPoints.get(each.toLowerCase()));
      if (names.length === 0 || points.some((point) => point === undefined || point.tls || point.redirects)) continue;
      // A redirect middleware defined here, or named like one elsewhere in the rules directory.
      const redirects = fileMiddlewareNames(router.middlewares).some((each) => asRecord(asRecord(middlewares[each])?.redirectScheme) !== undefined || /redirect|https/i.test(each));
      if (redirects || asString(router.service) === 'noop@internal') continue;
      fail(['http', 'routers', name], 'routerPlainHttp', { router: name, entryPoints: names.join(', ') });
    }
  },
});
