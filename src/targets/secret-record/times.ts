import type { K8sObject } from '../k8s/objects.js';
import type { Location } from '../location.js';
import { asArray, asRecord, asString } from '../yaml/read.js';

/** A time a manifest shows for a secret, and where it shows it. */
export interface SecretTime {
  readonly at: Date;
  /** What the time is: `metadata.creationTimestamp`, `annotation rotated-at`, `managedFields (kubectl-client-side-apply)`. */
  readonly source: string;
  readonly location: Location;
}

/** When a secret's object says it was created, and when its value was last written or rotated. */
export interface SecretTimes {
  readonly created?: SecretTime;
  /** The latest rotation annotation or write of its data; undefined when the object records none. */
  readonly rotated?: SecretTime;
}

/**
 * Annotation names (the part after any `prefix/`) that record a rotation or a refresh of the
 * value: `rotated-at`, `example.com/last-rotated`, `rotation-time`, `lastRotated`, `renewed`,
 * `updated-at`; only a value that reads as a date or date-time counts.
 */
const ROTATION_KEY = /rotat|renew|refresh|updated|modified|changed/i;

/** Fields whose write is a write of the secret's value: the manager's entry names them, never their contents. */
const VALUE_FIELDS = ['f:data', 'f:stringData', 'f:binaryData', 'f:spec'];

/**
 * The creation and rotation times a Secret (or SealedSecret, ExternalSecret) object records:
 * metadata.creationTimestamp, rotation annotations with a date or date-time value, and the
 * newest managedFields entry that wrote its data. Values under `data`/`stringData` are never read.
 */
export function secretTimes(object: K8sObject): SecretTimes {
  const metadata = asRecord(object.data.metadata);
  const created = timeAt(object, asString(metadata?.creationTimestamp), 'metadata.creationTimestamp', ['metadata', 'creationTimestamp']);
  const rotations: SecretTime[] = [];
  for (const [key, value] of Object.entries(asRecord(metadata?.annotations) ?? {})) {
    const name = key.slice(key.lastIndexOf('/') + 1);
    if (!ROTATION_KEY.test(name)) continue;
    const time = timeAt(object, asString(value), `annotation ${key}`, ['metadata', 'annotations', key]);
    if (time) rotations.push(time);
  }
  asArray(metadata?.managedFields).forEach((entry, index) => {
    const record = asRecord(entry);
    const fields = asRecord(record?.fieldsV1);
    if (!fields || !VALUE_FIELDS.some((field) => field in fields)) return;
    const manager = asString(record?.manager) ?? 'unknown manager';
    const time = timeAt(object, asString(record?.time), `managedFields (${manager} wrote its data)`, ['metadata', 'managedFields', index, 'time']);
    if (time) rotations.push(time);
  });
  const rotated = rotations.sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  return { ...(created ? { created } : {}), ...(rotated ? { rotated } : {}) };
}

const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function timeAt(object: K8sObject, text: string | undefined, source: string, path: (string | number)[]): SecretTime | undefined {
  if (!text || !DATE_OR_TIME.test(text.trim())) return undefined;
  const trimmed = text.trim();
  // A date-time without a zone is read as UTC, as a date is.
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed : `${trimmed.replace(' ', 'T')}Z`);
  if (Number.isNaN(at.getTime())) return undefined;
  return { at, source, location: object.at(path) };
}
