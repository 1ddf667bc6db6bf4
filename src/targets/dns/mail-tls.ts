import { parseTagList, tagValue } from './tag-list.js';

/**
 * The two DNS records that ask senders to use TLS towards a domain's MX hosts and to report
 * failures: MTA-STS at _mta-sts.<domain> (RFC 8461 §3.1) and TLS-RPT at _smtp._tls.<domain>
 * (RFC 8460 §3).
 */
export interface MailTlsRecord {
  text: string;
  errors: string[];
}

export function isMtaSts(text: string): boolean {
  return /^\s*v\s*=\s*STSv1\s*(;|$)/.test(text);
}

export function isTlsRpt(text: string): boolean {
  return /^\s*v\s*=\s*TLSRPTv1\s*(;|$)/.test(text);
}

/** v=STSv1; id=<1-32 alphanumerics>; extensions allowed. */
export function parseMtaSts(text: string): MailTlsRecord & { id: string | undefined } {
  const list = parseTagList(text);
  const errors = [...list.errors];
  if (list.tags[0]?.name !== 'v' || list.tags[0].value !== 'STSv1') errors.push('the record must start with v=STSv1');
  const id = tagValue(list, 'id');
  if (id === undefined) errors.push('id= is missing');
  else if (!/^[A-Za-z0-9]{1,32}$/.test(id)) errors.push(`id=${id} is not 1 to 32 letters and digits`);
  return { text, errors, id };
}

/** v=TLSRPTv1; rua=<mailto: or https: URIs, comma-separated>. */
export function parseTlsRpt(text: string): MailTlsRecord & { rua: string[] } {
  const list = parseTagList(text);
  const errors = [...list.errors];
  if (list.tags[0]?.name !== 'v' || list.tags[0].value !== 'TLSRPTv1') errors.push('the record must start with v=TLSRPTv1');
  const value = tagValue(list, 'rua');
  const rua = value === undefined ? [] : value.split(',').map((uri) => uri.trim());
  if (value === undefined) errors.push('rua= is missing');
  for (const uri of rua) if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/i.test(uri)) errors.push(`rua: "${uri}" is not a mailto: or https: URI`);
  return { text, errors, rua };
}
