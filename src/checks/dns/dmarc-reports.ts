import { authorizationName, mailtoDestinations } from '../../targets/dns/dmarc-destinations.js';
import { isDmarc, parseDmarc } from '../../targets/dns/dmarc.js';
import { receivingOf } from '../../targets/dns/mail-receiving.js';
import { nameAndParents } from '../../targets/dns/names.js';
import { defineCheck } from '../define.js';

export const dmarcReports = defineCheck({
  id: 'dns/dmarc-reports',
  title: "DMARC reports reach their destinations: other domains authorize them, and every destination receives mail",
  severity: 'low',
  target: 'domain',
  why:
    'A DMARC record that sends aggregate (rua=) or failure (ruf=) reports to an address at another organisational domain only works ' +
    'when that domain agrees: receivers look up <policy-domain>._report._dmarc.<destination-domain> and send nothing unless it publishes ' +
    'v=DMARC1 (RFC 7489 §7.1), so the reports that show spoofing and broken senders are silently lost. A destination domain without MX ' +
    'nor address record, or with a null MX, cannot receive them at all. The check reads the record that applies to the domain (its own, ' +
    'else the closest parent) and its mailto: destinations; domains without DMARC or without destinations are left to dns/dmarc.',
  fix:
    'Ask the report provider to publish `example.com._report._dmarc.provider.example. TXT "v=DMARC1"` (or `*._report._dmarc.` for all ' +
    'its customers), or send reports to an address of your own domain; make sure every destination domain has MX records.',
  refs: ['RFC 7489 (DMARC) §7.1 (verifying external destinations)', 'RFC 7505 (null MX)', 'RFC 5321 §5.1 (implicit MX)', 'checkdmarc DMARC report destination checks'],
  messages: {
    notAuthorized: '{tag} destination {address} is at another domain that does not accept reports for {policyDomain}: no v=DMARC1 at {name}, receivers send no reports there',
    cannotReceive: '{tag} destination {address}: {domain} cannot receive mail ({reason})',
  },
  claims: [
    { about: 'DMARC reports', names: ['_report._dmarc', ['DMARC', 'report*', 'external*'], ['DMARC', 'report*', 'third-party'], ['DMARC', 'rua', 'authori*'], ['DMARC', 'report*', 'deliver*']] },
  ],
  async evaluate(domain, ctx) {
    for (const policyDomain of nameAndParents(domain.name)) {
      const records = (await domain.dns.txt(`_dmarc.${policyDomain}`)).filter(isDmarc);
      if (records.length === 0) continue;
      const destinations = records.length === 1 ? mailtoDestinations(parseDmarc(records[0]!)) : [];
      if (destinations.length === 0) break;
      for (const destination of destinations) {
        const data = { tag: destination.tag, address: destination.address, domain: destination.domain, policyDomain };
        const receiving = await receivingOf(domain.dns, destination.domain);
        if (!receiving.receives) {
          ctx.fail({ kind: 'dns', name: destination.domain, type: 'MX' }, 'cannotReceive', { ...data, reason: receiving.reason });
          continue;
        }
        const name = authorizationName(policyDomain, destination.domain);
        if (name && !(await domain.dns.txt(name)).some(isDmarc)) ctx.fail({ kind: 'dns', name, type: 'TXT' }, 'notAuthorized', { ...data, name }, records[0]);
      }
      ctx.measured(destinations.map((d) => `${d.tag}=${d.address}`).join(', '));
      return;
    }
    ctx.notApplicable();
  },
});
