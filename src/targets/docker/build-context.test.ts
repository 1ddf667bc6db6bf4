import { describe, expect, it } from 'vitest';
import { ignoreFor, isEnvFileName, isIgnored, readIgnoreFile, type BuildContextIndex } from './build-context.js';

describe('isIgnored', () => {
  const ignore = readIgnoreFile('.dockerignore', ['# comment', '**/.env', '**/.env.*', '!**/.env.example', '/config/', 'docs', '!docs/security.txt', '*.kube[cx]onfig', ''].join('\n'));

  it.each([
    ['.env', true],
    ['web/.env', true],
    ['.env.production', true],
    ['api/deep/.env.local', true],
    ['.env.example', false],
    ['web/.env.example', false],
    ['config/config.yaml', true],
    ['docs/runbook.md', true],
    ['docs/security.txt', false],
    ['prod.kubeconfig', true],
    ['src/main.go', false],
  ])('%s: %s', (path, ignored) => {
    expect(isIgnored(ignore, path)).toBe(ignored);
  });

  it('reads a plain name as the file or directory at the context root only, and * as one level', () => {
    const plain = readIgnoreFile('.dockerignore', '.env\n*.pem\n');
    expect(isIgnored(plain, '.env')).toBe(true);
    expect(isIgnored(plain, 'web/.env')).toBe(false);
    expect(isIgnored(plain, 'key.pem')).toBe(true);
    expect(isIgnored(plain, 'certs/key.pem')).toBe(false);
  });
});

describe('ignoreFor', () => {
  const file = (path: string) => readIgnoreFile(path, '.env\n');
  const index: BuildContextIndex = {
    ignores: new Map([
      ['', file('.dockerignore')],
      ['api', file('api/.dockerignore')],
      ['web/Dockerfile', file('web/Dockerfile.dockerignore')],
    ]),
    envFiles: [],
  };

  it('prefers the Dockerfile-specific file, then the nearest directory up to the root', () => {
    expect(ignoreFor(index, 'web/Dockerfile')).toEqual({ context: 'web', ignore: index.ignores.get('web/Dockerfile') });
    expect(ignoreFor(index, 'api/cmd/Dockerfile')).toEqual({ context: 'api', ignore: index.ignores.get('api') });
    expect(ignoreFor(index, 'admin/Dockerfile')).toEqual({ context: '', ignore: index.ignores.get('') });
    expect(ignoreFor({ ignores: new Map(), envFiles: [] }, 'Dockerfile')).toBeUndefined();
  });
});

describe('isEnvFileName', () => {
  it.each([
    ['.env', true],
    ['.env.production', true],
    ['prod.env', true],
    ['.env.example', false],
    ['.env.sample', false],
    ['.envrc', false],
    ['environment.ts', false],
  ])('%s: %s', (name, env) => {
    expect(isEnvFileName(name)).toBe(env);
  });
});
