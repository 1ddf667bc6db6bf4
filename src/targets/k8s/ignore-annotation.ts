import { asString, type YamlRecord } from '../yaml/read.js';

export const IGNORE_ANNOTATION = 'harden.dev/ignore';

/**
 * Reads `harden.dev/ignore: "k8s/run-as-non-root: reason"`; several entries may be
 * given one per line or separated by ";".
 */
export function parseIgnoreAnnotation(...annotationSets: (YamlRecord | undefined)[]): Map<string, string> | undefined {
  let ignores: Map<string, string> | undefined;
  for (const annotations of annotationSets) {
    const value = asString(annotations?.[IGNORE_ANNOTATION]);
    if (!value) continue;
    for (const entry of value.split(/[\n;]/)) {
      const match = /^\s*([\w./*-]+)\s*:?\s*(.*?)\s*$/.exec(entry);
      if (!match?.[1]) continue;
      ignores ??= new Map();
      ignores.set(match[1], match[2] || 'no reason given');
    }
  }
  return ignores;
}
