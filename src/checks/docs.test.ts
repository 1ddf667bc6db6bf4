import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogMarkdown, checkMarkdown } from './docs.js';
import { CHECKS } from './index.js';
import { ingressRiskyAnnotations } from './k8s/ingress-risky-annotations.js';
import { runAsNonRoot } from './k8s/run-as-non-root.js';

describe('check docs', () => {
  it('docs/checks.md is generated from the current metadata (run npm run docs)', () => {
    expect(readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8')).toBe(`${catalogMarkdown(CHECKS)}\n`);
  });

  it('documents why, fix, messages and references of a check', () => {
    const doc = checkMarkdown(runAsNonRoot);
    expect(doc).toContain('### `k8s/run-as-non-root` — Containers run as a non-root user');
    expect(doc).toContain('Severity **medium**');
    expect(doc).toContain('- `rootUser`: container "{container}" sets runAsUser: 0');
    expect(doc).toContain('CIS Kubernetes Benchmark 5.2.6');
  });

  it('names the kinds a check reads, when it declares them', () => {
    expect(checkMarkdown(ingressRiskyAnnotations)).toContain('Severity **high** · target `k8s-object` · kinds `Ingress`');
    expect(checkMarkdown(runAsNonRoot)).not.toContain('kinds');
  });
});
