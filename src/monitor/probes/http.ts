import { z } from 'zod';
import { headers as headerMap, checkHeaders, httpUrl } from '../config-fields.js';
import type { Phases } from '../model.js';
import { basicAuthorization, maskUrl, secretRef } from '../secrets.js';
import type { ConnectTimings } from './connect.js';
import { defineProbe, type Observation } from './define.js';
import { ProbeError } from './errors.js';
import type { Exchange } from './http-exchange.js';
import { metadataAddressReason } from './metadata-addresses.js';
import { trustFor } from './trust.js';

/** `http: URL`, or the request in full. */
const httpConfig = z.union([
  httpUrl.transform((url) => ({
    url,
    method: 'GET' as const,
    headers: {} as Record<string, string>,
    secretHeaders: {} as Record<string, string>,
    body: undefined as string | undefined,
    redirects: 'off' as 'off' | 'follow',
  })),
  z
    .object({
      url: httpUrl,
      method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
      /** Literal header values, sent as written. */
      headers: headerMap.default({}),
      /** Headers whose values are secret references (env:NAME, file:PATH), resolved when the monitor is loaded. */
      secretHeaders: z
        .record(z.string(), secretRef)
        .superRefine((map, ctx) => checkHeaders(map, ctx, { values: false }))
        .default({}),
      body: z.string().optional(),
      /** off: the first response is the one measured; follow: redirects are followed (at most 10). */
      redirects: z.enum(['off', 'follow']).default('off'),
    })
    .strict()
    .superRefine((http, ctx) => {
      const literal = new Set(Object.keys(http.headers).map((header) => header.toLowerCase()));
      for (const header of Object.keys(http.secretHeaders))
        if (literal.has(header.toLowerCase()))
          ctx.addIssue({ code: 'custom', path: ['secretHeaders', header], message: 'also in headers (a header goes in headers or secretHeaders, not both)' });
    }),
]);

/** The HTTP client (undici) loads with the first probe, not with the plan that names it. */
const exchangeModule = () => import('./http-exchange.js');

const MAX_REDIRECTS = 10;
const REDIRECT = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'harden-monitor (+https://harden.dev)';

/**
 * HTTP(S): one request on a fresh connection, so every phase is measured; with
 * `redirects: follow`, up to 10 redirects, the phases summed over the hops. A redirect to
 * another origin gets none of the plan's headers (nor the URL's credentials), and none may
 * lead to a link-local or cloud metadata address unless the plan's URL names that host.
 */
export const httpProbe = defineProbe({
  config: httpConfig,
  target: (http) => maskUrl(http.url),
  async observe(http, { env, signal, needs }) {
    const started = performance.now();
    const phases: Required<Omit<Phases, 'tlsMs'>> & Phases = { dnsMs: 0, connectMs: 0, firstByteMs: 0 };
    let url = new URL(http.url);
    let method: string = http.method;
    let body = http.body;
    let headers: Record<string, string> = { 'user-agent': USER_AGENT, ...http.headers };
    const basic = basicAuthorization(url);
    if (basic && !Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) headers.authorization = basic;
    const plannedHost = url.hostname;
    for (let hop = 0; ; hop++) {
      const timings: ConnectTimings = {};
      const request = { method, headers, body, readBody: needs?.body ?? true, trust: trustFor(env), signal, ...(url.hostname === plannedHost ? {} : { refuse: metadataAddressReason }) };
      const response: Exchange = await (await exchangeModule()).exchange(url, request, timings);
      phases.dnsMs += timings.dnsMs ?? 0;
      phases.connectMs += timings.connectMs ?? 0;
      if (timings.tlsMs !== undefined) phases.tlsMs = (phases.tlsMs ?? 0) + timings.tlsMs;
      phases.firstByteMs += response.firstByteMs;
      const location = response.headers.get('location')?.[0];
      if (http.redirects === 'follow' && REDIRECT.has(response.status) && location) {
        if (hop === MAX_REDIRECTS) throw new ProbeError(`more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(location, url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new ProbeError(`redirect to ${next.protocol} URL`);
        // The plan's headers (API keys, secretHeaders, cookies) were meant for the origin it names.
        if (next.origin !== url.origin) headers = { 'user-agent': USER_AGENT };
        if (response.status === 303 || (method === 'POST' && response.status !== 307 && response.status !== 308)) {
          if (method !== 'HEAD') method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }
      const observation: Observation = {
        latencyMs: performance.now() - started,
        phases,
        status: response.status,
        headers: response.headers,
      };
      if (response.body !== undefined) observation.body = response.body;
      if (timings.certExpiresAt !== undefined) observation.certExpiresAt = timings.certExpiresAt;
      return observation;
    }
  },
});
