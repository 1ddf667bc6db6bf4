import { z } from 'zod';
import { isNullMx } from '../../targets/dns/mail-receiving.js';
import { isMtaSts } from '../../targets/dns/mail-tls.js';
import { mxMatches, parseMtaStsPolicy } from '../../targets/dns/mta-sts-policy.js';
import { defineCheck } from '../define.js';

const DAY = 86_400;

export const mtaStsPolicy = defineCheck({
  id: 'dns/mta-sts-policy',
  title: 'The MTA-STS policy is served over valid HTTPS, enforces, lasts, and covers every MX host',
  severity: 'medium',
  target: 'domain',
  why:
    'The _mta-sts TXT record only announces a policy: senders fetch it from https://mta-sts.<domain>/.well-known/mta-sts.txt and apply ' +
    'it only when that host resolves, presents a valid certificate for its name and answers 200 with a valid policy; otherwise the ' +
    'domain has no protection against STARTTLS stripping. mode: testing only reports failures, mode: none withdraws the policy; a short ' +
    'max_age lets a policy expire between a sender\'s visits (RFC 8461 recommends weeks); in enforce mode a sender refuses to deliver to ' +
    'an MX host that no mx: pattern covers, so mail is lost. The check applies to domains with MX records and an MTA-STS TXT record; ' +
    'the policy host is resolved through the run\'s DNS server and requested only because the plan names the domain.',
  fix:
    'Serve `version: STSv1`, `mode: enforce`, one `mx:` line per MX host (or `*.example.com`), `max_age: 1209600` as text/plain at ' +
    'https://mta-sts.example.com/.well-known/mta-sts.txt with a publicly trusted certificate for mta-sts.example.com, no redirect; ' +
    'change the id= of the TXT record with each policy change.',
  refs: ['RFC 8461 (SMTP MTA Strict Transport Security) §3.2, §3.3, §4.1', 'checkdmarc MTA-STS policy checks', 'Internet.nl mail test (MTA-STS)'],
  messages: {
    hostUnresolved: 'the MTA-STS policy host {host} has no address: senders cannot fetch the policy, {domain} has no MTA-STS protection',
    fetchFailed: 'the MTA-STS policy at {url} cannot be fetched over valid HTTPS ({error}): {domain} has no MTA-STS protection',
    badStatus: 'the MTA-STS policy at {url} answers HTTP {status} (senders need 200, redirects are not followed): {domain} has no MTA-STS protection',
    invalid: 'the MTA-STS policy at {url}: {error}',
    modeNone: { text: 'the MTA-STS policy of {domain} is mode: none: the policy is withdrawn, no protection', severity: 'medium' },
    modeTesting: { text: 'the MTA-STS policy of {domain} is mode: testing: failures are reported but mail is still delivered without TLS', severity: 'low' },
    shortMaxAge: { text: 'the MTA-STS policy of {domain} has max_age: {maxAge} (below {minimum} s): it expires between visits; RFC 8461 recommends weeks', severity: 'low' },
    mxUncovered: 'MX host {mx} of {domain} matches no mx: pattern of its MTA-STS policy ({patterns}): senders enforcing it refuse to deliver there',
  },
  claims: [
    { about: 'MTA-STS enforce', names: [['MTA-STS', 'enforc*'], ['MTA-STS', 'policy'], ['MTA-STS', 'mode'], 'mta-sts.txt'], messages: ['hostUnresolved', 'fetchFailed', 'badStatus', 'invalid', 'modeNone', 'modeTesting', 'shortMaxAge', 'mxUncovered'] },
  ],
  options: z
    .object({
      /** The policy host's HTTPS port: 443 (senders use no other); tests serve it elsewhere. */
      port: z.number().int().min(1).max(65535).default(443),
      /** max_age below this many seconds fails (RFC 8461 §3.2 recommends weeks). */
      minMaxAge: z.number().int().min(0).default(DAY),
    })
    .strict(),
  async evaluate(domain, ctx, options) {
    const mx = await domain.dns.mx(domain.name);
    const records = (await domain.dns.txt(`_mta-sts.${domain.name}`)).filter(isMtaSts);
    if (mx.length === 0 || isNullMx(mx) || records.length === 0) {
      ctx.notApplicable();
      return;
    }
    const host = `mta-sts.${domain.name}`;
    const url = `https://${host}${options.port === 443 ? '' : `:${options.port}`}/.well-known/mta-sts.txt`;
    const at = { kind: 'url' as const, url };
    const addresses = [...(await domain.dns.a(host)), ...(await domain.dns.aaaa(host))];
    if (addresses.length === 0) {
      ctx.fail({ kind: 'dns', name: host, type: 'A' }, 'hostUnresolved', { host, domain: domain.name });
      return;
    }
    domain.http.pin(host, addresses[0]!);
    let response;
    try {
      response = await domain.http.get(url);
    } catch (error) {
      const failure = error as { code?: string; message: string; cause?: { code?: string; message?: string } };
      ctx.fail(at, 'fetchFailed', { url, domain: domain.name, error: failure.code ?? failure.cause?.code ?? failure.cause?.message ?? failure.message });
      return;
    }
    if (response.status !== 200) {
      ctx.fail(at, 'badStatus', { url, status: response.status, domain: domain.name });
      return;
    }
    const policy = parseMtaStsPolicy(response.body);
    for (const error of policy.errors) ctx.fail(at, 'invalid', { url, error }, response.body.slice(0, 500));
    if (policy.mode === 'none') ctx.fail(at, 'modeNone', { domain: domain.name });
    if (policy.mode === 'testing') ctx.fail(at, 'modeTesting', { domain: domain.name });
    if (policy.maxAge !== undefined && policy.maxAge < options.minMaxAge) ctx.fail(at, 'shortMaxAge', { domain: domain.name, maxAge: policy.maxAge, minimum: options.minMaxAge });
    if (policy.mode !== 'none' && policy.mx.length > 0) {
      for (const { exchange } of mx) {
        if (!policy.mx.some((pattern) => mxMatches(pattern, exchange))) {
          ctx.fail(at, 'mxUncovered', { mx: exchange, domain: domain.name, patterns: policy.mx.join(', ') });
        }
      }
    }
    ctx.measured(`mode: ${policy.mode ?? '?'}, max_age: ${policy.maxAge ?? '?'}, mx: ${policy.mx.join(', ')}`);
  },
});
