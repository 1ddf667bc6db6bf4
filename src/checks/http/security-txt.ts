import { fieldsNamed, looksLikeSecurityTxt, mediaType, parseExpires, parseSecurityTxt } from '../../targets/http/security-txt.js';
import { followRedirects, type RedirectChain } from '../../targets/live/redirect-chain.js';
import type { SiteTarget } from '../../targets/live/targets.js';
import { defineCheck } from '../define.js';

const WELL_KNOWN = '/.well-known/security.txt';
const LEGACY = '/security.txt';
/** RFC 9116 section 2.5.5: Expires SHOULD be less than a year in the future. */
const MAX_EXPIRY_DAYS = 365;
const DAY_MS = 86_400_000;
/** Redirects followed to the file (on the site's host only). */
const MAX_REDIRECTS = 3;

/** The file at a path, following redirects on the site's host; undefined when it is not there. */
async function fetchFile(site: SiteTarget, path: string): Promise<RedirectChain | undefined> {
  const outcome = await followRedirects(site, path, MAX_REDIRECTS);
  if (!outcome.ok) throw new Error(`GET ${outcome.failedUrl} failed: ${outcome.error}`);
  return looksLikeSecurityTxt(outcome.chain.final) ? outcome.chain : undefined;
}

export const securityTxt = defineCheck({
  id: 'http/security-txt',
  title: 'A valid, current security.txt tells researchers how to report a vulnerability',
  severity: 'low',
  target: 'site',
  why:
    'Someone who finds a vulnerability needs a way to reach the people who can fix it; without one, reports go to a generic inbox, to social media or nowhere. RFC 9116 puts that contact at /.well-known/security.txt with an expiry date, so a stale file, one without Contact, or one served where tools do not look is as good as none.',
  fix:
    'Serve /.well-known/security.txt over https as text/plain; charset=utf-8 with at least `Contact: mailto:security@<domain>` (or an https form), exactly one `Expires: <RFC 3339 date-time less than a year ahead>` and `Canonical: https://<host>/.well-known/security.txt`; renew Expires on a schedule, and preferably sign the file with OpenPGP (cleartext signature). Generate one at securitytxt.org.',
  refs: [
    'RFC 9116: A File Format to Aid in Security Vulnerability Disclosure',
    'securitytxt.org',
    'Internet.nl http_securitytxt (sectxt)',
    'CISA BOD 20-01: vulnerability disclosure policy and security.txt',
  ],
  messages: {
    missing: 'no security.txt at {url}',
    legacyLocation: 'security.txt is only at {url}: RFC 9116 places it at /.well-known/security.txt',
    notHttps: '{url} is served over plain http: RFC 9116 requires https',
    contentType: '{url} is served as "{type}", not text/plain; charset=utf-8',
    noContact: '{url} has no Contact field',
    noExpires: '{url} has no Expires field',
    multipleExpires: '{url} has {count} Expires fields; exactly one is allowed',
    invalidExpires: '{url}: Expires "{value}" is not an RFC 3339 date-time',
    expired: '{url} expired on {date}',
    longExpiry: '{url} expires on {date}, more than a year ahead: renew it yearly instead',
    canonicalMismatch: '{url}: no Canonical field lists the URL the file was fetched from',
  },
  claims: [
    {
      about: 'security.txt is published',
      names: ['security.txt', 'securitytxt', 'RFC 9116', ['vulnerability disclosure', 'contact', 'well-known']],
      messages: ['missing', 'legacyLocation'],
    },
    {
      about: 'security.txt is valid and current',
      names: [
        ['security.txt', 'expir*'],
        ['security.txt', 'Contact'],
        ['security.txt', 'valid*'],
        ['security.txt', 'stale'],
        ['security.txt', 'outdated'],
        ['security.txt', 'renew*'],
        ['security.txt', 'Canonical'],
      ],
      messages: ['notHttps', 'contentType', 'noContact', 'noExpires', 'multipleExpires', 'invalidExpires', 'expired', 'longExpiry', 'canonicalMismatch'],
    },
  ],
  async evaluate(site, ctx) {
    let chain = await fetchFile(site, WELL_KNOWN);
    if (!chain) {
      chain = await fetchFile(site, LEGACY);
      if (!chain) return ctx.fail(site.at(WELL_KNOWN), 'missing', { url: new URL(WELL_KNOWN, site.url).href });
      ctx.fail(site.at(LEGACY), 'legacyLocation', { url: new URL(LEGACY, site.url).href });
    }
    const response = chain.final;
    const url = response.url;
    const at = { kind: 'url' as const, url };
    const file = parseSecurityTxt(response.body);
    ctx.computed({ signed: file.signed });
    // Every failure says whether the file is signed: a signed file is the stronger claim of origin.
    const signature = file.signed ? 'PGP-signed (-----BEGIN PGP SIGNED MESSAGE-----)' : 'not PGP-signed';
    const show = (line?: number) => (line ? `line ${line}: ${response.body.split(/\r?\n/)[line - 1]?.trim()}; ${signature}` : signature);

    if (new URL(url).protocol !== 'https:') ctx.fail(at, 'notHttps', { url }, show());
    const { type, charset } = mediaType(response);
    if (type !== 'text/plain' || (charset !== undefined && charset !== 'utf-8')) {
      ctx.fail(at, 'contentType', { url, type: response.headers.get('content-type')?.[0] ?? '(none)' }, show());
    }

    if (fieldsNamed(file, 'contact').length === 0) ctx.fail(at, 'noContact', { url }, show());

    const expires = fieldsNamed(file, 'expires');
    if (expires.length === 0) ctx.fail(at, 'noExpires', { url }, show());
    else if (expires.length > 1) ctx.fail(at, 'multipleExpires', { url, count: expires.length }, show(expires[1]!.line));
    else {
      const field = expires[0]!;
      const date = parseExpires(field.value);
      const now = Date.now();
      if (date) ctx.computed({ expires: date.toISOString().slice(0, 10), daysLeft: Math.floor((date.getTime() - now) / DAY_MS) });
      if (!date) ctx.fail(at, 'invalidExpires', { url, value: field.value }, show(field.line));
      else if (date.getTime() <= now) ctx.fail(at, 'expired', { url, date: date.toISOString() }, show(field.line));
      else if (date.getTime() - now > MAX_EXPIRY_DAYS * DAY_MS) ctx.fail(at, 'longExpiry', { url, date: date.toISOString() }, show(field.line));
    }

    const canonical = fieldsNamed(file, 'canonical');
    if (canonical.length > 0) {
      // Any URL of the redirect chain counts: the one asked for and the one that answered.
      const fetched = new Set(chain.hops.map((hop) => normalise(hop.url)));
      if (!canonical.some((field) => fetched.has(normalise(field.value)))) ctx.fail(at, 'canonicalMismatch', { url }, show(canonical[0]!.line));
    }
  },
});

function normalise(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
