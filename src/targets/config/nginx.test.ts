import { describe, expect, it } from 'vitest';
import { includeResolver, looksLikeNginx, parseNginx } from './nginx.js';

describe('parseNginx', () => {
  it('reads statements, blocks, comments and quoted strings with positions', () => {
    const directives = parseNginx('# top\nhttp {\n  add_header X-A "a; b" always; # c\n  server {\n    location ~ "\\.php$" { deny all; }\n  }\n}\n');
    expect(directives).toHaveLength(1);
    const http = directives[0]!;
    expect(http).toMatchObject({ name: 'http', line: 2, column: 1 });
    expect(http.block![0]).toEqual({ name: 'add_header', args: ['X-A', 'a; b', 'always'], line: 3, column: 3 });
    const location = http.block![1]!.block![0]!;
    expect(location).toMatchObject({ name: 'location', args: ['~', '\\.php$'], line: 5 });
    expect(location.block).toEqual([{ name: 'deny', args: ['all'], line: 5, column: 27 }]);
  });

  it('never throws on broken input', () => {
    expect(parseNginx('}\nserver { listen 80')).toEqual([{ name: 'server', args: [], line: 2, column: 1, block: [{ name: 'listen', args: ['80'], line: 2, column: 10 }] }]);
    expect(parseNginx('"unterminated')).toEqual([{ name: 'unterminated', args: [], line: 1, column: 1 }]);
  });

  it('tells nginx from other .conf files', () => {
    expect(looksLikeNginx(parseNginx('server { listen 80; }'))).toBe(true);
    expect(looksLikeNginx(parseNginx('PasswordAuthentication no\nPort 22\n'))).toBe(false);
  });
});

describe('includeResolver', () => {
  it('matches the last two path segments, globs allowed', () => {
    const files = new Map([
      ['deploy/nginx/snippets/headers.conf', parseNginx('add_header X-A a;')],
      ['deploy/nginx/conf.d/a.conf', parseNginx('server { }')],
    ]);
    const resolve = includeResolver(files);
    expect(resolve('/etc/nginx/snippets/headers.conf')).toHaveLength(1);
    expect(resolve('conf.d/*.conf')).toHaveLength(1);
    expect(resolve('/etc/nginx/sites-enabled/*')).toBeUndefined();
  });
});
