import { describe, expect, it } from 'vitest';
import { makeResult } from '../testing/scan-run-fixture.js';
import { RepoEvidence } from './repo-evidence.js';

function evidence(targets: string[]): RepoEvidence {
  const repo = new RepoEvidence();
  for (const target of targets) repo.add(makeResult({ checkId: 'k8s/run-as-non-root', status: 'pass', target, location: { kind: 'file', path: target.split('#')[0]!, line: 1, column: 1 } }));
  return repo;
}

describe('repository evidence', () => {
  const repo = evidence([
    'deploy/api.yaml#Deployment/prod/api-gateway/container:app',
    'deploy/app-1.yaml#Deployment/team-1/app-1',
    'deploy/app-17.yaml#Deployment/team-1/app-17',
    'deploy/app-17.yaml#CronJob/team-1/app-17-cleanup',
    'deploy/main.yaml#Deployment/prod/main',
    'compose/docker-compose.yml#services.redis-cache',
  ]);

  it('scopes to the objects the text names, each name whole and its words in a row', () => {
    expect(repo.namedTargets('k8s/run-as-non-root', 'The app-17 pods run as root')).toEqual(['Deployment/app-17']);
    expect(repo.namedTargets('k8s/run-as-non-root', 'app 17 cleanup job and the API gateway')).toEqual(['CronJob/app-17-cleanup', 'Deployment/api-gateway', 'Deployment/app-17']);
    expect(repo.namedTargets('k8s/run-as-non-root', 'Redis-Cache runs as root')).toEqual(['services.redis-cache']);
    expect(repo.namedTargets('k8s/run-as-non-root', 'app-170 and gateway api')).toBeUndefined();
  });

  it('does not scope on a name too common to mean an object, nor when every target is named, nor for a check without targets', () => {
    expect(repo.namedTargets('k8s/run-as-non-root', 'the main containers run as root')).toBeUndefined();
    const one = evidence(['deploy/app-17.yaml#Deployment/team-1/app-17']);
    expect(one.namedTargets('k8s/run-as-non-root', 'app-17 runs as root')).toBeUndefined();
    expect(repo.namedTargets('k8s/privileged', 'app-17 runs privileged')).toBeUndefined();
  });

  it('reads targets added after a first question', () => {
    const growing = evidence(['deploy/app-1.yaml#Deployment/team-1/app-1', 'deploy/app-2.yaml#Deployment/team-1/app-2']);
    expect(growing.namedTargets('k8s/run-as-non-root', 'app-3')).toBeUndefined();
    growing.add(makeResult({ checkId: 'k8s/run-as-non-root', status: 'fail', target: 'deploy/app-3.yaml#Deployment/team-1/app-3', location: { kind: 'file', path: 'deploy/app-3.yaml', line: 1, column: 1 } }));
    expect(growing.namedTargets('k8s/run-as-non-root', 'app-3')).toEqual(['Deployment/app-3']);
  });
});
