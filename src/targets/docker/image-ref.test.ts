import { describe, expect, it } from 'vitest';
import { floatsOnLatest, hasUnresolvedVariable, isPinnedByDigest, parseImageRef } from './image-ref.js';

const DIGEST = 'sha256:3da188378f61a13812e2ec8d090cfdbcad3033836da70574957988aaf8e9c1e8';

describe('parseImageRef', () => {
  it.each([
    ['nginx', { registry: undefined, repository: 'nginx', name: 'nginx', tag: undefined, digest: undefined }],
    ['nginx:1.27', { registry: undefined, repository: 'nginx', name: 'nginx', tag: '1.27', digest: undefined }],
    ['bitnami/redis:7.4', { registry: undefined, repository: 'bitnami/redis', name: 'redis', tag: '7.4', digest: undefined }],
    ['registry:5000/app', { registry: 'registry:5000', repository: 'app', name: 'app', tag: undefined, digest: undefined }],
    ['registry:5000/team/app:1.2', { registry: 'registry:5000', repository: 'team/app', name: 'app', tag: '1.2', digest: undefined }],
    ['localhost/app:dev', { registry: 'localhost', repository: 'app', name: 'app', tag: 'dev', digest: undefined }],
    [`ghcr.io/acme/api:1.4@${DIGEST}`, { registry: 'ghcr.io', repository: 'acme/api', name: 'api', tag: '1.4', digest: DIGEST }],
    [`[::1]:5000/app@${DIGEST}`, { registry: '[::1]:5000', repository: 'app', name: 'app', tag: undefined, digest: DIGEST }],
  ])('%s', (reference, expected) => {
    expect(parseImageRef(reference)).toEqual({ raw: reference, ...expected });
  });

  it('reads an empty reference as absent', () => {
    expect(parseImageRef('  ')).toBeUndefined();
  });
});

describe('pinning', () => {
  it.each([
    ['nginx', false, true],
    ['nginx:latest', false, true],
    ['nginx:LATEST', false, true],
    ['registry:5000/app', false, true],
    ['nginx:1.27', false, false],
    [`nginx@${DIGEST}`, true, false],
    [`nginx:latest@${DIGEST}`, true, false],
    ['nginx@sha256:abc', false, false],
  ])('%s: pinned %s, floats on latest %s', (reference, pinned, latest) => {
    const image = parseImageRef(reference)!;
    expect(isPinnedByDigest(image)).toBe(pinned);
    expect(floatsOnLatest(image)).toBe(latest);
  });
});

describe('hasUnresolvedVariable', () => {
  it.each([
    ['${IMAGE}', true],
    ['app:$TAG', true],
    ['$(IMAGE)', true],
    ['{{ .Values.image }}', true],
    ['app:IMAGE_PLACEHOLDER', false],
    ['registry:5000/app:1.2', false],
  ])('%s: %s', (reference, unresolved) => {
    expect(hasUnresolvedVariable(reference)).toBe(unresolved);
  });
});
