import type { Observation } from '../probes/define.js';
import { type Condition, Evaluation, type Verdict } from './condition.js';

const NEVER = new AbortController().signal;

/**
 * undefined when every condition holds; else the first failure: "status == 200: got 503". At
 * hand at once, unless a long regex match has to run off the event loop: then a promise that
 * rejects with `signal`'s reason when it aborts first.
 */
export function evaluateConditions(conditions: readonly Condition[], observation: Observation, now: number, signal: AbortSignal = NEVER): Verdict | Promise<Verdict> {
  if (conditions.length === 0) return undefined;
  return evaluateFrom(conditions, 0, new Evaluation(observation, now, signal));
}

function evaluateFrom(conditions: readonly Condition[], start: number, evaluation: Evaluation): Verdict | Promise<Verdict> {
  for (let i = start; i < conditions.length; i++) {
    const condition = conditions[i]!;
    const detail = condition.test(evaluation);
    if (detail instanceof Promise) return detail.then((later) => (later === undefined ? evaluateFrom(conditions, i + 1, evaluation) : failure(condition, later)));
    if (detail !== undefined) return failure(condition, detail);
  }
  return undefined;
}

function failure(condition: Condition, detail: string): string {
  return condition.text ? `${condition.text}: ${detail}` : detail;
}
