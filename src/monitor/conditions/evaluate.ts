import type { Observation } from '../probes/define.js';
import { type Condition, Evaluation } from './condition.js';

/** undefined when every condition holds; else the first failure: "status == 200: got 503". */
export function evaluateConditions(conditions: readonly Condition[], observation: Observation, now: number): string | undefined {
  if (conditions.length === 0) return undefined;
  const evaluation = new Evaluation(observation, now);
  for (const condition of conditions) {
    const detail = condition.test(evaluation);
    if (detail !== undefined) return condition.text ? `${condition.text}: ${detail}` : detail;
  }
  return undefined;
}
