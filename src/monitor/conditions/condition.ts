import type { Observation } from '../probes/define.js';

export interface ConditionError {
  /** Index into the list of condition texts. */
  index: number;
  /** 1-based column in that text. */
  column: number;
  message: string;
}

export interface Condition {
  /** As written (trimmed); empty for a default condition, whose detail is the whole reason. */
  readonly text: string;
  /** What it looks at: status, latency, latency.dns, body, body.PATH, header.NAME, cert.expires, answers. */
  readonly subject: string;
  /** undefined when it holds; else what was found instead ("got 503"). A long regex match answers later. */
  readonly test: (sample: Evaluation) => Verdict | Promise<Verdict>;
}

/** undefined when a condition holds; else what was found instead. */
export type Verdict = string | undefined;

/** `next(value)`: now when `value` is at hand, else once it resolves. */
export function andThen<T, U>(value: T | Promise<T>, next: (value: T) => U): U | Promise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** A compiled condition's check of one observation. */
export type Test = Condition['test'];

/** One observation being evaluated; its body is parsed as JSON at most once, on first use. */
export class Evaluation {
  private json: { value: unknown } | null | undefined;
  constructor(
    readonly observation: Observation,
    readonly now: number,
    /** The probe's deadline: a long regex match stops when it aborts. */
    readonly signal: AbortSignal,
  ) {}

  /** The parsed JSON body; null when the body is not JSON. */
  parsedBody(): { value: unknown } | null {
    if (this.json === undefined) {
      try {
        this.json = { value: JSON.parse(this.observation.body ?? '') as unknown };
      } catch {
        this.json = null;
      }
    }
    return this.json;
  }
}
