/**
 * The condition language of monitors (`expect:`): `SUBJECT OP VALUE`, e.g. `status == 200`,
 * `latency < 500ms`, `body.status == 'ok'`, `cert.expires > 14d`. Conditions are compiled to
 * closures once, when the plan loads; evaluating one is a property read and a comparison.
 * docs/monitor-conditions.md is the reference.
 *
 * tokens.ts is the cursor and operators, subjects.ts what each probe kind can be asked about,
 * values.ts the literals, parse.ts a whole condition, compile.ts its type check and closure,
 * defaults.ts the conditions a monitor has unwritten, evaluate.ts running them on an observation.
 */
export type { Condition, ConditionError, Evaluation } from './condition.js';
export { evaluateConditions } from './evaluate.js';
export { parseConditions } from './parse.js';
