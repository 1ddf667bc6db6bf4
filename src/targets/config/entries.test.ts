import { describe, expect, it } from 'vitest';
import { configFormatOf, dotenvEntries, entriesOfText, keyValueEntries } from './entries.js';
import { environmentOf } from './config-sources.js';

describe('config entries', () => {
  it('reads dotenv lines: export, quotes, comments', () => {
    expect(dotenvEntries('# c\nexport A="x y" # note\nB=plain # note\nC=\nnot a line\n  D=\'q\'\n')).toEqual([
      { key: 'A', path: 'A', value: 'x y', line: 2, column: 8 },
      { key: 'B', path: 'B', value: 'plain', line: 3, column: 1 },
      { key: 'C', path: 'C', value: '', line: 4, column: 1 },
      { key: 'D', path: 'D', value: 'q', line: 6, column: 3 },
    ]);
  });

  it('reads INI/TOML/properties with sections', () => {
    expect(keyValueEntries('[database]\npassword = "s3"\n; comment\n[[servers]]\nhost: a\n')).toEqual([
      { key: 'password', path: '[database] password', value: 's3', line: 2, column: 1 },
      { key: 'host', path: '[servers] host', value: 'a', line: 5, column: 1 },
    ]);
  });

  it('reads YAML leaves with positions, offset for embedded files', () => {
    expect(entriesOfText('a:\n  b: [1, {c: x}]\n', 'yaml', 10)).toEqual([
      { key: 'b', path: 'a.b[0]', value: 1, line: 11, column: 7 },
      { key: 'c', path: 'a.b[1].c', value: 'x', line: 11, column: 11 },
    ]);
  });

  it('knows the formats by file name', () => {
    expect(['config/config.yaml', '.env', '.env.production', 'deploy/app.env', 'settings.ini', 'Cargo.toml', 'nginx.conf'].map(configFormatOf)).toEqual([
      'yaml', 'dotenv', 'dotenv', 'dotenv', 'key-value', 'key-value', undefined,
    ]);
  });
});

describe('environmentOf', () => {
  it('non-production words win, then production words, then an APP_ENV-style setting', () => {
    expect(environmentOf(['config/production.example.yaml'], [])).toBe('non-production');
    expect(environmentOf(['.env'], [])).toBe('non-production');
    expect(environmentOf(['.env.production'], [])).toBe('production');
    expect(environmentOf(['config/config.yaml'], [{ key: 'env', path: 'app.env', value: 'development', line: 1, column: 1 }])).toBe('non-production');
    expect(environmentOf(['config/config.yaml'], [{ key: 'environment', path: 'app.apns.environment', value: 'development', line: 1, column: 1 }])).toBe('unmarked');
    expect(environmentOf(['k8s/configmap.yaml', 'app-config', 'shop'], [])).toBe('unmarked');
  });
});
