import { z } from 'zod';
import { isDkimKey, parseDkimKey } from '../../targets/dns/dkim-key.js';
import { defineCheck } from '../define.js';

export const dkim = defineCheck({
  id: 'dns/dkim',
  title: 'Each DKIM selector the plan names publishes a usable, strong key',
  severity: 'medium',
  target: 'domain',
  why:
    'Receivers verify DKIM signatures with the public key at <selector>._domainkey.<domain>; DMARC passes on DKIM only when it verifies. ' +
    'A missing key or a revoked one (empty p=) makes every message signed with that selector fail DKIM; an RSA key below 1024 bits is ' +
    'rejected by verifiers (RFC 8301) and can be factored, and 1024 bits is below the 2048 that RFC 8301 and M3AAWG recommend. ' +
    'Selectors cannot be listed from DNS: the check reads those the plan names (`targets.domains: [{ name, dkimSelectors: [..] }]`); ' +
    'a domain without selectors gets no result.',
  fix:
    'Publish the key your mail service gives you at `<selector>._domainkey.example.com` (TXT `v=DKIM1; k=rsa; p=<base64>` or a CNAME to ' +
    'the provider), with RSA of 2048 bits or Ed25519 (RFC 8463, alongside an RSA key); rotate 1024-bit keys; remove t=y once signing works.',
  refs: ['RFC 6376 (DKIM) §3.6.1', 'RFC 8301 (DKIM cryptographic algorithm update: RSA ≥ 1024, 2048 recommended)', 'RFC 8463 (Ed25519 for DKIM)', 'M3AAWG DKIM Key Rotation Best Common Practices', 'checkdmarc / internet.nl mail test (DKIM)'],
  messages: {
    missing: 'no DKIM key at {name}: mail signed with selector {selector} fails DKIM',
    multiple: '{name} has {count} DKIM key records: verification is unpredictable',
    revoked: 'the DKIM key at {name} is revoked (empty p=): mail signed with selector {selector} fails DKIM',
    invalid: 'DKIM key at {name}: {error}',
    weakKey: { text: 'the DKIM key at {name} is RSA-{bits}: verifiers reject keys below 1024 bits (RFC 8301), and they can be factored', severity: 'high' },
    shortKey: { text: 'the DKIM key at {name} is RSA-{bits}: below the recommended 2048 bits (RFC 8301)', severity: 'low' },
    testing: { text: 'the DKIM key at {name} is in testing mode (t=y): verifiers may treat failures as unsigned mail', severity: 'low' },
  },
  claims: [{ about: 'DKIM 2048', names: ['DKIM', 'DomainKeys', '_domainkey'] }],
  options: z
    .object({
      /** RSA keys below this many bits fail as short (weak below 1024 in any case). */
      minRsaBits: z.number().int().min(1024).default(2048),
    })
    .strict(),
  async evaluate(domain, ctx, options) {
    if (domain.dkimSelectors.length === 0) {
      ctx.notApplicable();
      return;
    }
    const measured: string[] = [];
    for (const selector of domain.dkimSelectors) {
      const name = `${selector}._domainkey.${domain.name}`;
      const at = { kind: 'dns' as const, name, type: 'TXT' };
      const records = (await domain.dns.txt(name)).filter(isDkimKey);
      if (records.length === 0) {
        ctx.fail(at, 'missing', { name, selector });
        continue;
      }
      if (records.length > 1) {
        ctx.fail(at, 'multiple', { name, count: records.length }, records.join('\n'));
        continue;
      }
      const text = records[0]!;
      const key = parseDkimKey(text);
      for (const error of key.errors) ctx.fail(at, 'invalid', { name, error }, text);
      if (key.revoked) ctx.fail(at, 'revoked', { name, selector }, text);
      if (key.keyType === 'rsa' && key.bits !== undefined) {
        if (key.bits < 1024) ctx.fail(at, 'weakKey', { name, bits: key.bits }, text);
        else if (key.bits < options.minRsaBits) ctx.fail(at, 'shortKey', { name, bits: key.bits }, text);
      }
      if (key.testing) ctx.fail(at, 'testing', { name }, text);
      measured.push(`${selector}: ${key.keyType}${key.bits ? `-${key.bits}` : ''}`);
    }
    ctx.measured(measured.join(', '));
  },
});
