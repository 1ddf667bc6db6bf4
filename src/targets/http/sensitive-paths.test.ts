import { describe, expect, it } from 'vitest';
import type { HttpResponse } from './client.js';
import { exposure, SENSITIVE_PATHS, type SensitivePath } from './sensitive-paths.js';

function response(body: string, status = 200, contentType = 'text/plain'): HttpResponse {
  return { url: 'http://127.0.0.1/', status, headers: new Map([['content-type', [contentType]]]), body, bodyTruncated: false, firstByteMs: 1, totalMs: 1 };
}

const NOT_FOUND = { path: '/harden-absent', response: response('<h1>Not found</h1>', 404, 'text/html') };

function entry(path: string): SensitivePath {
  const found = SENSITIVE_PATHS.find((candidate) => candidate.path === path);
  if (!found) throw new Error(`no entry for ${path}`);
  return found;
}

function evidence(path: string, body: string, contentType?: string): string | undefined {
  return exposure(entry(path), response(body, 200, contentType), NOT_FOUND);
}

describe('sensitive paths', () => {
  it('is a bounded list of distinct paths, every category represented', () => {
    expect(SENSITIVE_PATHS.length).toBeLessThanOrEqual(39);
    expect(new Set(SENSITIVE_PATHS.map((p) => p.path)).size).toBe(SENSITIVE_PATHS.length);
    expect(new Set(SENSITIVE_PATHS.map((p) => p.category))).toEqual(new Set(['secrets', 'source', 'debug', 'backups', 'listing']));
  });

  it('recognises each file by its content, masking secrets to 4 characters', () => {
    expect(evidence('/.npmrc', '//registry.npmjs.org/:_authToken=npm_abcdefghijklmnop\n')).toBe('//registry.npmjs.org/:_authToken=npm_…');
    expect(evidence('/.aws/credentials', '[default]\naws_access_key_id = AKIAABCDEFGHIJKLMNOP\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG\n')).toBe('aws_access_key_id = AKIA…\naws_secret_access_key = wJal…');
    expect(evidence('/.htpasswd', 'admin:$apr1$r31.....$HqJZimcKQFAMYayBlzkrA/\n')).toBe('admin:$apr…');
    expect(evidence('/wp-config.php.bak', "<?php\ndefine('DB_NAME', 'shop');\ndefine('DB_PASSWORD', 's3cr3t-pass');\n")).toBe("define('DB_NAME', 'shop…');\ndefine('DB_PASSWORD', 's3cr…');");
    expect(evidence('/.env', 'DATABASE_URL=postgres://app:npg_secretvalue@db.internal/app\nDEBUG=false\n')).toBe('DATABASE_URL=postgres://app:npg_…@db.internal/app\nDEBUG=fals…');
    expect(evidence('/.git/HEAD', 'ref: refs/heads/main\n')).toBe('ref: refs/heads/main');
    expect(evidence('/.svn/entries', '12\n')).toBe('format 12');
    expect(evidence('/.hg/hgrc', '[paths]\ndefault = https://hg.example.test/repo\n')).toBe('[paths]\ndefault = http…');
    expect(evidence('/.DS_Store', '\0\0\0\x01Bud1\0\0\x10\0')).toMatch(/^\.DS_Store/);
    expect(evidence('/docker-compose.yml', 'services:\n  web:\n    image: nginx:1.27\n')).toBe('services:\nimage: nginx:1.27');
    expect(evidence('/debug/pprof/', '<html><body>Types of profiles available:<table>', 'text/html')).toBe('Types of profiles available:');
    expect(evidence('/debug/vars', '{"cmdline":["/app","--token=abc"],"memstats":{"Alloc":1}}', 'application/json')).toBe('JSON with "cmdline", "memstats"');
    expect(evidence('/actuator', '{"_links":{"self":{"href":"/actuator"},"env":{"href":"/actuator/env"}}}', 'application/vnd.spring-boot.actuator.v3+json')).toBe('_links: self, env');
    expect(evidence('/actuator/env', '{"activeProfiles":["prod"],"propertySources":[{"name":"x","properties":{"db.password":{"value":"s3cr3t"}}}]}', 'application/json')).toBe('JSON with "activeProfiles", "propertySources"');
    expect(evidence('/actuator/heapdump', 'JAVA PROFILE 1.0.2\0\0\0\x04')).toBe('JAVA PROFILE (HPROF)');
    expect(evidence('/server-status', '<html><head><title>Apache Status</title></head><body><h1>Apache Server Status for shop</h1>', 'text/html')).toContain('Apache Server Status');
    expect(evidence('/nginx_status', 'Active connections: 3 \nserver accepts handled requests\n')).toBe('Active connections: 3');
    expect(evidence('/phpinfo.php', '<html><body><h1 class="p">PHP Version 8.3.1</h1><h2>PHP License</h2>', 'text/html')).toBe('PHP Version 8.3.1 PHP License');
    expect(evidence('/backup.zip', 'PK\x03\x04\x14\0\0\0')).toMatch(/^zip/);
    expect(evidence('/', '<html><head><title>Directory listing for /</title></head>', 'text/html')).toBe('Directory listing for /');
  });

  it('does not take look-alikes for the real thing', () => {
    expect(evidence('/.env', '<!doctype html><html><body>APP=1\nB=2</body></html>', 'text/html')).toBeUndefined();
    expect(evidence('/.env', 'just one line=1')).toBeUndefined();
    expect(evidence('/.git/config', '<html><body>[core] docs</body></html>', 'text/html')).toBeUndefined();
    expect(evidence('/.git/HEAD', 'Not found')).toBeUndefined();
    expect(evidence('/metrics', 'metrics are private')).toBeUndefined();
    expect(evidence('/metrics', '# HELP only a help line')).toBeUndefined();
    expect(evidence('/actuator', '{"status":"UP"}', 'application/json')).toBeUndefined();
    expect(evidence('/backup.sql', '<html><body>CREATE TABLE tutorial</body></html>', 'text/html')).toBeUndefined();
    expect(evidence('/db.sql.gz', 'not gzip')).toBeUndefined();
    expect(evidence('/uploads/', '<html><body>Index of our products</body></html>', 'text/html')).toBeUndefined();
  });

  it('needs status 200', () => {
    expect(exposure(entry('/.git/HEAD'), response('ref: refs/heads/main', 403), NOT_FOUND)).toBeUndefined();
  });

  it('rejects the site catch-all page: same body as a never-existing path (its path blanked), or the signature on it too', () => {
    const page = (path: string) => `<html><body data-path="${path}">Index of /</body></html>`;
    const baseline = { path: '/harden-absent', response: response(page('/harden-absent'), 200, 'text/html') };
    expect(exposure(entry('/uploads/'), response(page('/uploads/'), 200, 'text/html'), baseline)).toBeUndefined();
    const envLike = { path: '/harden-absent', response: response('STATUS=missing\nPATH=/harden-absent\n') };
    expect(exposure(entry('/.env'), response('STATUS=missing\nPATH=/.env\n'), envLike)).toBeUndefined();
    // A site that answers 200 to unknown paths still leaks a real file that differs from its catch-all.
    const spa = { path: '/harden-absent', response: response('<!doctype html><html><body>app</body></html>', 200, 'text/html') };
    expect(exposure(entry('/.git/HEAD'), response('ref: refs/heads/main\n'), spa)).toBe('ref: refs/heads/main');
  });
});
