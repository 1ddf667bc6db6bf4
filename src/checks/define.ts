import { z } from 'zod';
import type { Claim } from '../claim.js';
import type { Severity } from '../severity.js';
import type { TargetKind, TargetTypes } from '../targets/kinds.js';
import type { Location } from '../targets/location.js';
import type { SharedIndex } from '../targets/repo/shared-index.js';

export type MessageData = Record<string, string | number>;

/** Values a check computed on a target (a grade and score, an expiry date and days left), kept as structured data. */
export type ResultData = Record<string, string | number | boolean>;

/** A message template, or a template with its own severity when one outcome of a check is worse than another. */
export type MessageSpec = string | { text: string; severity: Severity };

/** Another place a failure involves, and what is there: where a referenced Secret is created. */
export interface RelatedLocation {
  at: Location;
  message: string;
}

/** What a failure carries besides its message. */
export interface FailDetails {
  /** What was read that shows the failure (a header, a masked value). */
  evidence?: string;
  /** Other places the failure involves, such as the other side of a cross-file reference. */
  related?: readonly RelatedLocation[];
}

/** What a check's evaluate function can report. */
export interface CheckContext<MessageId extends string> {
  /** `details`: the evidence alone as a string, or evidence and related places. */
  fail(at: Location, messageId: MessageId, data?: MessageData, details?: string | FailDetails): void;
  /** The target is outside the check's scope: no result at all, not even a pass. */
  notApplicable(): void;
  /** What was measured when the target passes (a grade, a count): kept as the pass result's evidence. */
  measured(evidence: string): void;
  /** Values computed on this target: the `data` of its result (pass or failures) in the JSON report. Merged when called again. */
  computed(data: ResultData): void;
  /** A cross-target index (built once per workspace) such as the Secrets the repo creates. */
  shared<T>(index: SharedIndex<T>): T;
}

export interface PeerRule<MessageId extends string = string> {
  tool: 'polaris' | 'kube-score' | 'kube-linter' | 'checkov' | 'hadolint' | 'zizmor' | 'trivy';
  rule: string;
  // NoInfer: the message ids are inferred from `messages`, a peer names a subset of them.
  messages?: NoInfer<MessageId>[];
}

/** The target kinds that are Kubernetes objects of a `kind:`: the objects themselves, and workloads. */
export type KindedTargetKind = 'k8s-object' | 'k8s-workload';

export type CheckDomain = 'k8s' | 'docker' | 'compose' | 'ci' | 'repo' | 'http' | 'tls' | 'dns' | 'net' | 'probe' | 'host' | 'backup' | 'secret' | 'monitor';

export interface CheckDefinition<K extends TargetKind, MessageId extends string, Options extends z.ZodObject> {
  /** `<domain>/<name>`, equal to the module's path under src/checks. */
  id: string;
  title: string;
  severity: Severity;
  target: K;
  /**
   * The Kubernetes kinds the check reads, for object and workload targets: `Ingress` in any API
   * group, or `group/Kind` in that group only (`rbac.authorization.k8s.io/Role`; `v1/Secret` for
   * the core API). The engine does not evaluate other objects: they get no result at all.
   */
  kinds?: K extends KindedTargetKind ? readonly string[] : never;
  why: string;
  fix: string;
  refs: string[];
  messages: Record<MessageId, MessageSpec>;
  /**
   * Rules of peer tools this check is equivalent to, for `npm run conformance`:
   * restricted to some message ids when only part of the check matches the peer rule.
   */
  peers?: PeerRule<MessageId>[];
  /** What plan items claim that this check measures: what `harden link` looks for in their text. */
  claims?: Claim<NoInfer<MessageId>>[];
  /** Parameters an item's `with:` may set; defaults apply to a plain scan. */
  options?: Options;
  /** Time one evaluation needs at least (active probes); the run's --timeout applies when larger. */
  budgetMs?: number;
  evaluate(target: TargetTypes[K], ctx: CheckContext<MessageId>, options: z.output<Options>): void | Promise<void>;
}

export interface Check<K extends TargetKind = TargetKind, MessageId extends string = string, Options extends z.ZodObject = z.ZodObject> extends CheckDefinition<K, MessageId, Options> {
  readonly domain: CheckDomain;
  readonly options: Options;
}

const NO_OPTIONS = z.object({}).strict();

export function defineCheck<K extends TargetKind, MessageId extends string, Options extends z.ZodObject = typeof NO_OPTIONS>(
  definition: CheckDefinition<K, MessageId, Options>,
): Check<K, MessageId, Options> {
  const domain = definition.id.split('/')[0] as CheckDomain;
  return { ...definition, domain, options: definition.options ?? (NO_OPTIONS as unknown as Options) };
}

/** Any check, whatever its target and messages: the registry's element type. */
// eslint-style escape: evaluate's parameter types vary per check, so the registry erases them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous registry; each check is typed where it is defined
export type AnyCheck = Check<any, string, any>;

export function messageText(check: AnyCheck, messageId: string): string {
  const spec = (check.messages as Record<string, MessageSpec | undefined>)[messageId];
  return spec === undefined ? messageId : typeof spec === 'string' ? spec : spec.text;
}

/** The message's own severity, else the check's. */
export function messageSeverity(check: AnyCheck, messageId: string): Severity {
  const spec = (check.messages as Record<string, MessageSpec | undefined>)[messageId];
  return typeof spec === 'object' ? spec.severity : check.severity;
}

export function formatMessage(template: string, data: MessageData = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
