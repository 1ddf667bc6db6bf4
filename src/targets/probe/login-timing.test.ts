import { describe, expect, it } from 'vitest';
import { fillBody } from './login-timing.js';

describe('fillBody', () => {
  it('escapes the account name for the body type', () => {
    expect(JSON.parse(fillBody('{"email":"{user}","password":"x"}', 'a"b\\@example.test', 'application/json'))).toEqual({ email: 'a"b\\@example.test', password: 'x' });
    expect(fillBody('email={user}&password=x', 'a+b@example.test', 'application/x-www-form-urlencoded')).toBe('email=a%2Bb%40example.test&password=x');
    expect(fillBody('<user>{user}</user>', 'alice', 'text/xml')).toBe('<user>alice</user>');
  });
});
