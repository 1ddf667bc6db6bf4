import { describe, expect, it } from 'vitest';
import type { HttpResponse } from './client.js';
import { fieldsNamed, looksLikeSecurityTxt, mediaType, parseExpires, parseSecurityTxt } from './security-txt.js';

function response(body: string, contentType = 'text/plain; charset=utf-8', status = 200): HttpResponse {
  return { url: 'https://127.0.0.1/.well-known/security.txt', status, headers: new Map([['content-type', [contentType]]]), body, bodyTruncated: false, firstByteMs: 1, totalMs: 1 };
}

describe('security.txt parser', () => {
  it('reads fields in order with their lines, skipping comments and blank lines', () => {
    const file = parseSecurityTxt('# Our security contacts\nContact: mailto:security@example.test\n\nContact: https://example.test/report\nExpires: 2027-06-01T00:00:00.000Z\n');
    expect(file.fields).toEqual([
      { name: 'contact', value: 'mailto:security@example.test', line: 2 },
      { name: 'contact', value: 'https://example.test/report', line: 4 },
      { name: 'expires', value: '2027-06-01T00:00:00.000Z', line: 5 },
    ]);
    expect(file.signed).toBe(false);
    expect(file.invalidLines).toEqual([]);
  });

  it('accepts CRLF line ends and a byte order mark', () => {
    const file = parseSecurityTxt('\uFEFFContact: mailto:a@example.test\r\nExpires: 2027-01-01T00:00:00Z\r\n');
    expect(file.fields.map((f) => [f.name, f.value])).toEqual([
      ['contact', 'mailto:a@example.test'],
      ['expires', '2027-01-01T00:00:00Z'],
    ]);
  });

  it('matches field names case-insensitively and keeps unknown fields for callers to ignore', () => {
    const file = parseSecurityTxt('CONTACT: mailto:a@example.test\ncontact: tel:+1-201-555-0123\nX-Custom-Thing: whatever\nPreferred-Languages: en, nl\n');
    expect(fieldsNamed(file, 'Contact').map((f) => f.value)).toEqual(['mailto:a@example.test', 'tel:+1-201-555-0123']);
    expect(fieldsNamed(file, 'preferred-languages').map((f) => f.value)).toEqual(['en, nl']);
    expect(file.fields.map((f) => f.name)).toContain('x-custom-thing');
  });

  it('records lines that are not fields', () => {
    expect(parseSecurityTxt('Contact: mailto:a@example.test\nthis is not a field\n').invalidLines).toEqual([{ line: 2, text: 'this is not a field' }]);
  });

  it('reads a cleartext-signed file: armor headers and signature set aside, dash-escaping undone', () => {
    const text = [
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Hash: SHA256',
      '',
      'Contact: mailto:security@example.test',
      '- Expires: 2027-06-01T00:00:00Z',
      'Canonical: https://example.test/.well-known/security.txt',
      '-----BEGIN PGP SIGNATURE-----',
      '',
      'iHUEARYIAB0WIQQ=',
      '-----END PGP SIGNATURE-----',
      '',
    ].join('\r\n');
    const file = parseSecurityTxt(text);
    expect(file.signed).toBe(true);
    expect(file.fields.map((f) => [f.name, f.value, f.line])).toEqual([
      ['contact', 'mailto:security@example.test', 4],
      ['expires', '2027-06-01T00:00:00Z', 5],
      ['canonical', 'https://example.test/.well-known/security.txt', 6],
    ]);
    expect(file.invalidLines).toEqual([]);
  });

  it('parses Expires as an RFC 3339 date-time only', () => {
    expect(parseExpires('2027-06-01T00:00:00.000Z')?.toISOString()).toBe('2027-06-01T00:00:00.000Z');
    expect(parseExpires('2027-06-01T02:00:00+02:00')?.toISOString()).toBe('2027-06-01T00:00:00.000Z');
    expect(parseExpires('2027-06-01t00:00:00z')?.toISOString()).toBe('2027-06-01T00:00:00.000Z');
    expect(parseExpires('2027-06-01')).toBeUndefined();
    expect(parseExpires('Tue, 01 Jun 2027 00:00:00 GMT')).toBeUndefined();
    expect(parseExpires('2027-13-01T00:00:00Z')).toBeUndefined();
    expect(parseExpires('2027-06-01T00:00:00')).toBeUndefined();
  });

  it('reads the media type and charset, and tells a file from an HTML page', () => {
    expect(mediaType(response('', 'Text/Plain; Charset="UTF-8"'))).toEqual({ type: 'text/plain', charset: 'utf-8' });
    expect(mediaType(response('', 'text/plain'))).toEqual({ type: 'text/plain', charset: undefined });
    expect(looksLikeSecurityTxt(response('Contact: mailto:a@example.test\n'))).toBe(true);
    expect(looksLikeSecurityTxt(response('<!doctype html><html><body>Contact: us</body></html>', 'text/html'))).toBe(false);
    expect(looksLikeSecurityTxt(response('Not found', 'text/plain', 404))).toBe(false);
    expect(looksLikeSecurityTxt(response('nothing here'))).toBe(false);
  });
});
