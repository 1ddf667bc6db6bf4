import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maskSecret, maskText, maskUrl, redact, resolveSecret, secretResolver, urlSecrets } from './secrets.js';

const planDir = mkdtempSync(join(tmpdir(), 'harden-secrets-'));
mkdirSync(join(planDir, 'secrets'));
writeFileSync(join(planDir, 'secrets', 'slack'), '  https://hooks.slack.com/services/T0/B0/abcdefgh\n');
writeFileSync(join(planDir, 'secrets', 'blank'), '\n');
afterAll(() => rmSync(planDir, { recursive: true, force: true }));

describe('resolveSecret', () => {
  it('reads env: from the environment given', () => {
    expect(resolveSecret('env:PD_KEY', planDir, { PD_KEY: 'R0UTING' })).toBe('R0UTING');
    expect(secretResolver(planDir, { PD_KEY: 'R0UTING' })('env:PD_KEY')).toBe('R0UTING');
  });

  it('reads file: relative to the plan folder, trimmed, and absolute paths as they are', () => {
    expect(resolveSecret('file:secrets/slack', planDir, {})).toBe('https://hooks.slack.com/services/T0/B0/abcdefgh');
    expect(resolveSecret(`file:${join(planDir, 'secrets', 'slack')}`, '/nonexistent', {})).toBe('https://hooks.slack.com/services/T0/B0/abcdefgh');
  });

  it('names the reference, never a value, when it cannot resolve', () => {
    expect(() => resolveSecret('env:SLACK_WEBHOOK_URL', planDir, {})).toThrow('secret env:SLACK_WEBHOOK_URL is not set (the environment has no SLACK_WEBHOOK_URL)');
    expect(() => resolveSecret('env:EMPTY', planDir, { EMPTY: ' ' })).toThrow('secret env:EMPTY is empty');
    expect(() => resolveSecret('file:secrets/missing', planDir, {})).toThrow(`secret file:secrets/missing cannot be read (${join(planDir, 'secrets', 'missing')}: ENOENT)`);
    expect(() => resolveSecret('file:secrets/blank', planDir, {})).toThrow('secret file:secrets/blank is empty');
    expect(() => resolveSecret('xoxb-inline-token', planDir, {})).toThrow('"xoxb…" is not a secret reference: use env:VARIABLE or file:PATH');
  });
});

describe('masking', () => {
  it('shows the first 4 characters', () => {
    expect(maskSecret('R0UTINGKEY0123')).toBe('R0UT…');
  });

  it('redacts a secret, and a secret URL\'s path and password, wherever they appear', () => {
    const url = 'https://alerts:hunter2-hunter2@hooks.example.com/services/T0/B0/abcdefgh';
    expect(redact(`POST ${url} failed`, [url])).toBe('POST http… failed');
    expect(redact('no_service at /services/T0/B0/abcdefgh', [url])).toBe('no_service at /ser…');
    expect(redact('bad password hunter2-hunter2', [url])).toBe('bad password hunt…');
    expect(redact('token tk_0123456789 rejected', ['tk_0123456789'])).toBe('token tk_0… rejected');
  });
});

describe('URL credentials (issue 9, defect 8)', () => {
  it('shows a user:password as *** and masks the values of credential-like query parameters', () => {
    expect(maskUrl('https://ops:hunter2hunter2@api.example.com/v1?api_key=Abc123456789&page=2&access_token=Zz0987654321#sig=Sg11223344')).toBe(
      'https://***@api.example.com/v1?api_key=Abc1…&page=2&access_token=Zz09…#sig=Sg11…',
    );
    for (const name of ['token', 'key', 'secret', 'sig', 'signature', 'password', 'auth', 'X-Amz-Signature', 'client_secret', 'slack_token'])
      expect(maskUrl(`https://h.example/?${name}=V4lue0123456`)).toBe(`https://h.example/?${name}=V4lu…`);
    expect(maskUrl('https://h.example/search?q=tokens&monkey=banana')).toBe('https://h.example/search?q=tokens&monkey=banana');
  });

  it('lists what a URL carries, as written and decoded', () => {
    expect(urlSecrets('https://ops:p%40ss-word-1@h.example/?token=a%2Fb-0123456&x=1').sort()).toEqual(['a%2Fb-0123456', 'a/b-0123456', 'p%40ss-word-1', 'p@ss-word-1']);
  });

  it('masks a secret even when the text was cut in the middle of it', () => {
    expect(maskText('got "tk_0123456789…"', ['tk_0123456789abcdef'])).toBe('got "tk_0……"');
    expect(maskText('short ops team', ['ops'])).toBe('short ops team');
  });
});
