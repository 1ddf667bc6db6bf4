/**
 * Trigger rules over rolling windows of samples: rule.ts reads "p99 > 500ms for 10m", window.ts
 * keeps one trigger's samples with its latencies sorted, engine.ts fires and resolves triggers.
 * docs/monitor-triggers.md is the reference.
 */
export { TRIGGER_MIN_SAMPLES, TriggerEngine, type TriggerEngineOptions, type TriggerState, type TriggerTransition } from './engine.js';
export { parseTriggerRule, type TriggerError, type TriggerMetric, type TriggerOp, type TriggerRule } from './rule.js';
export { TRIGGER_MAX_SAMPLES } from './window.js';
