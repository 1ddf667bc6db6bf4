import { describe, expect, it } from 'vitest';
import { isDeletion, looksLikeSession, parseSetCookie } from './set-cookie.js';

describe('parseSetCookie', () => {
  it('reads the name, value and attributes case-insensitively', () => {
    expect(parseSetCookie('__Host-sid=a=b; path=/; SECURE; HttpOnly; samesite=Lax; Domain=.Example.com; Max-Age=60')).toMatchObject({
      name: '__Host-sid',
      value: 'a=b',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      domain: 'example.com',
      path: '/',
      maxAge: 60,
    });
  });
  it('tells an absent SameSite from an empty one', () => {
    expect(parseSetCookie('a=1')!.sameSite).toBeUndefined();
    expect(parseSetCookie('a=1; SameSite')!.sameSite).toBe('');
  });
  it('recognises deletions and session-looking names', () => {
    expect(isDeletion(parseSetCookie('a=; Max-Age=0')!)).toBe(true);
    expect(isDeletion(parseSetCookie('a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT')!)).toBe(true);
    expect(isDeletion(parseSetCookie('a=1; Max-Age=5; Expires=Thu, 01 Jan 1970 00:00:00 GMT')!)).toBe(false);
    expect(['PHPSESSID', 'connect.sid', 'auth_token', 'remember_me', 'theme'].map(looksLikeSession)).toEqual([true, true, true, true, false]);
  });
});
