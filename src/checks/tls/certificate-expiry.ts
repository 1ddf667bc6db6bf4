import { z } from 'zod';
import { certificateEvidence, daysToExpiry, isoDate } from '../../targets/tls/certificate.js';
import { defineCheck } from '../define.js';

export const certificateExpiry = defineCheck({
  id: 'tls/certificate-expiry',
  title: 'The certificate is renewed well before it expires',
  severity: 'medium',
  target: 'tls-endpoint',
  why:
    'An automated renewal that has silently stopped shows up as a certificate getting close to its end date: ACME clients renew 30 days ahead, so a certificate inside that window means renewal is failing, and the day it lapses every client refuses the site. Catching it days ahead turns an outage into a routine fix. Runs on the host:port of each https site in the plan: a plain-http site has no TLS endpoint, so it gets no result here.',
  fix:
    'Renew now and repair the automation: check the ACME client logs (cert-manager `kubectl describe certificate`, Traefik certResolver logs, `certbot renew --dry-run`), the DNS or HTTP challenge reachability, and that the server reloads the renewed file. Monitor expiry with this check on a schedule.',
  refs: [
    'Let\'s Encrypt: renew 30 days before expiry (certbot renew_before_expiry)',
    'CA/Browser Forum Baseline Requirements 6.3.2: certificate lifetimes (shrinking to 47 days by 2029)',
    'testssl.sh cert_expirationStatus (< 30 days)',
  ],
  messages: {
    expired: '{endpoint}: the certificate expired {days} days ago ({date})',
    expiresSoon: '{endpoint}: the certificate expires in {days} days ({date}), under {threshold} days',
    renewalDue: '{endpoint}: the certificate expires in {days} days ({date}): renewal, due {threshold} days ahead, has not happened',
  },
  claims: [
    {
      about: 'certificates renewed before they expire',
      names: [['cert*', 'expir*'], ['cert*', 'renew*'], ['TLS', 'expir*'], ['SSL', 'expir*'], ['ACME', 'renew*'], 'certbot', ["Let's Encrypt", 'renew*']],
    },
  ],
  options: z
    .object({
      /** Fail when fewer days than this remain. */
      failDays: z.number().int().positive().default(14),
      /** Report renewal as overdue when fewer days than this remain (ACME clients renew 30 days ahead). */
      warnDays: z.number().int().positive().default(30),
    })
    .strict(),
  async evaluate(endpoint, ctx, options) {
    const { certificate } = await endpoint.handshake();
    if (!certificate) return ctx.notApplicable();
    const days = daysToExpiry(certificate);
    const data = { endpoint: endpoint.identity, date: isoDate(certificate.validTo) };
    const evidence = certificateEvidence(certificate);
    ctx.computed({ expires: data.date, daysLeft: days });
    if (days < 0) ctx.fail(endpoint.location, 'expired', { ...data, days: -days }, evidence);
    else if (days < options.failDays) ctx.fail(endpoint.location, 'expiresSoon', { ...data, days, threshold: options.failDays }, evidence);
    else if (days < options.warnDays) ctx.fail(endpoint.location, 'renewalDue', { ...data, days, threshold: options.warnDays }, evidence);
  },
});
