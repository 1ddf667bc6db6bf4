/**
 * Container image references (`[registry[:port]/]path[:tag][@digest]`), read the way
 * Docker reads them, for every check that looks at an image: Kubernetes containers,
 * Dockerfile FROM lines, compose services.
 */
export interface ImageRef {
  /** The reference as written. */
  readonly raw: string;
  /** `host[:port]` when the reference names a registry; undefined means Docker Hub. */
  readonly registry: string | undefined;
  /** The path after the registry, as written: `nginx`, `library/nginx`, `bitnami/redis`. */
  readonly repository: string;
  /** The last path segment: `nginx`, `redis`. */
  readonly name: string;
  readonly tag: string | undefined;
  /** Whatever follows `@`, well-formed or not; see `isPinnedByDigest`. */
  readonly digest: string | undefined;
}

/** As the OCI image spec writes digests: lowercase hex only (`@sha256:ABC…` is an invalid reference). */
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export function parseImageRef(reference: string): ImageRef | undefined {
  const raw = reference.trim();
  if (raw === '') return undefined;
  const at = raw.indexOf('@');
  const nameAndTag = at === -1 ? raw : raw.slice(0, at);
  const digest = at === -1 ? undefined : raw.slice(at + 1);
  const lastSlash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.indexOf(':', lastSlash + 1);
  const name = colon === -1 ? nameAndTag : nameAndTag.slice(0, colon);
  const tag = colon === -1 ? undefined : nameAndTag.slice(colon + 1);
  const [first, ...rest] = name.split('/');
  const namesRegistry = rest.length > 0 && first !== undefined && isRegistryHost(first);
  const repository = namesRegistry ? rest.join('/') : name;
  return {
    raw,
    registry: namesRegistry ? first : undefined,
    repository,
    name: repository.split('/').at(-1) ?? repository,
    tag: tag === '' ? undefined : tag,
    digest: digest === '' ? undefined : digest,
  };
}

/** Docker's rule: the first component is a registry when it has a dot or a port, or is localhost. */
function isRegistryHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** Pinned to content: a well-formed `@sha256:` (or `@sha512:`) digest, whatever the tag says. */
export function isPinnedByDigest(image: ImageRef): boolean {
  return image.digest !== undefined && DIGEST.test(image.digest);
}

/** No tag (which means `latest`) or the tag `latest`, and no digest at all (a malformed one is "not pinned"). */
export function floatsOnLatest(image: ImageRef): boolean {
  return image.digest === undefined && (image.tag === undefined || image.tag.toLowerCase() === 'latest');
}

/**
 * The reference still holds a substitution a tool fills in later (`${IMAGE}`, `$TAG`,
 * `{{ .Values.image }}`, `$(VAR)`): what it will name cannot be told from the file.
 */
export function hasUnresolvedVariable(reference: string): boolean {
  return /\$\{|\$\(|\$[A-Za-z_]|\{\{/.test(reference);
}
