import { formatMessage, messageSeverity, messageText, type MessageData, type RelatedLocation, type ResultData } from '../checks/define.js';
import type { Location } from '../targets/location.js';
import type { YamlPath } from '../targets/yaml/source.js';
import { redactSecrets } from '../targets/secrets/redact.js';
import { fingerprint } from './fingerprint.js';
import type { CheckInvocation } from './invocation.js';
import { redactData, redactLocation } from './masked.js';
import type { Result } from './result.js';
import type { OrderedResult } from './result-order.js';
import type { CountedResult } from './tally.js';

/** What one evaluation of a check reports through `ctx.fail`. */
export interface Failure {
  at: Location;
  messageId: string;
  data: MessageData;
  evidence?: string;
  related?: readonly RelatedLocation[];
  /** What the evaluation computed (ctx.computed). */
  computed?: ResultData;
}

/**
 * A pass, kept this small for as long as the run is read (passes are the bulk of a large
 * repository's results): it is ordered and counted as it is, and built into a Result, with its
 * fingerprint, only when a reader asks for it, then dropped again.
 */
export class PassRecord implements OrderedResult, CountedResult {
  constructor(
    private readonly invoked: CheckInvocation,
    /** Masked already. */
    readonly target: string,
    /** Masked already. */
    readonly location: Location,
    private readonly declaredAt: YamlPath | undefined,
    private readonly evidence: string | undefined,
    private readonly data: ResultData | undefined = undefined,
  ) {}

  get checkId(): string {
    return this.invoked.check.id;
  }

  get invocation(): string {
    return this.invoked.key;
  }

  get status(): 'pass' {
    return 'pass';
  }

  get severity(): Result['severity'] {
    return this.invoked.check.severity;
  }

  get message(): string {
    return this.invoked.check.title;
  }

  get suppression(): undefined {
    return undefined;
  }

  toResult(): Result {
    const { check, key } = this.invoked;
    const pass: Result = { checkId: check.id, invocation: key, status: 'pass', severity: check.severity, message: check.title, location: this.location, target: this.target, fingerprint: fingerprint(check.id, this.target) };
    if (this.evidence !== undefined) pass.evidence = redactSecrets(this.evidence);
    if (this.data !== undefined) pass.data = redactResultData(this.data);
    if (this.declaredAt) pass.declaredAt = this.declaredAt;
    return pass;
  }
}

/** A failure kept compact while the targets are alive: its message and fingerprint are formed once they can be collected. */
export class FailRecord {
  constructor(
    private readonly invoked: CheckInvocation,
    /** Masked already. */
    private readonly target: string,
    private readonly declaredAt: YamlPath | undefined,
    private readonly failure: Failure,
    private readonly ignoredBecause: string | undefined,
  ) {}

  toResult(): Result {
    const { check, key } = this.invoked;
    const { at, messageId, evidence, related, computed } = this.failure;
    // Everything a check quotes from what it read is masked before it is formed into text or hashed.
    const data = redactData(this.failure.data);
    const result: Result = {
      checkId: check.id,
      invocation: key,
      status: 'fail',
      severity: messageSeverity(check, messageId),
      messageId,
      message: redactSecrets(formatMessage(messageText(check, messageId), data)),
      location: redactLocation(at),
      target: this.target,
      fingerprint: fingerprint(check.id, this.target, messageId, data),
    };
    if (evidence !== undefined) result.evidence = redactSecrets(evidence);
    if (computed !== undefined) result.data = redactResultData(computed);
    if (related?.length) result.related = related.map((place) => ({ location: redactLocation(place.at), message: redactSecrets(place.message) }));
    if (this.ignoredBecause !== undefined) result.suppression = { by: 'inline', reason: redactSecrets(this.ignoredBecause) };
    if (this.declaredAt) result.declaredAt = this.declaredAt;
    return result;
  }
}

/** Computed values are numbers, dates and grades; a string is masked like evidence all the same. */
function redactResultData(data: ResultData): ResultData {
  const out: ResultData = {};
  for (const [key, value] of Object.entries(data)) out[key] = typeof value === 'string' ? redactSecrets(value) : value;
  return out;
}
