import type { AnyCheck } from './define.js';
import { runAsNonRoot } from './k8s/run-as-non-root.js';

/** Every check harden ships; a test holds this list against the files under src/checks. */
export const CHECKS: readonly AnyCheck[] = [runAsNonRoot];

export const catalog: ReadonlyMap<string, AnyCheck> = new Map(CHECKS.map((check) => [check.id, check]));
