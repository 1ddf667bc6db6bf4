import { describe, expect, it } from 'vitest';
import type { YamlRecord } from '../yaml/read.js';
import type { K8sObject } from './objects.js';
import { buildScopeIndex, type Placement } from './scopes.js';

const object = (file: string, namespace?: string): K8sObject => ({ file, namespace }) as K8sObject;

function scopes(files: Record<string, YamlRecord | null>) {
  return buildScopeIndex(Object.keys(files), (file) => files[file] ?? undefined);
}

const units = (placements: readonly Placement[]) => placements.map((placement) => `${placement.unit} ${placement.namespace}`).sort();

describe('scopeIndex', () => {
  it('an unset namespace is default, never any namespace', () => {
    const index = scopes({ 'k8s/a.yaml': null, 'k8s/b.yaml': null });
    expect(index.related(object('k8s/a.yaml'), object('k8s/b.yaml'))).toBe(true);
    expect(index.related(object('k8s/a.yaml'), object('k8s/b.yaml', 'default'))).toBe(true);
    expect(index.related(object('k8s/a.yaml'), object('k8s/b.yaml', 'shop'))).toBe(false);
  });

  it('plain manifests: the highest directory without a kustomization (podinfo deploy/secure/{common,frontend} vs deploy/bases)', () => {
    const index = scopes({
      'deploy/bases/frontend/kustomization.yaml': { resources: ['deployment.yaml', 'hpa.yaml'] },
      'deploy/bases/frontend/deployment.yaml': null,
      'deploy/bases/frontend/hpa.yaml': null,
      'deploy/secure/common/service-account.yaml': null,
      'deploy/secure/frontend/deployment.yaml': null,
      'deploy/secure/frontend/hpa.yaml': null,
    });
    const secure = object('deploy/secure/frontend/deployment.yaml', 'secure');
    expect(index.related(secure, object('deploy/secure/common/service-account.yaml', 'secure'))).toBe(true);
    expect(index.related(secure, object('deploy/bases/frontend/hpa.yaml'))).toBe(false);
    expect(index.related(secure, object('deploy/bases/frontend/hpa.yaml', 'secure'))).toBe(false);
    expect(units(index.placements(secure))).toEqual(['deploy/secure secure']);
  });

  it('two copies of one app in sibling directories, a rendered release file beside them (microservices-demo)', () => {
    const index = scopes({
      'kubernetes-manifests/kustomization.yaml': { resources: ['adservice.yaml'] },
      'kubernetes-manifests/adservice.yaml': null,
      'kustomize/base/kustomization.yaml': { resources: ['adservice.yaml'] },
      'kustomize/base/adservice.yaml': null,
      'kustomize/kustomization.yaml': { resources: ['base'], components: ['# commented'] },
      'kustomize/components/network-policies/kustomization.yaml': { kind: 'Component', resources: ['network-policy-adservice.yaml'] },
      'kustomize/components/network-policies/network-policy-adservice.yaml': null,
      'kustomize/tests/with-all-components/kustomization.yaml': { resources: ['../../base'], components: ['../../components/network-policies'] },
      'release/kubernetes-manifests.yaml': null,
    });
    const plain = object('kubernetes-manifests/adservice.yaml');
    expect(index.related(plain, object('release/kubernetes-manifests.yaml'))).toBe(false);
    expect(index.related(plain, object('kustomize/base/adservice.yaml'))).toBe(false);
    // The base is deployed by the root kustomization and by the test, not alone.
    expect(units(index.placements(object('kustomize/base/adservice.yaml')))).toEqual(['kustomize default', 'kustomize/tests/with-all-components default']);
    const policy = object('kustomize/components/network-policies/network-policy-adservice.yaml');
    expect(units(index.placements(policy))).toEqual(['kustomize/tests/with-all-components default']);
    expect(index.related(policy, object('kustomize/base/adservice.yaml'))).toBe(true);
    expect(units(index.placements(object('release/kubernetes-manifests.yaml')))).toEqual(['release default']);
  });

  it("a base and an overlay: the overlay's namespace wins over the base's and the manifest's", () => {
    const index = scopes({
      'base/kustomization.yaml': { namespace: 'base-ns', resources: ['deployment.yaml'] },
      'base/deployment.yaml': null,
      'overlays/prod/kustomization.yaml': { namespace: 'prod', resources: ['../../base', 'pdb.yaml'] },
      'overlays/prod/pdb.yaml': null,
      'overlays/dev/kustomization.yaml': { resources: ['../../base'] },
      'overlays/remote/kustomization.yaml': { resources: ['github.com/org/repo//deploy?ref=v1', 'https://example.com/x.yaml'] },
    });
    const deployment = object('base/deployment.yaml', 'written');
    expect(units(index.placements(deployment))).toEqual(['overlays/dev base-ns', 'overlays/prod prod']);
    expect(index.related(deployment, object('overlays/prod/pdb.yaml'))).toBe(true);
    expect(index.sameUnit(object('overlays/dev/kustomization.yaml'), deployment)).toBe(true);
  });

  it('a kustomization including itself through a cycle still places its files', () => {
    const index = scopes({ 'a/kustomization.yaml': { resources: ['../b'] }, 'b/kustomization.yaml': { resources: ['../a'] }, 'a/x.yaml': null });
    expect(units(index.placements(object('a/x.yaml')))).toEqual(['a default']);
  });
});
