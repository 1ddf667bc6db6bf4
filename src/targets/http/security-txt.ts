import type { HttpResponse } from './client.js';

/** One `Name: value` line; names compare case-insensitively, so they are kept lower-case. */
export interface SecurityTxtField {
  name: string;
  value: string;
  /** 1-based line in the file as served (the PGP armor counts). */
  line: number;
}

/** A security.txt file (RFC 9116) as read: the fields in order, and whether it is a PGP cleartext-signed message. */
export interface SecurityTxt {
  fields: SecurityTxtField[];
  signed: boolean;
  /** Lines that are neither blank, a `#` comment nor a field. */
  invalidLines: { line: number; text: string }[];
}

const SIGNED_BEGIN = '-----BEGIN PGP SIGNED MESSAGE-----';
const SIGNATURE_BEGIN = '-----BEGIN PGP SIGNATURE-----';
/** RFC 9116 section 4 (ABNF): field-name is RFC 5322's ftext, in practice letters, digits and hyphens. */
const FIELD = /^([A-Za-z0-9][A-Za-z0-9-]*):[ \t]*(.*?)[ \t]*$/;

/**
 * Reads a security.txt: CRLF or LF lines, `#` comments, fields by case-insensitive name,
 * unknown fields kept (consumers ignore them), and a cleartext-signed file's armor
 * (RFC 4880 section 7: the Hash headers, dash-escaped lines, the trailing signature) set aside.
 */
export function parseSecurityTxt(text: string): SecurityTxt {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fields: SecurityTxtField[] = [];
  const invalidLines: SecurityTxt['invalidLines'] = [];
  let start = 0;
  let end = lines.length;
  const signed = lines[0]?.trim() === SIGNED_BEGIN;
  if (signed) {
    // Armor headers ("Hash: SHA256") run up to the first blank line.
    start = 1;
    while (start < lines.length && lines[start]!.trim() !== '') start += 1;
    start += 1;
    const signature = lines.findIndex((line) => line.trim() === SIGNATURE_BEGIN);
    if (signature >= 0) end = signature;
  }
  for (let i = start; i < end; i += 1) {
    const raw = lines[i]!;
    const line = signed && raw.startsWith('- ') ? raw.slice(2) : raw;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = FIELD.exec(line);
    if (match) fields.push({ name: match[1]!.toLowerCase(), value: match[2]!, line: i + 1 });
    else invalidLines.push({ line: i + 1, text: line });
  }
  return { fields, signed, invalidLines };
}

/** The fields with this name (case-insensitive), in file order. */
export function fieldsNamed(file: SecurityTxt, name: string): SecurityTxtField[] {
  const wanted = name.toLowerCase();
  return file.fields.filter((field) => field.name === wanted);
}

/**
 * An Expires value: an RFC 3339 date-time (the "Internet profile" of ISO 8601 RFC 9116
 * requires), with a time and an offset; undefined when it is anything else.
 */
export function parseExpires(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 60) return undefined;
  const date = new Date(value.trim().toUpperCase());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The media type and charset of a response, lower-case: `text/plain`, `utf-8`. */
export function mediaType(response: HttpResponse): { type: string; charset: string | undefined } {
  const header = response.headers.get('content-type')?.[0] ?? '';
  const [type = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  return { type, charset };
}

/**
 * Whether a 200 response is a security.txt at all, rather than the site's HTML page for
 * an unknown path: it has at least one field and is not an HTML document.
 */
export function looksLikeSecurityTxt(response: HttpResponse, file: SecurityTxt = parseSecurityTxt(response.body)): boolean {
  if (response.status !== 200) return false;
  if (/^\s*<(!doctype|html|head|body)/i.test(response.body)) return false;
  return file.fields.length > 0;
}
