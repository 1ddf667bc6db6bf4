import { defineIndex, useIndex } from '../repo/shared-index.js';
import { asArray, asRecord, asString, type YamlRecord } from '../yaml/read.js';
import { parseYaml, type Position, type YamlPath } from '../yaml/source.js';

/**
 * Traefik configuration read from YAML files, as used with compose: the dynamic configuration
 * of the file provider (`http.routers`, `http.middlewares`, `http.serversTransports`, `tcp`,
 * `tls`) and the static configuration (`entryPoints`, `api`, `providers`, `serversTransport`).
 * A Go template inside a value (`Host(\`x.{{env "DOMAIN"}}\`)`) is read with a placeholder in its
 * place; a file whose templates build the structure (`{{ range }}` lines) is left out.
 */
export interface TraefikFile {
  readonly file: string;
  readonly data: YamlRecord;
  readonly dynamic: boolean;
  readonly static: boolean;
  locate(path: YamlPath): Position;
}

const TOP_LEVEL = /^(?:http|tcp|udp|tls|entryPoints|api|providers|serversTransport|certificatesResolvers):/m;
const TEMPLATE = /\{\{.*?\}\}/g;
/** A line that is a template action of its own, not a value: the file's shape depends on it. */
const TEMPLATE_LINE = /^\s*(?:-\s*)?\{\{/m;

export const traefikFilesIndex = defineIndex<ReadonlyMap<string, TraefikFile>>('config/traefik-files', (workspace) => {
  const files = new Map<string, TraefikFile>();
  for (const file of workspace.files('tree')) {
    if (!/\.ya?ml$/i.test(file)) continue;
    const text = workspace.text(file, { binary: 'skip' });
    if (text === undefined || !TOP_LEVEL.test(text)) continue;
    const read = readTraefikFile(file, text);
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
  const http = asRecord(data.http);
  const dynamic = (http !== undefined && ['routers', 'middlewares', 'services', 'serversTransports'].some((key) => asRecord(http[key]))) || asRecord(data.tcp) !== undefined || asRecord(data.tls) !== undefined;
  const isStatic = asRecord(data.entryPoints) !== undefined || asRecord(data.api) !== undefined || asRecord(data.providers) !== undefined;
  if (!dynamic && !isStatic) return undefined;
  // Kubernetes manifests have a kind; Traefik files never do.
  if (typeof data.kind === 'string' || typeof data.apiVersion === 'string') return undefined;
  return { file, data, dynamic, static: isStatic, locate: (path) => document.locate(path) };
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
