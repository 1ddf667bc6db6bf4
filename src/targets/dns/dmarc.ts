import { parseTagList, tagValue } from './tag-list.js';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
const POLICIES: readonly DmarcPolicy[] = ['none', 'quarantine', 'reject'];
const STRENGTH: Record<DmarcPolicy, number> = { none: 0, quarantine: 1, reject: 2 };

/** A DMARC record (RFC 7489 §6.3), with the defaults the RFC gives to absent tags. */
export interface DmarcRecord {
  text: string;
  /** Absent (with a rua) means none per RFC 7489 §6.6.3; undefined only when the record is unusable. */
  policy: DmarcPolicy | undefined;
  /** sp=, else p=. */
  subdomainPolicy: DmarcPolicy | undefined;
  /** Whether sp= was written. */
  subdomainPolicyExplicit: boolean;
  /** 0..100, default 100. */
  pct: number;
  rua: string[];
  ruf: string[];
  adkim: 'r' | 's';
  aspf: 'r' | 's';
  errors: string[];
}

/** TXT strings at _dmarc.<domain> that claim to be DMARC: they start with v=DMARC1. */
export function isDmarc(text: string): boolean {
  return /^\s*v\s*=\s*DMARC1\s*(;|$)/i.test(text);
}

export function dmarcPolicyStrength(policy: DmarcPolicy): number {
  return STRENGTH[policy];
}

export function parseDmarc(text: string): DmarcRecord {
  const list = parseTagList(text);
  const errors = [...list.errors];
  const first = list.tags[0];
  if (!first || first.name !== 'v' || first.value !== 'DMARC1') errors.push('the record must start with v=DMARC1');
  if (list.tags[1] && list.tags[1].name !== 'p') errors.push('p= must directly follow v=DMARC1');

  const policyTag = (name: string): DmarcPolicy | undefined => {
    const value = tagValue(list, name);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase() as DmarcPolicy;
    if (POLICIES.includes(lower)) return lower;
    errors.push(`${name}=${value} is not none, quarantine or reject`);
    return undefined;
  };
  const written = policyTag('p');
  const rua = uriList(tagValue(list, 'rua'), 'rua', errors);
  const ruf = uriList(tagValue(list, 'ruf'), 'ruf', errors);
  let policy = written;
  if (tagValue(list, 'p') === undefined) {
    errors.push('p= is missing');
    // RFC 7489 §6.6.3: a record without p= but with a valid rua is treated as p=none.
    if (rua.length > 0) policy = 'none';
  }
  const sp = policyTag('sp');

  let pct = 100;
  const pctText = tagValue(list, 'pct');
  if (pctText !== undefined) {
    if (/^\d{1,3}$/.test(pctText) && Number(pctText) <= 100) pct = Number(pctText);
    else errors.push(`pct=${pctText} is not an integer from 0 to 100`);
  }
  const alignment = (name: 'adkim' | 'aspf'): 'r' | 's' => {
    const value = tagValue(list, name);
    if (value === undefined) return 'r';
    if (value === 'r' || value === 's') return value;
    errors.push(`${name}=${value} is not r or s`);
    return 'r';
  };
  const adkim = alignment('adkim');
  const aspf = alignment('aspf');
  const fo = tagValue(list, 'fo');
  if (fo !== undefined && !/^[01ds](:[01ds])*$/.test(fo)) errors.push(`fo=${fo} is not a colon-separated list of 0, 1, d, s`);
  const ri = tagValue(list, 'ri');
  if (ri !== undefined && !/^\d+$/.test(ri)) errors.push(`ri=${ri} is not a number of seconds`);

  return { text, policy, subdomainPolicy: sp ?? policy, subdomainPolicyExplicit: sp !== undefined, pct, rua, ruf, adkim, aspf, errors };
}

/** rua/ruf: comma-separated URIs, each with an optional !size suffix (RFC 7489 §6.4). */
function uriList(value: string | undefined, name: string, errors: string[]): string[] {
  if (value === undefined) return [];
  const uris = value.split(',').map((uri) => uri.trim());
  for (const uri of uris) {
    if (!/^[a-z][a-z0-9+.-]*:[^\s!]+(![0-9]+[kmgt]?)?$/i.test(uri)) errors.push(`${name}: "${uri}" is not a URI`);
  }
  return uris.filter((uri) => uri !== '');
}
