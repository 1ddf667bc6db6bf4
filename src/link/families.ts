import type { AnyCheck } from '../checks/define.js';
import { allOf, normalizeWords, phrase, type WordPattern } from './words.js';

/** The kind of file a check reads, as a tracker names it. */
export type Family = 'kubernetes' | 'compose' | 'dockerfile' | 'ci' | 'scripts';

const FAMILY_NAMES: Record<Family, readonly (string | readonly string[])[]> = {
  kubernetes: ['kubernetes', 'k8s', 'k3s', 'kubectl', 'manifest*', 'deployment*', 'daemonset*', 'statefulset*', 'helm', 'kustomiz*', 'ingress*', 'namespace*', 'pod spec*', 'cluster'],
  compose: ['compose', 'docker-compose'],
  dockerfile: ['dockerfile*', 'base image*', 'docker build', 'image build*', 'multi-stage'],
  ci: ['workflow*', 'github actions', 'ci', 'pipeline*', 'gitlab-ci'],
  scripts: ['script*', 'provisioning', 'bash', 'shell'],
};

const PATTERNS = Object.entries(FAMILY_NAMES).map(([family, names]) => [family as Family, names.map((name): WordPattern => (typeof name === 'string' ? phrase(name) : allOf(name)))] as const);

const TARGET_FAMILY: Partial<Record<string, Family>> = {
  'k8s-object': 'kubernetes',
  'k8s-workload': 'kubernetes',
  'k8s-container': 'kubernetes',
  'helm-values': 'kubernetes',
  'compose-service': 'compose',
  dockerfile: 'dockerfile',
  'ci-workflow': 'ci',
  'shell-script': 'scripts',
};

export function familyOf(check: AnyCheck): Family | undefined {
  return TARGET_FAMILY[check.target];
}

/** The kinds of file a text names ("Stage 3 — Kubernetes manifests", "the compose file"). */
export function familiesNamed(text: string): Set<Family> {
  const words = normalizeWords(text);
  return new Set(PATTERNS.filter(([, names]) => names.some((name) => name.matches(words))).map(([family]) => family));
}
