import { posix } from 'node:path';
import { defineIndex } from '../repo/shared-index.js';
import type { Workspace } from '../repo/workspace.js';
import { asArray, asRecord, asString, type YamlRecord } from '../yaml/read.js';
import type { K8sObject } from './objects.js';

/**
 * One place an object is deployed: a deployable unit of the repository and the namespace the
 * object lands in there. Cross-object checks relate two objects only when they share a placement:
 * one repository often holds several copies of one application (plain manifests, a kustomize
 * base and its overlays, a rendered release file) that never run together.
 */
export interface Placement {
  /** The unit's directory (see {@link ScopeIndex}). */
  readonly unit: string;
  /** `metadata.namespace`, or the kustomization's `namespace:`; `default` when neither is set. */
  readonly namespace: string;
}

/**
 * Deployable units:
 * - a kustomization (`kustomization.yaml` in a directory) is one, with the files it lists in
 *   `resources`/`bases`/`components`/patches and the other files of its directory tree; a
 *   kustomization another one includes (a base, a component) is deployed as part of each
 *   top-level one that includes it, not alone;
 * - a manifest no kustomization includes belongs to the highest directory above it whose tree
 *   holds no kustomization (the whole repository when it has none): `kubectl apply -R -f dir`.
 * An unset namespace is `default` (what `kubectl apply` without `-n` does), never a wildcard.
 */
export interface ScopeIndex {
  placements(object: K8sObject): readonly Placement[];
  /** Placements of a file's objects whose own namespace is `namespace` (a kustomization may override it). */
  placementsOfFile(file: string, namespace: string | undefined): readonly Placement[];
  /** They share a unit and, there, a namespace. */
  related(a: K8sObject, b: K8sObject): boolean;
  /** They share a unit, whatever their namespaces (cluster-scoped objects: ClusterRoles, Namespaces). */
  sameUnit(a: K8sObject, b: K8sObject): boolean;
}

/** `default`: where `kubectl apply` puts an object that names no namespace. */
export const UNSET_NAMESPACE = 'default';

export function placementKey(placement: Placement): string {
  return `${placement.unit}\u0000${placement.namespace}`;
}

export function placementKeys(placements: readonly Placement[]): string[] {
  return placements.map(placementKey);
}

export const scopeIndex = defineIndex<ScopeIndex>('k8s/scopes', (workspace) => buildScopeIndex(workspace.files('manifests'), (file) => kustomizationOf(workspace, file)));

const KUSTOMIZATION = /^(kustomization\.ya?ml|Kustomization)$/;

function kustomizationOf(workspace: Workspace, file: string): YamlRecord | undefined {
  return asRecord(workspace.yaml(file).documents[0]?.data);
}

interface Kustomization {
  readonly dir: string;
  readonly namespace: string | undefined;
  /** Paths it lists, relative to the repository root: files or kustomization directories. */
  readonly references: readonly string[];
}

/** A file's units, each with the namespace the including kustomizations impose on it. */
type FileUnits = readonly { unit: string; namespace: string | undefined }[];

export function buildScopeIndex(files: readonly string[], read: (file: string) => YamlRecord | undefined): ScopeIndex {
  const kustomizations = new Map<string, Kustomization>();
  for (const file of files) {
    if (!KUSTOMIZATION.test(posix.basename(file))) continue;
    const dir = posix.dirname(file);
    const root = read(file);
    if (root) kustomizations.set(dir, { dir, namespace: asString(root.namespace), references: referencesOf(dir, root) });
  }
  const unitsOfFile = fileUnits(files, kustomizations);
  const cache = new WeakMap<K8sObject, readonly Placement[]>();
  const placementsOfFile = (file: string, namespace: string | undefined): Placement[] =>
    (unitsOfFile.get(file) ?? [{ unit: posix.dirname(file), namespace: undefined }]).map((entry) => ({ unit: entry.unit, namespace: entry.namespace ?? namespace ?? UNSET_NAMESPACE }));
  const placements = (object: K8sObject): readonly Placement[] => {
    let found = cache.get(object);
    if (!found) cache.set(object, (found = placementsOfFile(object.file, object.namespace)));
    return found;
  };
  return {
    placements,
    placementsOfFile,
    related: (a, b) => {
      const keys = new Set(placementKeys(placements(a)));
      return placements(b).some((placement) => keys.has(placementKey(placement)));
    },
    sameUnit: (a, b) => {
      const units = new Set(placements(a).map((placement) => placement.unit));
      return placements(b).some((placement) => units.has(placement.unit));
    },
  };
}

function referencesOf(dir: string, root: YamlRecord): string[] {
  const paths: string[] = [];
  for (const field of ['resources', 'bases', 'components', 'patchesStrategicMerge']) {
    for (const entry of asArray(root[field])) {
      const path = asString(entry);
      if (path) paths.push(path);
    }
  }
  for (const field of ['patches', 'patchesJson6902']) for (const entry of asArray(root[field])) {
    const path = asString(asRecord(entry)?.path);
    if (path) paths.push(path);
  }
  // Remote bases (`github.com/...`, `https://...`) are not in the repository.
  return paths.filter((path) => !/^[a-z]+:\/\/|^[\w.-]+\.[a-z]{2,}\//i.test(path)).map((path) => posix.normalize(posix.join(dir, path)));
}

function fileUnits(files: readonly string[], kustomizations: ReadonlyMap<string, Kustomization>): Map<string, FileUnits> {
  const fileSet = new Set(files);
  const home = (file: string): string | undefined => {
    for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
      if (kustomizations.has(dir)) return dir;
      if (dir === '.' || dir === '/' || dir === posix.dirname(dir)) return undefined;
    }
  };
  const homed = new Map<string, string[]>();
  for (const file of files) {
    const dir = home(file);
    if (dir !== undefined) push(homed, dir, file);
  }

  // What each kustomization deploys: file -> the namespace it imposes (outermost `namespace:` wins).
  const contents = new Map<string, Map<string, string | undefined>>();
  const included = new Set<string>();
  const resolve = (dir: string, visiting: Set<string>): Map<string, string | undefined> => {
    const known = contents.get(dir);
    if (known) return known;
    const kustomization = kustomizations.get(dir)!;
    const own = new Map<string, string | undefined>();
    visiting.add(dir);
    for (const file of homed.get(dir) ?? []) own.set(file, kustomization.namespace);
    for (const path of kustomization.references) {
      if (kustomizations.has(path)) {
        included.add(path);
        if (visiting.has(path)) continue;
        for (const [file, namespace] of resolve(path, visiting)) if (!own.has(file)) own.set(file, kustomization.namespace ?? namespace);
      } else if (fileSet.has(path) && !own.has(path)) {
        own.set(path, kustomization.namespace);
      }
    }
    visiting.delete(dir);
    contents.set(dir, own);
    return own;
  };
  for (const dir of kustomizations.keys()) resolve(dir, new Set());

  const units = new Map<string, { unit: string; namespace: string | undefined }[]>();
  for (const [dir, deployed] of contents) {
    if (included.has(dir)) continue;
    for (const [file, namespace] of deployed) push(units, file, { unit: dir, namespace });
  }
  // Included only by kustomizations that are themselves included in a cycle: their own home.
  for (const [dir, deployed] of contents) for (const [file, namespace] of deployed) if (!units.has(file) && home(file) === dir) units.set(file, [{ unit: dir, namespace }]);

  const holdsKustomization = new Set<string>();
  for (const dir of kustomizations.keys()) for (let up = dir; ; up = posix.dirname(up)) {
    if (holdsKustomization.has(up)) break;
    holdsKustomization.add(up);
    if (up === '.' || up === posix.dirname(up)) break;
  }
  for (const file of files) {
    if (units.has(file)) continue;
    let unit = posix.dirname(file);
    while (unit !== '.' && unit !== posix.dirname(unit) && !holdsKustomization.has(posix.dirname(unit))) unit = posix.dirname(unit);
    units.set(file, [{ unit, namespace: undefined }]);
  }
  return units;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
