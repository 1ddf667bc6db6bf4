import { parseDuration } from '../../duration.js';

/** Latency metrics are over up samples (ms); error_rate is the percent of samples down. */
export type TriggerMetric = 'p50' | 'p90' | 'p95' | 'p99' | 'avg' | 'max' | 'error_rate';
export type TriggerOp = '>' | '>=' | '<' | '<=';

export interface TriggerRule {
  metric: TriggerMetric;
  op: TriggerOp;
  /** Milliseconds for latency metrics, percent (0–100) for error_rate. */
  threshold: number;
  windowMs: number;
  /** The threshold and window as written ("500ms", "10m"), for titles. */
  thresholdText: string;
  windowText: string;
}

/** Where a rule is wrong: column is 1-based in the rule's text. */
export interface TriggerError {
  column: number;
  message: string;
}

const METRICS: readonly TriggerMetric[] = ['p50', 'p90', 'p95', 'p99', 'avg', 'max', 'error_rate'];
const TOKEN = /[<>=!]+|[^\s<>=!]+/g;
const OPS: readonly string[] = ['>', '>=', '<', '<='];
const PERCENT = /^(\d+(?:\.\d+)?)%$/;

/** Reads `METRIC OP VALUE for DURATION`, e.g. "p99 > 500ms for 10m", "error_rate >= 5% for 5m". */
export function parseTriggerRule(text: string): { rule: TriggerRule } | { error: TriggerError } {
  const tokens = splitTokens(text);
  const fail = (column: number, message: string) => ({ error: { column, message } });
  const end = text.trimEnd().length + 1;
  const list = `p50, p90, p95, p99, avg, max or error_rate`;

  const metric = tokens[0];
  if (!metric) return fail(1, `expected a metric (${list}), e.g. "p99 > 500ms for 10m"`);
  if (!METRICS.includes(metric.text as TriggerMetric)) return fail(metric.column, `unknown metric "${metric.text}"; use ${list}`);
  const op = tokens[1];
  if (!op) return fail(end, `expected a comparison (>, >=, < or <=) after ${metric.text}`);
  if (!OPS.includes(op.text)) return fail(op.column, `expected a comparison (>, >=, < or <=), got "${op.text}"`);
  const value = tokens[2];
  const isRate = metric.text === 'error_rate';
  const example = isRate ? 'a percentage such as 5%' : 'a latency such as 500ms';
  if (!value) return fail(end, `expected ${example} after ${op.text}`);
  const threshold = isRate ? readPercent(value.text) : parseDuration(value.text);
  if (threshold === undefined) return fail(value.column, `${metric.text} is compared with ${example}, got "${value.text}"`);
  if (isRate && threshold > 100) return fail(value.column, `an error rate is at most 100%, got "${value.text}"`);
  const forWord = tokens[3];
  if (!forWord) return fail(end, `expected "for DURATION" after ${value.text}, e.g. "for 10m"`);
  if (forWord.text !== 'for') return fail(forWord.column, `expected "for", got "${forWord.text}"`);
  const window = tokens[4];
  if (!window) return fail(end, 'expected a duration after "for", e.g. 10m');
  const windowMs = parseDuration(window.text);
  if (windowMs === undefined || windowMs <= 0) return fail(window.column, `expected a duration such as 10m, got "${window.text}"`);
  const extra = tokens[5];
  if (extra) return fail(extra.column, `unexpected "${extra.text}" after the duration`);
  return {
    rule: { metric: metric.text as TriggerMetric, op: op.text as TriggerOp, threshold, windowMs, thresholdText: value.text, windowText: window.text },
  };
}

/** Words and runs of comparison characters, so "p99>500ms" reads like "p99 > 500ms". */
function splitTokens(text: string): { text: string; column: number }[] {
  return [...text.matchAll(TOKEN)].map((match) => ({ text: match[0], column: match.index + 1 }));
}

function readPercent(text: string): number | undefined {
  const match = PERCENT.exec(text);
  return match ? Number(match[1]) : undefined;
}
