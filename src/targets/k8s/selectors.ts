import { asArray, asRecord, asString, type YamlRecord } from '../yaml/read.js';

/** Labels as the API server stores them: string values only. */
export type Labels = ReadonlyMap<string, string>;

/** One requirement of a label selector, matchLabels entries included (as `In` with one value). */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/**
 * A Kubernetes label selector (`matchLabels` + `matchExpressions`, as in NetworkPolicy,
 * PodDisruptionBudget, Deployment) or a Service selector (a plain map). Requirements are ANDed.
 */
export interface LabelSelector {
  readonly requirements: readonly LabelRequirement[];
  /** No requirement at all: selects every pod of its namespace. */
  readonly selectsAll: boolean;
  /** An operator the API would reject, or In/NotIn without values: selects nothing. */
  readonly invalid: boolean;
  matches(labels: Labels): boolean;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A label value as written: strings, and numbers or booleans a user wrote unquoted. */
function labelValue(value: unknown): string | undefined {
  if (typeof value === 'boolean') return String(value);
  return asString(value);
}

/** `metadata.labels` (or any map of labels): non-scalar values are ignored, as the API would reject them. */
export function labelsOf(value: unknown): Labels {
  const labels = new Map<string, string>();
  const record = asRecord(value);
  if (!record) return labels;
  for (const [key, raw] of Object.entries(record)) {
    const text = labelValue(raw);
    if (text !== undefined) labels.set(key, text);
  }
  return labels;
}

/** A `metav1.LabelSelector`: `{ matchLabels, matchExpressions }`. */
export function parseLabelSelector(value: unknown): LabelSelector {
  const record = asRecord(value) ?? {};
  const requirements: LabelRequirement[] = [];
  let invalid = false;
  for (const [key, raw] of Object.entries(asRecord(record.matchLabels) ?? {})) {
    const text = labelValue(raw);
    if (text === undefined) invalid = true;
    else requirements.push({ key, operator: 'In', values: [text] });
  }
  for (const item of asArray(record.matchExpressions)) {
    const expression = asRecord(item);
    const key = asString(expression?.key);
    const operator = asString(expression?.operator);
    if (!expression || !key || !operator || !OPERATORS.has(operator)) {
      invalid = true;
      continue;
    }
    const values = asArray(expression.values).flatMap((v) => labelValue(v) ?? []);
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) invalid = true;
    requirements.push({ key, operator: operator as LabelRequirement['operator'], values });
  }
  return selector(requirements, invalid);
}

/** A Service's `spec.selector`: a plain map, every pair must match. */
export function parseMapSelector(value: unknown): LabelSelector {
  const requirements: LabelRequirement[] = [];
  let invalid = false;
  for (const [key, raw] of Object.entries(asRecord(value) ?? {})) {
    const text = labelValue(raw);
    if (text === undefined) invalid = true;
    else requirements.push({ key, operator: 'In', values: [text] });
  }
  return selector(requirements, invalid);
}

function selector(requirements: LabelRequirement[], invalid: boolean): LabelSelector {
  return {
    requirements,
    selectsAll: !invalid && requirements.length === 0,
    invalid,
    matches: (labels) => !invalid && requirements.every((requirement) => requirementMatches(requirement, labels)),
  };
}

function requirementMatches(requirement: LabelRequirement, labels: Labels): boolean {
  const value = labels.get(requirement.key);
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && requirement.values.includes(value);
    case 'NotIn':
      return value === undefined || !requirement.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
  }
}

/**
 * `key=value` pairs one of which every matching label set must carry (from the first `In`
 * requirement), for indexes that look candidates up instead of scanning; undefined when the
 * selector has no `In` requirement.
 */
export function requiredPairs(selector: LabelSelector): string[] | undefined {
  const first = selector.requirements.find((requirement) => requirement.operator === 'In');
  return first?.values.map((value) => labelPair(first.key, value));
}

export function labelPair(key: string, value: string): string {
  return `${key}=${value}`;
}

/** Pod template labels of a workload record (`podMetadata.labels`). */
export function podLabels(podMetadata: YamlRecord): Labels {
  return labelsOf(podMetadata.labels);
}

/** For the docs of checks that relate objects: how objects are matched (see targets/k8s/scopes.ts). */
export const UNSET_NAMESPACE_NOTE =
  'Objects are related only where they are deployed together: within one kustomization (with the bases and components it includes, and its `namespace:`), or for manifests no kustomization includes, within the highest directory whose tree holds no kustomization; and there within one namespace, an unset metadata.namespace being `default` (what `kubectl apply` does without `-n`), never any namespace.';
