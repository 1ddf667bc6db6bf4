import { catalog } from '../checks/index.js';
import { InputError } from '../errors.js';
import { parsePlan, type LoadedPlan } from '../plan/load.js';

export const PLAN_NOW = new Date('2026-11-30T12:00:00Z');

/** Loads plan text as harden.yaml, as of PLAN_NOW, with the real catalog. */
export function loadPlanText(text: string): LoadedPlan {
  return parsePlan(text, 'harden.yaml', { catalog, now: PLAN_NOW });
}

/** The `file:line:col: message` lines a plan is rejected with; throws if it loads. */
export function planErrors(text: string): string[] {
  try {
    loadPlanText(text);
  } catch (error) {
    if (error instanceof InputError) return error.lines;
    throw error;
  }
  throw new Error('expected the plan to be rejected');
}
