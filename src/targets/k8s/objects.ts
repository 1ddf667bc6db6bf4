import type { Location } from '../location.js';
import type { Target } from '../target.js';
import { asArray, asRecord, asString, type YamlRecord } from '../yaml/read.js';
import { toYamlPath, type ParsedYaml, type YamlDocument, type YamlPath } from '../yaml/source.js';
import { parseIgnoreAnnotation } from './ignore-annotation.js';

/** A Kubernetes object from a manifest file, with positions back into its source. */
export interface K8sObject extends Target {
  readonly file: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly data: YamlRecord;
  /** Where the object sits in its document (non-empty for items of a `kind: List`). */
  readonly basePath: YamlPath;
  readonly document: YamlDocument;
  at(path: string | YamlPath): Location;
}

export function objectsOfFile(file: string, parsed: ParsedYaml): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const main of parsed.documents) {
    // A document with a key set twice is read once more per earlier value (see YamlDocument.readings).
    [main, ...main.readings].forEach((document, reading) => {
      const root = asRecord(document.data);
      if (!root) return;
      if (root.kind === 'List' && Array.isArray(root.items)) {
        asArray(root.items).forEach((item, i) => {
          const object = toObject(file, document, asRecord(item), ['items', i], reading);
          if (object) objects.push(object);
        });
      } else {
        const object = toObject(file, document, root, [], reading);
        if (object) objects.push(object);
      }
    });
  }
  return objects;
}

function toObject(file: string, document: YamlDocument, data: YamlRecord | undefined, basePath: YamlPath, reading: number): K8sObject | undefined {
  const apiVersion = asString(data?.apiVersion);
  const kind = asString(data?.kind);
  if (!data || !apiVersion || !kind) return undefined;
  const metadata = asRecord(data.metadata);
  const name = asString(metadata?.name) ?? asString(metadata?.generateName) ?? `#${document.index}`;
  const namespace = asString(metadata?.namespace);
  const at = (path: string | YamlPath): Location => {
    const relative = typeof path === 'string' ? toYamlPath(path) : path;
    const { line, column } = document.locate([...basePath, ...relative]);
    return { kind: 'file', path: file, line, column };
  };
  return {
    identity: `${file}#${objectRef(kind, name, namespace)}`,
    file,
    apiVersion,
    kind,
    name,
    namespace,
    data,
    basePath,
    document,
    location: at([]),
    inlineIgnores: parseIgnoreAnnotation(asRecord(metadata?.annotations)),
    ...(reading > 0 ? { reading } : {}),
    at,
  };
}

export function objectRef(kind: string, name: string, namespace: string | undefined): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}
