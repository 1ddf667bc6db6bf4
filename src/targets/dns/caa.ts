import { nameAndParents } from './names.js';
import type { CaaRecord } from './resolver.js';

/** One CAA property (RFC 8659 §4), interpreted. */
export interface CaaProperty {
  tag: string;
  critical: boolean;
  value: string;
  /** issue/issuewild: the CA's domain; empty means "no CA may issue" (value ";"). */
  issuer?: string;
  /** issue/issuewild parameters (RFC 8659 §4.2, RFC 8657 accounturi/validationmethods). */
  parameters?: Record<string, string>;
}

export interface CaaSet {
  /** The name the relevant record set was found at: the domain itself or an ancestor. */
  foundAt: string;
  properties: CaaProperty[];
  errors: string[];
}

const KNOWN_TAGS = new Set(['issue', 'issuewild', 'iodef', 'contactemail', 'contactphone', 'issuemail', 'issuevmc']);

export function parseCaaProperty(record: CaaRecord, errors: string[]): CaaProperty {
  const tag = record.tag.toLowerCase();
  const critical = (record.critical & 128) !== 0;
  const property: CaaProperty = { tag, critical, value: record.value };
  if (tag === 'issue' || tag === 'issuewild') {
    const [issuer = '', ...rest] = record.value.split(';');
    property.issuer = issuer.trim();
    if (property.issuer !== '' && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(property.issuer)) {
      errors.push(`${tag} "${record.value}": "${property.issuer}" is not a CA domain name`);
    }
    property.parameters = {};
    for (const parameter of rest) {
      const text = parameter.trim();
      if (text === '') continue;
      const match = /^([a-z0-9]+)=(\S*)$/i.exec(text);
      if (!match) errors.push(`${tag} "${record.value}": parameter "${text}" is not key=value`);
      else property.parameters[match[1]!.toLowerCase()] = match[2]!;
    }
  } else if (tag === 'iodef') {
    if (!/^(mailto:\S+@\S+|https?:\/\/\S+)$/i.test(record.value)) errors.push(`iodef "${record.value}" is not a mailto: or http(s): URL`);
  } else if (!KNOWN_TAGS.has(tag) && critical) {
    // RFC 8659 §4.1: a CA must refuse to issue when it meets an unknown critical property.
    errors.push(`unknown critical tag "${tag}": every CA must refuse to issue`);
  }
  return property;
}

/** The DNS question the CAA walker asks. */
export interface CaaResolver {
  caa(name: string): Promise<CaaRecord[]>;
}

/**
 * The relevant CAA record set for a name (RFC 8659 §3): the name's own, else the closest
 * ancestor's, up to the registrable domain by the Public Suffix List (queries stop before
 * the public suffix). Undefined when none of them has CAA records.
 */
export async function findCaaSet(name: string, dns: CaaResolver): Promise<CaaSet | undefined> {
  for (const candidate of nameAndParents(name)) {
    const records = await dns.caa(candidate);
    if (records.length === 0) continue;
    const errors: string[] = [];
    const properties = records.map((record) => parseCaaProperty(record, errors));
    return { foundAt: candidate, properties, errors };
  }
  return undefined;
}
