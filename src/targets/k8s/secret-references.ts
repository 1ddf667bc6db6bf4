import { basename } from 'node:path';
import { ciModel } from '../ci/jobs.js';
import { workspaceWorkflows } from '../ci/workflow.js';
import { textFilesOf } from '../repo/text-file.js';
import { manifestObjects } from './manifest-targets.js';
import type { ResolvedWord } from '../shell/command-words.js';
import { scriptSecrets } from '../shell/kubectl-create-secret.js';
import { defineIndex, useIndex } from '../repo/shared-index.js';
import { asArray, asBoolean, asRecord, asString, recordsOf, type YamlRecord } from '../yaml/read.js';
import type { YamlPath } from '../yaml/source.js';
import type { K8sObject } from './objects.js';
import { placementKey, placementKeys, scopeIndex, type Placement } from './scopes.js';
import { isWorkloadKind } from './workloads.js';

/** Something in the repository that makes a Secret exist in the cluster. */
export interface SecretCreator {
  readonly name: string | RegExp;
  /** Unset: `kubectl apply -n`, or not known from the source; matches any namespace. */
  readonly namespace: string | RegExp | undefined;
  /** The keys it writes; 'unknown' when they are decided at run time (`--from-env-file`, a directory, `dataFrom`). */
  readonly keys: ReadonlySet<string> | 'unknown';
  readonly file: string;
  readonly line: number;
  /** What creates it: `Secret`, `SealedSecret`, `Certificate`, `kubectl create secret`, ... */
  readonly via: string;
  /** Where a manifest or kustomization deploys it (see ScopeIndex); scripts and workflows have none and match any unit. */
  readonly placements?: readonly Placement[];
}

/** What creates a Secret, for a message: `kind: SealedSecret`, `kubectl create secret`. */
export function creatorKind(creator: SecretCreator): string {
  return /^[A-Z]/.test(creator.via) ? `kind: ${creator.via}` : creator.via;
}

export interface SecretCreators {
  /** False when the repository creates no Secret at all: it manages them elsewhere, nothing to cross-check. */
  readonly any: boolean;
  /** Creators of `name` deployed with `from`, in `namespace` (a reference that names one) or else in `from`'s. */
  find(name: string, from: K8sObject, namespace?: string): SecretCreator[];
  /** Every creator with a literal name deployed with `from`, for "did you mean" hints (shared: do not change it). */
  named(from: K8sObject, namespace?: string): SecretCreator[];
}

/** The Secrets the repository creates: manifests, operator resources, kustomize generators, shell scripts and workflow `run:` steps. */
export const secretCreatorsIndex = defineIndex<SecretCreators>('k8s/secret-creators', (workspace) => {
  const byName = new Map<string, SecretCreator[]>();
  const patterns: SecretCreator[] = [];
  const add = (creator: SecretCreator) => {
    if (typeof creator.name !== 'string') patterns.push(creator);
    else {
      const list = byName.get(creator.name);
      if (list) list.push(creator);
      else byName.set(creator.name, [creator]);
    }
  };
  const scopes = useIndex(workspace, scopeIndex);
  const placed = (creator: SecretCreator): SecretCreator => ({ ...creator, placements: scopes.placementsOfFile(creator.file, typeof creator.namespace === 'string' ? creator.namespace : undefined) });
  for (const object of manifestObjects(workspace)) for (const creator of manifestCreators(object)) add(placed(templated(creator)));
  for (const file of workspace.files('manifests')) {
    if (!KUSTOMIZATION.test(basename(file))) continue;
    for (const document of workspace.yaml(file).documents) for (const creator of kustomizeCreators(file, asRecord(document.data), document.start.line)) add(placed(creator));
  }
  for (const script of textFilesOf(workspace, 'scripts')) {
    for (const secret of scriptSecrets(script.text)) {
      for (const name of namesOf(secret.name)) {
        add({ name, namespace: namespaceOf(secret.namespace), keys: secret.keys, file: script.file, line: secret.line, via: 'kubectl create secret' });
      }
    }
  }
  // Deploy workflows create pull and TLS secrets in `run:` steps too.
  for (const workflow of workspaceWorkflows(workspace)) {
    for (const job of ciModel(workflow).jobs) {
      for (const step of job.steps) {
        if (!step.run?.includes('secret')) continue;
        const at = workflow.at([...step.path, 'run']);
        const runLine = at.kind === 'file' ? at.line : 1;
        for (const secret of scriptSecrets(step.run)) {
          for (const name of namesOf(secret.name)) {
            add({ name, namespace: namespaceOf(secret.namespace), keys: secret.keys, file: workflow.file, line: runLine + secret.line, via: 'kubectl create secret' });
          }
        }
      }
    }
  }
  // Asked once per reference to a missing Secret: listed once per namespace, or a repository with
  // many of both would take time quadratic in its size.
  const named = new Map<string, SecretCreator[]>();
  const origins = (from: K8sObject, namespace: string | undefined): Placement[] =>
    scopes.placements(from).map((placement) => (namespace === undefined ? placement : { unit: placement.unit, namespace }));
  return {
    any: byName.size > 0 || patterns.length > 0,
    find(name, from, namespace) {
      const candidates = [...(byName.get(name) ?? []), ...patterns.filter((creator) => (creator.name as RegExp).test(name))];
      const at = origins(from, namespace);
      return candidates.filter((creator) => reaches(creator, at, namespace ?? from.namespace));
    },
    named(from, namespace) {
      const at = origins(from, namespace);
      const key = placementKeys(at).join('\u0001');
      let creators = named.get(key);
      if (!creators) {
        creators = [...byName.values()].flat().filter((creator) => reaches(creator, at, namespace ?? from.namespace));
        named.set(key, creators);
      }
      return creators;
    },
  };
});

/** Helm (`{{ .Release.Name }}-db`) and envsubst (`${APP}-db`) names match whatever they render to. */
const TEMPLATE = /\{\{.*?\}\}|\$\{[^}]*\}|\$[A-Za-z_]\w*/g;
const TEMPLATE_START = /\{\{|\$/;
const VARIABLE = /\$[A-Za-z_]/;
const REGEXP_SPECIAL = /[.*+?^${}()|[\]\\]/g;
const KUSTOMIZATION = /^kustomization\.ya?ml$/;

function escapeRegExp(text: string): string {
  return text.replace(REGEXP_SPECIAL, '\\$&');
}

function templated(creator: SecretCreator): SecretCreator {
  if (typeof creator.name !== 'string' || !TEMPLATE_START.test(creator.name)) return creator;
  const source = creator.name.split(TEMPLATE).map(escapeRegExp).join('.*');
  return { ...creator, name: new RegExp(`^${source}$`) };
}

/** A reference whose name is rendered later (Helm, envsubst) cannot be checked. */
export function isTemplatedName(name: string): boolean {
  return name.includes('{{') || name.includes('${') || VARIABLE.test(name);
}

function namesOf(word: ResolvedWord): (string | RegExp)[] {
  return 'values' in word ? word.values : [word.pattern];
}

function namespaceOf(word: ResolvedWord | undefined): string | RegExp | undefined {
  if (!word) return undefined;
  if ('pattern' in word) return word.pattern;
  return word.values.length === 1 ? word.values[0] : new RegExp(`^(?:${word.values.map(escapeRegExp).join('|')})$`);
}

/**
 * A manifest creator must share a placement with the reference; a script's `kubectl create secret`
 * may run against any cluster, so only a namespace it names must fit (unset: any).
 */
function reaches(creator: SecretCreator, at: readonly Placement[], namespace: string | undefined): boolean {
  if (creator.placements) {
    const keys = new Set(placementKeys(at));
    return creator.placements.some((placement) => keys.has(placementKey(placement)));
  }
  if (creator.namespace === undefined || namespace === undefined) return true;
  return typeof creator.namespace === 'string' ? creator.namespace === namespace : creator.namespace.test(namespace);
}

const TLS_KEYS: ReadonlySet<string> = new Set(['tls.crt', 'tls.key', 'ca.crt']);

function manifestCreators(object: K8sObject): SecretCreator[] {
  const spec = asRecord(object.data.spec);
  const line = object.location.kind === 'file' ? object.location.line : 1;
  const base = { file: object.file, line, namespace: object.namespace, via: object.kind };
  const group = object.apiVersion.split('/')[0] ?? '';
  switch (object.kind) {
    case 'Secret': {
      if (object.apiVersion !== 'v1') return [];
      const keys = [...Object.keys(asRecord(object.data.data) ?? {}), ...Object.keys(asRecord(object.data.stringData) ?? {})];
      const filledByController = asString(object.data.type) === 'kubernetes.io/service-account-token';
      return [{ ...base, name: object.name, keys: filledByController ? 'unknown' : new Set(keys) }];
    }
    case 'SealedSecret': {
      const template = asRecord(spec?.template);
      const metadata = asRecord(template?.metadata);
      const keys = [...Object.keys(asRecord(spec?.encryptedData) ?? {}), ...Object.keys(asRecord(template?.data) ?? {})];
      return [{ ...base, name: asString(metadata?.name) ?? object.name, namespace: asString(metadata?.namespace) ?? object.namespace, keys: new Set(keys) }];
    }
    case 'ExternalSecret': {
      if (!group.startsWith('external-secrets.io')) return [];
      const target = asRecord(spec?.target);
      const templated = asRecord(target?.template) !== undefined || asArray(spec?.dataFrom).length > 0;
      const keys = recordsOf(spec?.data).flatMap((entry) => asString(entry.secretKey) ?? []);
      return [{ ...base, name: asString(target?.name) ?? object.name, keys: templated ? 'unknown' : new Set(keys) }];
    }
    case 'Certificate': {
      const secretName = asString(spec?.secretName);
      return group.startsWith('cert-manager.io') && secretName ? [{ ...base, name: secretName, keys: TLS_KEYS }] : [];
    }
    case 'OnePasswordItem':
      return [{ ...base, name: object.name, keys: 'unknown' }];
    case 'VaultStaticSecret':
    case 'VaultDynamicSecret':
    case 'VaultPKISecret': {
      const name = asString(asRecord(spec?.destination)?.name);
      return name ? [{ ...base, name, keys: 'unknown' }] : [];
    }
    default:
      return [];
  }
}

function kustomizeCreators(file: string, root: YamlRecord | undefined, line: number): SecretCreator[] {
  if (!root) return [];
  const namespace = asString(root.namespace);
  return recordsOf(root.secretGenerator).flatMap((generator): SecretCreator[] => {
    const name = asString(generator.name);
    if (!name) return [];
    const keys = new Set<string>();
    for (const literal of asArray(generator.literals)) keys.add((asString(literal) ?? '').split('=')[0]!);
    for (const entry of asArray(generator.files)) {
      const text = asString(entry) ?? '';
      const eq = text.indexOf('=');
      keys.add(eq > 0 ? text.slice(0, eq) : basename(text));
    }
    const fromEnv = asArray(generator.envs).length > 0 || asString(generator.env) !== undefined;
    return [{ name, namespace: asString(generator.namespace) ?? namespace, keys: fromEnv ? 'unknown' : keys, file, line, via: 'kustomize secretGenerator' }];
  });
}

/** One place a manifest names a Secret. */
export interface SecretReference {
  readonly secret: string;
  readonly namespace: string | undefined;
  /** The namespace the reference itself names (an annotation's `namespace/name`), when it names one. */
  readonly namespaceNamed?: string;
  /** The key it reads, when it reads one key. */
  readonly key?: string;
  /** `optional: true`: the pod starts without it. */
  readonly optional: boolean;
  /** Where the Secret is named, from the object's root. */
  readonly path: YamlPath;
  /** Where the key is named, from the object's root. */
  readonly keyPath?: YamlPath;
  /** How it is used, for messages: `imagePullSecrets`, `env SECRET_KEY`, `volume certs`, `Ingress tls`. */
  readonly use: string;
  /** A volume's `items[].key`: the Secret itself is named by another reference. */
  readonly keyOnly?: boolean;
}

const CERT_MANAGER_ANNOTATIONS = ['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer', 'kubernetes.io/tls-acme'];

/** Where the object's pod spec sits (for workloads), from its root. */
function podSpecPath(object: K8sObject): YamlPath | undefined {
  if (!isWorkloadKind(object.kind)) return undefined;
  if (object.kind === 'Pod') return ['spec'];
  if (object.kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  return ['spec', 'template', 'spec'];
}

function walk(data: unknown, path: YamlPath): unknown {
  let node = data;
  for (const segment of path) node = asRecord(node)?.[segment as string];
  return node;
}

/** Every Secret an object names: pods (pull secrets, env, envFrom, volumes), ServiceAccounts, Ingress TLS and auth, Traefik resources. */
export function secretReferencesOf(object: K8sObject): SecretReference[] {
  const refs: SecretReference[] = [];
  const namespace = object.namespace;
  const push = (secret: unknown, path: YamlPath, use: string, extra: PushExtra = {}) => {
    // A number is no Secret name (the API server rejects it): read as absent.
    const name = typeof secret === 'string' ? secret : undefined;
    if (!name || isTemplatedName(name)) return;
    const key = typeof extra.key === 'string' ? extra.key : undefined;
    refs.push({
      secret: name,
      namespace: extra.namespace ?? namespace,
      ...(extra.namespace !== undefined ? { namespaceNamed: extra.namespace } : {}),
      ...(key !== undefined && extra.keyPath ? { key, keyPath: extra.keyPath } : {}),
      optional: asBoolean(extra.optional) === true,
      path,
      use,
      ...(extra.keyOnly ? { keyOnly: true } : {}),
    });
  };
  const spec = asRecord(object.data.spec);
  const podPath = podSpecPath(object);
  const pod = podPath && asRecord(walk(object.data, podPath));
  if (podPath && pod) podReferences(pod, podPath, push);
  const annotations = asRecord(asRecord(object.data.metadata)?.annotations) ?? {};
  switch (object.kind) {
    case 'ServiceAccount':
      asArray(object.data.imagePullSecrets).forEach((item, i) => push(asRecord(item)?.name, ['imagePullSecrets', i, 'name'], 'imagePullSecrets'));
      break;
    case 'Ingress': {
      const certManaged = CERT_MANAGER_ANNOTATIONS.some((annotation) => annotations[annotation] !== undefined);
      if (!certManaged) asArray(spec?.tls).forEach((item, i) => push(asRecord(item)?.secretName, ['spec', 'tls', i, 'secretName'], 'Ingress tls'));
      for (const annotation of ['nginx.ingress.kubernetes.io/auth-secret', 'nginx.ingress.kubernetes.io/auth-tls-secret']) {
        const value = asString(annotations[annotation]);
        if (!value) continue;
        const [ns, name] = value.includes('/') ? value.split('/', 2) : [undefined, value];
        push(name, ['metadata', 'annotations', annotation], `annotation ${annotation}`, ns ? { namespace: ns } : {});
      }
      break;
    }
    case 'Middleware':
      if (!object.apiVersion.startsWith('traefik.')) break;
      push(asRecord(spec?.basicAuth)?.secret, ['spec', 'basicAuth', 'secret'], 'Middleware basicAuth');
      push(asRecord(spec?.digestAuth)?.secret, ['spec', 'digestAuth', 'secret'], 'Middleware digestAuth');
      break;
    case 'IngressRoute':
    case 'IngressRouteTCP': {
      if (!object.apiVersion.startsWith('traefik.')) break;
      const tls = asRecord(spec?.tls);
      push(tls?.secretName, ['spec', 'tls', 'secretName'], `${object.kind} tls`);
      break;
    }
    case 'TLSStore':
      if (object.apiVersion.startsWith('traefik.')) push(asRecord(spec?.defaultCertificate)?.secretName, ['spec', 'defaultCertificate', 'secretName'], 'TLSStore defaultCertificate');
      break;
    case 'TLSOption':
      if (object.apiVersion.startsWith('traefik.'))
        asArray(asRecord(spec?.clientAuth)?.secretNames).forEach((name, i) => push(name, ['spec', 'clientAuth', 'secretNames', i], 'TLSOption clientAuth'));
      break;
  }
  return refs;
}

interface PushExtra {
  key?: unknown;
  keyPath?: YamlPath;
  optional?: unknown;
  namespace?: string;
  keyOnly?: boolean;
}
type Push = (secret: unknown, path: YamlPath, use: string, extra?: PushExtra) => void;

function podReferences(pod: YamlRecord, at: YamlPath, push: Push): void {
  asArray(pod.imagePullSecrets).forEach((item, i) => push(asRecord(item)?.name, [...at, 'imagePullSecrets', i, 'name'], 'imagePullSecrets'));
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    asArray(pod[list]).forEach((item, c) => {
      const container = asRecord(item);
      if (!container) return;
      const base = [...at, list, c];
      asArray(container.env).forEach((envItem, e) => {
        const entry = asRecord(envItem);
        const ref = asRecord(asRecord(entry?.valueFrom)?.secretKeyRef);
        if (!ref) return;
        const refPath = [...base, 'env', e, 'valueFrom', 'secretKeyRef'];
        push(ref.name, [...refPath, 'name'], `env ${asString(entry?.name) ?? `#${e}`}`, { key: ref.key, keyPath: [...refPath, 'key'], optional: ref.optional });
      });
      asArray(container.envFrom).forEach((fromItem, e) => {
        const ref = asRecord(asRecord(fromItem)?.secretRef);
        if (ref) push(ref.name, [...base, 'envFrom', e, 'secretRef', 'name'], 'envFrom', { optional: ref.optional });
      });
    });
  }
  asArray(pod.volumes).forEach((item, v) => {
    const volume = asRecord(item);
    const volumeName = asString(volume?.name) ?? `#${v}`;
    const secret = asRecord(volume?.secret);
    if (secret) {
      const path = [...at, 'volumes', v, 'secret'];
      push(secret.secretName, [...path, 'secretName'], `volume ${volumeName}`, { optional: secret.optional });
      itemKeys(secret, path, `volume ${volumeName}`, push, secret.secretName);
    }
    asArray(asRecord(volume?.projected)?.sources).forEach((source, s) => {
      const projected = asRecord(asRecord(source)?.secret);
      if (!projected) return;
      const path = [...at, 'volumes', v, 'projected', 'sources', s, 'secret'];
      push(projected.name, [...path, 'name'], `volume ${volumeName}`, { optional: projected.optional });
      itemKeys(projected, path, `volume ${volumeName}`, push, projected.name);
    });
  });
}

function itemKeys(source: YamlRecord, path: YamlPath, use: string, push: Push, secret: unknown): void {
  asArray(source.items).forEach((item, i) => {
    const entry = asRecord(item);
    if (entry?.key === undefined) return;
    // The volume reference itself was pushed already; items only add keys.
    push(secret, [...path, 'items', i, 'key'], use, { key: entry.key, keyPath: [...path, 'items', i, 'key'], optional: source.optional, keyOnly: true });
  });
}
