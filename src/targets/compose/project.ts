import { posix } from 'node:path';
import type { Location } from '../location.js';
import type { Workspace } from '../repo/workspace.js';
import { asArray, asRecord, asString } from '../yaml/read.js';
import { toYamlPath, type YamlDocument, type YamlPath } from '../yaml/source.js';
import type { ComposeProject, ComposeService } from './compose.js';
import { hasUnknownVariable, interpolate, NO_VARIABLES, parseDotenv, type ComposeVariables } from './interpolate.js';
import { fromSource, locateMerged, originAt, type Origin } from './layered.js';
import { mergeService } from './merge.js';
import { projectFiles } from './project-files.js';

interface ModelService {
  readonly spec: Record<string, unknown>;
  /** Where the service is first defined: its key under `services:`. */
  readonly origin: Origin;
}
type Model = Map<string, ModelService>;

/**
 * Every service of every compose project of the workspace, read as `docker compose config` reads
 * it: a base file with its `compose.override.yml`, each `docker-compose.<env>.yml` with its base
 * (a project of its own), `include:` fragments, values interpolated from the project's `.env`.
 * A service seen in several projects is one target, read once per project (Target.reading): each
 * failure is reported once, at the line that writes it.
 */
export function composeProjectServices(ws: Workspace): ComposeService[] {
  const reader = new ProjectReader(ws);
  const seen = new Map<string, number>();
  return reader.projects().flatMap((files) =>
    reader.variants(files).flatMap((assumed) =>
      [...reader.model(files, assumed)].map(([name, service]) => {
        const identity = `${service.origin.file}#services.${name}`;
        const readings = seen.get(identity);
        seen.set(identity, (readings ?? 0) + 1);
        const project = assumed.size === 0 ? { files } : { files, assumed: Object.fromEntries(assumed) };
        return serviceTarget(identity, name, service, project, readings, (text) => reader.dotenvLines(files[0]!, text));
      }),
    ),
  );
}

type DotenvLines = (written: string) => { name: string; at: Location }[];

function serviceTarget(identity: string, name: string, service: ModelService, project: ComposeProject, reading: number | undefined, dotenvLines: DotenvLines): ComposeService {
  const { spec, origin } = service;
  const at = (path: string | YamlPath) => locateMerged(spec, origin, typeof path === 'string' ? toYamlPath(path) : path);
  return {
    identity,
    file: origin.file,
    name,
    spec,
    image: asString(spec.image),
    project,
    location: at([]),
    at,
    written: (path) => originAt(spec, path)?.written,
    variablesAt: (path) => {
      const written = originAt(spec, path)?.written;
      return written === undefined ? [] : dotenvLines(written);
    },
    ...(reading === undefined ? {} : { reading }),
  };
}

class ProjectReader {
  private readonly known: Set<string>;
  private readonly included = new Set<string>();
  /** Include paths already matched against the files. */
  private readonly resolved = new Map<string, { found: string; assumed: Map<string, string> }[]>();

  constructor(private readonly ws: Workspace) {
    this.known = new Set((['compose', 'manifests', 'configs', 'tree'] as const).flatMap((group) => ws.files(group)));
  }

  /** The projects, each as its `-f` files: default projects and lone files first, then environments. */
  projects(): string[][] {
    const candidates = [...new Set([...this.ws.files('compose'), ...this.ws.files('manifests').filter((file) => this.isComposeByContent(file))])].sort();
    for (const file of candidates) this.collectIncludes(file, this.variablesFor(file), [file]);
    return projectFiles(candidates, this.included, (dir) => this.composeFileOf(dir));
  }

  /**
   * The values a project's unknown variables take in the include paths that match files
   * (`compose/$HOSTNAME/*.yml` and compose/ws/redis.yml: HOSTNAME=ws), one combination each;
   * one variant without assumptions when its includes need none.
   */
  variants(files: readonly string[]): Map<string, string>[] {
    const values = new Map<string, Set<string>>();
    const collect = (file: string, variables: ComposeVariables, stack: readonly string[]) => {
      const document = this.documentOf(file);
      if (!document) return;
      for (const include of this.includesOf(file, document, variables)) {
        for (const [name, value] of include.assumed) values.set(name, (values.get(name) ?? new Set()).add(value));
        if (!stack.includes(include.file)) collect(include.file, include.variables, [...stack, include.file]);
      }
    };
    const variables = this.variablesFor(files[0]!);
    for (const file of files) collect(file, variables, [file]);
    let variants = [new Map<string, string>()];
    for (const [name, options] of [...values].sort(([a], [b]) => a.localeCompare(b))) {
      variants = variants.flatMap((variant) => [...options].sort().map((value) => new Map([...variant, [name, value]])));
      if (variants.length > MAX_VARIANTS) return variants.slice(0, MAX_VARIANTS);
    }
    return variants;
  }

  private composeFileOf(dir: string): string[] {
    const variables = this.variablesFor(posix.join(dir, 'compose.yaml'));
    const list = variables.get('COMPOSE_FILE');
    if (list === undefined) return [];
    const separator = variables.get('COMPOSE_PATH_SEPARATOR') ?? (list.includes(';') ? ';' : ':');
    return list
      .split(separator)
      .map((name) => posix.normalize(posix.join(dir, name.trim())))
      .filter((file) => this.known.has(file));
  }

  /** The merged model of a project's files, with the values `assumed` for variables the repository does not set. */
  model(files: readonly string[], assumed: ReadonlyMap<string, string> = new Map()): Model {
    const variables = new Map([...assumed, ...this.variablesFor(files[0]!)]);
    return files.reduce((model, file) => mergeModels(model, this.fileModel(file, variables, [file])), new Map() as Model);
  }

  private fileModel(file: string, variables: ComposeVariables, stack: readonly string[]): Model {
    const document = this.documentOf(file);
    const data = asRecord(document?.data);
    if (!document || !data) return new Map();
    let model: Model = new Map();
    for (const include of this.includesOf(file, document, variables)) {
      if (stack.includes(include.file)) continue;
      model = mergeModels(model, this.fileModel(include.file, include.variables, [...stack, include.file]));
    }
    const own: Model = new Map();
    const services = asRecord(data.services);
    for (const [name, value] of Object.entries(services ?? {})) {
      const origin: Origin = { file, document, path: ['services', name] };
      const spec = asRecord(fromSource(value, origin, variables));
      if (spec) own.set(name, { spec, origin });
    }
    return mergeModels(model, this.withExtends(own, file, variables, stack));
  }

  /** Services with `extends:` merged onto the service they extend, in this file or in `file:`. */
  private withExtends(own: Model, file: string, variables: ComposeVariables, stack: readonly string[]): Model {
    const resolved: Model = new Map();
    const resolve = (name: string, visiting: readonly string[]): ModelService | undefined => {
      const done = resolved.get(name);
      const service = own.get(name);
      if (done || !service || visiting.includes(name)) return done ?? service;
      const extend = service.spec.extends;
      const base = asString(extend) ?? asString(asRecord(extend)?.service);
      const from = asString(asRecord(extend)?.file);
      let parent: ModelService | undefined;
      if (base !== undefined && from === undefined) parent = resolve(base, [...visiting, name]);
      else if (base !== undefined && from !== undefined) {
        const other = posix.normalize(posix.join(posix.dirname(file), from));
        if (this.known.has(other) && !stack.includes(other)) parent = this.fileModel(other, variables, [...stack, other]).get(base);
      }
      const result = parent ? { origin: service.origin, spec: mergeService(parent.spec, service.spec, parent.origin, service.origin) } : service;
      resolved.set(name, result);
      return result;
    };
    return new Map([...own.keys()].map((name) => [name, resolve(name, [])!]));
  }

  private collectIncludes(file: string, variables: ComposeVariables, stack: readonly string[]): void {
    const document = this.documentOf(file);
    if (!document) return;
    for (const include of this.includesOf(file, document, variables)) {
      if (stack.includes(include.file)) continue;
      this.included.add(include.file);
      this.collectIncludes(include.file, include.variables, [...stack, include.file]);
    }
  }

  /**
   * The files an `include:` names (string or `path:` forms, relative to the including file). A
   * path with a variable the repository does not set matches every file it could name, each with
   * the value the variable then has.
   */
  private includesOf(file: string, document: YamlDocument, variables: ComposeVariables): { file: string; variables: ComposeVariables; assumed: Map<string, string> }[] {
    const dir = posix.dirname(file);
    return asArray(asRecord(document.data)?.include).flatMap((entry) => {
      const long = asRecord(entry);
      const paths = long ? [asString(long.path), ...asArray(long.path).map(asString)] : [asString(entry)];
      const envFiles = long ? [asString(long.env_file), ...asArray(long.env_file).map(asString)].filter((name) => name !== undefined) : [];
      return paths.flatMap((path) => {
        if (path === undefined) return [];
        return this.resolve(dir, interpolate(path, variables)).map(({ found, assumed }) => ({
          file: found,
          variables: this.includedVariables(found, envFiles.map((name) => posix.normalize(posix.join(dir, interpolate(name, variables)))), variables),
          assumed,
        }));
      });
    });
  }

  private resolve(dir: string, path: string): { found: string; assumed: Map<string, string> }[] {
    const full = posix.normalize(posix.join(dir, path));
    if (full.startsWith('../') || posix.isAbsolute(path)) return [];
    let found = this.resolved.get(full);
    if (!found) this.resolved.set(full, (found = this.matchesOf(full)));
    return found;
  }

  private matchesOf(full: string): { found: string; assumed: Map<string, string> }[] {
    if (!hasUnknownVariable(full)) return this.known.has(full) ? [{ found: full, assumed: new Map() }] : [];
    const names: string[] = [];
    const pattern = full.split(UNKNOWN_VARIABLE).map((part, i) => {
      if (i % 3 === 0) return escapeRegExp(part.replace(/\$\$/g, '$'));
      if (i % 3 === 1 && part !== undefined) names.push(part);
      if (i % 3 === 2 && part !== undefined) names.push(part);
      return i % 3 === 1 ? '([^/]+)' : '';
    });
    const matcher = new RegExp(`^${pattern.join('')}$`);
    return [...this.known].sort().flatMap((candidate) => {
      const match = matcher.exec(candidate);
      if (!match) return [];
      const assumed = new Map<string, string>();
      for (const [i, name] of names.entries()) {
        const value = match[i + 1]!;
        if (assumed.has(name) && assumed.get(name) !== value) return [];
        assumed.set(name, value);
      }
      return [{ found: candidate, assumed }];
    });
  }

  private includedVariables(file: string, envFiles: string[], includer: ComposeVariables): ComposeVariables {
    const files = envFiles.length > 0 ? envFiles : [posix.join(posix.dirname(file), '.env')];
    return files.reduce((variables, envFile) => this.readDotenv(envFile, variables), includer);
  }

  /** The lines of the `.env` beside a project's first file that set the variables a text interpolates. */
  dotenvLines(projectFile: string, written: string): { name: string; at: Location }[] {
    const file = posix.join(posix.dirname(projectFile), '.env');
    const names = [...written.replace(/\$\$/g, '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!);
    if (names.length === 0 || !this.known.has(file)) return [];
    const lines = (this.ws.text(file, { binary: 'skip' }) ?? '').split(/\r?\n/);
    return [...new Set(names)].flatMap((name) => {
      const sets = new RegExp(`^\\s*(export\\s+)?${name}\\s*=`);
      // The last assignment wins, as in parseDotenv.
      const index = lines.reduce((found, line, i) => (sets.test(line) ? i : found), -1);
      return index === -1 ? [] : [{ name, at: { kind: 'file' as const, path: file, line: index + 1, column: 1 } }];
    });
  }

  private variablesFor(file: string): ComposeVariables {
    return this.readDotenv(posix.join(posix.dirname(file), '.env'), NO_VARIABLES);
  }

  private readDotenv(file: string, inherited: ComposeVariables): ComposeVariables {
    if (!this.known.has(file)) return inherited;
    const text = this.ws.text(file, { binary: 'skip' });
    return text === undefined ? inherited : parseDotenv(text, inherited);
  }

  private documentOf(file: string): YamlDocument | undefined {
    return this.ws.yaml(file).documents[0];
  }

  /** A YAML file outside the compose globs whose top level is a compose `services:` mapping. */
  private isComposeByContent(file: string): boolean {
    // A cheap look first: parsing every YAML file would report the errors of files that are not compose (Helm templates).
    if (!/^services:/m.test(this.ws.text(file, { binary: 'skip' }) ?? '')) return false;
    const { documents } = this.ws.yaml(file);
    const data = asRecord(documents[0]?.data);
    if (documents.length !== 1 || !data || 'apiVersion' in data || 'kind' in data) return false;
    const services = Object.values(asRecord(data.services) ?? {});
    return services.length > 0 && services.every((service) => service === null || asRecord(service) !== undefined) && services.some((service) => LOOKS_LIKE_SERVICE(asRecord(service)));
  }
}

const SERVICE_KEYS = ['image', 'build'];
/** At most this many readings of one project for the values its unknown variables may take. */
const MAX_VARIANTS = 16;
/** `${VAR…}` or `$VAR` left by interpolation; split() yields the name in group 1 or 2. */
const UNKNOWN_VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|(?<!\$)\$([A-Za-z_][A-Za-z0-9_]*)/;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LOOKS_LIKE_SERVICE = (service: Record<string, unknown> | undefined) => service !== undefined && SERVICE_KEYS.some((key) => key in service);

/** Services of a later file merged onto an earlier model: a service defined again is merged, a new one added. */
function mergeModels(base: Model, later: Model): Model {
  if (base.size === 0) return later;
  const merged: Model = new Map(base);
  for (const [name, service] of later) {
    const existing = merged.get(name);
    merged.set(name, existing ? { origin: existing.origin, spec: mergeService(existing.spec, service.spec, existing.origin, service.origin) } : service);
  }
  return merged;
}
