import { parse as parseToml } from 'smol-toml';
import { defineIndex, useIndex } from '../repo/shared-index.js';
import { asArray, asRecord, asString, type YamlRecord } from '../yaml/read.js';
import { parseYaml, type Position, type YamlPath } from '../yaml/source.js';
import { tomlLocator } from './toml-locator.js';

/**
 * Traefik configuration read from YAML files, as used with compose: the dynamic configuration
 * of the file provider (`http.routers`, `http.middlewares`, `http.serversTransports`, `tcp`,
 * `tls`) and the static configuration (`entryPoints`, `api`, `providers`, `serversTransport`).
 * A Go template inside a value (`Host(\`x.{{env "DOMAIN"}}\`)`) is read with a placeholder in its
 * place; a file whose templates build the structure (`{{ range }}` lines) is left out.
 * TOML files of the same shape are read too, and Traefik v1's TOML (`[frontends]`,
 * `[backends]`, `defaultEntryPoints`, a top-level `InsecureSkipVerify`) is marked `v1`.
 */
export interface TraefikFile {
  readonly file: string;
  readonly data: YamlRecord;
  readonly dynamic: boolean;
  readonly static: boolean;
  /** Traefik v1 configuration (TOML only): `[api]`, `[entryPoints.x.redirect]`, frontends and backends. */
  readonly v1: boolean;
  locate(path: YamlPath): Position;
}

const TOP_LEVEL = /^(?:http|tcp|udp|tls|entryPoints|api|providers|serversTransport|certificatesResolvers):/m;
const TOML_TOP_LEVEL = /^\s*(?:\[{1,2}\s*(?:http|tcp|udp|tls|entryPoints|api|providers|serversTransport|certificatesResolvers|frontends|backends)\b|(?:InsecureSkipVerify|defaultEntryPoints)\s*=)/m;
const TEMPLATE = /\{\{.*?\}\}/g;
/** A line that is a template action of its own, not a value: the file's shape depends on it. */
const TEMPLATE_LINE = /^\s*(?:-\s*)?\{\{/m;

export const traefikFilesIndex = defineIndex<ReadonlyMap<string, TraefikFile>>('config/traefik-files', (workspace) => {
  const files = new Map<string, TraefikFile>();
  for (const file of workspace.files('tree')) {
    const toml = /\.toml$/i.test(file);
    if (!toml && !/\.ya?ml$/i.test(file)) continue;
    const text = workspace.text(file, { binary: 'skip' });
    if (text === undefined || !(toml ? TOML_TOP_LEVEL : TOP_LEVEL).test(text)) continue;
    const read = toml ? readTraefikToml(file, text) : readTraefikFile(file, text);
    if (read) files.set(file, read);
  }
  return files;
});

export function readTraefikFile(file: string, text: string): TraefikFile | undefined {
  if (TEMPLATE_LINE.test(text)) return undefined;
  const parsed = parseYaml(text.replace(TEMPLATE, '<template>'));
  const document = parsed.documents[0];
  const data = asRecord(document?.data);
  if (!document || !data || parsed.problems.length > 0 || parsed.documents.length > 1) return undefined;
  const shape = shapeOf(data, false);
  return shape && { file, data, ...shape, locate: (path) => document.locate(path) };
}

/**
 * A Traefik TOML file: v2/v3 configuration has the YAML's structure; v1 is recognised by its
 * own top-level keys. An `[api]` table alone is not enough (applications have those too): it
 * needs `dashboard` in it or other Traefik static sections beside it.
 */
export function readTraefikToml(file: string, text: string): TraefikFile | undefined {
  if (TEMPLATE_LINE.test(text)) return undefined;
  let data: YamlRecord | undefined;
  try {
    data = asRecord(parseToml(text.replace(TEMPLATE, '<template>')));
  } catch {
    return undefined;
  }
  if (!data) return undefined;
  const api = asRecord(data.api);
  const traefikStatic = ['entryPoints', 'providers', 'serversTransport', 'certificatesResolvers', ...V1_TOP_LEVEL].some((key) => asRecord(data?.[key]) !== undefined || data?.[key] === true);
  if (api && !('dashboard' in api) && !traefikStatic) data = { ...data, api: undefined };
  const shape = shapeOf(data, true);
  return shape && { file, data, ...shape, locate: tomlLocator(text) };
}

const V1_TOP_LEVEL = ['frontends', 'backends', 'defaultEntryPoints', 'InsecureSkipVerify', 'file', 'docker', 'acme', 'web'];

function shapeOf(data: YamlRecord, toml: boolean): Pick<TraefikFile, 'dynamic' | 'static' | 'v1'> | undefined {
  // Kubernetes manifests have a kind; Traefik files never do.
  if (typeof data.kind === 'string' || typeof data.apiVersion === 'string') return undefined;
  const http = asRecord(data.http);
  const v1 = toml && (V1_TOP_LEVEL.some((key) => data[key] !== undefined) || Object.values(asRecord(data.entryPoints) ?? {}).some((point) => asRecord(point)?.redirect !== undefined));
  const dynamic =
    (http !== undefined && ['routers', 'middlewares', 'services', 'serversTransports'].some((key) => asRecord(http[key]))) ||
    asRecord(data.tcp) !== undefined ||
    asRecord(data.tls) !== undefined ||
    (v1 && (asRecord(data.frontends) !== undefined || asRecord(data.backends) !== undefined));
  const isStatic = asRecord(data.entryPoints) !== undefined || asRecord(data.api) !== undefined || asRecord(data.providers) !== undefined || (v1 && !dynamic);
  if (!dynamic && !isStatic) return undefined;
  return { dynamic, static: isStatic, v1 };
}

/** Middleware names as a router or chain writes them, without the `@file` provider suffix; other providers left out. */
export function fileMiddlewareNames(list: unknown): string[] {
  return asArray(list).flatMap((item) => {
    const name = asString(item);
    if (name === undefined) return [];
    const at = name.lastIndexOf('@');
    return at === -1 ? [name] : name.slice(at + 1) === 'file' ? [name.slice(0, at)] : [];
  });
}

/** The directory a file provider reads as one configuration: its files share middleware names. */
export function providerDirectory(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

/** What the repository says about an entry point: TLS by default, or redirecting elsewhere (to HTTPS). */
export interface TraefikEntryPoint {
  tls: boolean;
  redirects: boolean;
}

const CLI_FLAG = /--entry[pP]oints\.([\w-]+)\.(address|http\.tls|http\.redirections\.entry[pP]oint\.to)\b(?:[=\s]+["']?([^\s"',\]]*))?/gi;

/**
 * Entry points from static configuration files (`entryPoints:`) and from `--entrypoints.<name>.…`
 * flags anywhere (compose `command:`, scripts), by lower-case name.
 */
export const traefikEntryPointsIndex = defineIndex<ReadonlyMap<string, TraefikEntryPoint>>('config/traefik-entrypoints', (workspace) => {
  const points = new Map<string, TraefikEntryPoint>();
  const entry = (name: string) => {
    const key = name.toLowerCase();
    let point = points.get(key);
    if (!point) points.set(key, (point = { tls: false, redirects: false }));
    return point;
  };
  for (const config of useIndex(workspace, traefikFilesIndex).values()) {
    for (const [name, raw] of Object.entries(asRecord(config.data.entryPoints) ?? {})) {
      const http = asRecord(asRecord(raw)?.http);
      const point = entry(name);
      point.tls ||= http?.tls !== undefined;
      point.redirects ||= asRecord(http?.redirections)?.entryPoint !== undefined;
      // Traefik v1: `[entryPoints.https.tls]`, `[entryPoints.http.redirect]`.
      if (config.v1) {
        point.tls ||= asRecord(raw)?.tls !== undefined;
        point.redirects ||= asRecord(raw)?.redirect !== undefined;
      }
    }
  }
  for (const file of [...workspace.files('compose'), ...workspace.files('scripts')]) {
    const text = workspace.text(file, { binary: 'skip' });
    if (text === undefined || !/--entry[pP]oints\./.test(text)) continue;
    for (const match of text.matchAll(CLI_FLAG)) {
      const point = entry(match[1]!);
      const setting = match[2]!.toLowerCase();
      if (setting === 'http.tls' && match[3] !== 'false') point.tls = true;
      if (setting.startsWith('http.redirections')) point.redirects = true;
    }
  }
  return points;
});

/** An `insecureSkipVerify` switched on in a Traefik file, and what it stops verifying. */
export interface TraefikSkipVerify {
  readonly path: YamlPath;
  /** `serversTransports.pve`, `serversTransport (every backend):`, `providers.docker.tls:`. */
  readonly where: string;
  readonly peer: string;
}

const SKIP_VERIFY = /^insecureSkipVerify$/i;

/**
 * Every `insecureSkipVerify = true` in a Traefik file, at any depth and in any case: the
 * static and dynamic servers transports, Traefik v1's top-level `InsecureSkipVerify`, and the
 * TLS clients of providers (docker, http, consul) and other sections.
 */
export function traefikSkipVerifies(data: YamlRecord): TraefikSkipVerify[] {
  const found: TraefikSkipVerify[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
    const record = asRecord(value);
    if (!record) return;
    for (const [key, child] of Object.entries(record)) {
      if (SKIP_VERIFY.test(key) ? isTrue(child) : false) found.push({ path: [...path, key], ...describeSkipVerify(path) });
      else walk(child, [...path, key]);
    }
  };
  walk(data, []);
  return found;
}

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function describeSkipVerify(parent: readonly (string | number)[]): { where: string; peer: string } {
  const [first, second, third] = parent.map(String);
  if (parent.length === 0) return { where: 'Traefik v1 top level (every backend):', peer: 'the backends' };
  if (parent.length === 1 && first === 'serversTransport') return { where: 'serversTransport (every backend):', peer: 'the backends' };
  if (second === 'serversTransports' && third !== undefined) return { where: `serversTransports.${third}`, peer: 'the backends' };
  if (first === 'providers' && second !== undefined) return { where: `${parent.join('.')}:`, peer: `the ${second} provider's endpoint` };
  return { where: `${parent.join('.')}:`, peer: 'the server it connects to' };
}

/** A `headers` section: a file-provider middleware's, or a Traefik v1 frontend's (which has no other). */
export interface TraefikHeaderSection {
  readonly name: string;
  readonly kind: 'middleware' | 'frontend';
  /** The section with Traefik's field names whatever their case (`STSSeconds` → `stsSeconds`). */
  readonly headers: YamlRecord;
  readonly path: YamlPath;
}

const HEADER_FIELDS = [
  'stsSeconds', 'stsIncludeSubdomains', 'stsPreload', 'contentSecurityPolicy', 'contentSecurityPolicyReportOnly', 'frameDeny',
  'customFrameOptionsValue', 'contentTypeNosniff', 'browserXssFilter', 'customBrowserXSSValue', 'referrerPolicy',
  'permissionsPolicy', 'featurePolicy', 'customResponseHeaders',
];
const HEADER_FIELD_BY_LOWER = new Map(HEADER_FIELDS.map((field) => [field.toLowerCase(), field]));

export function traefikHeaderSections(config: TraefikFile): TraefikHeaderSection[] {
  const sections: TraefikHeaderSection[] = [];
  const add = (kind: TraefikHeaderSection['kind'], parent: string, owners: unknown) => {
    for (const [name, raw] of Object.entries(asRecord(owners) ?? {})) {
      const headers = asRecord(asRecord(raw)?.headers);
      if (headers) sections.push({ name, kind, headers: canonicalHeaderFields(headers), path: [...(parent === 'http' ? ['http', 'middlewares'] : ['frontends']), name, 'headers'] });
    }
  };
  add('middleware', 'http', asRecord(config.data.http)?.middlewares);
  if (config.v1) add('frontend', 'frontends', config.data.frontends);
  return sections;
}

function canonicalHeaderFields(headers: YamlRecord): YamlRecord {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [HEADER_FIELD_BY_LOWER.get(key.toLowerCase()) ?? key, value]));
}
