import { posix } from 'node:path';

/** Compose's default file names, in the order it looks for them. */
const DEFAULT_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];
/** `docker-compose.prod.yml`, `compose.staging.yaml`: a deployment, `-f <base> -f <this>`. */
const ENVIRONMENT_FILE = /^((?:docker-)?compose)\.([^/]+)\.ya?ml$/i;

/**
 * The compose projects among the compose files, each as the files `docker compose -f … -f …`
 * reads, default projects and lone files first, then environments: in each folder the default
 * base with its override (or the files COMPOSE_FILE in its .env names), each
 * `docker-compose.<env>.yml` with its base, every other file on its own unless another includes it.
 */
export function projectFiles(candidates: readonly string[], included: ReadonlySet<string>, composeFileOf: (dir: string) => string[]): string[][] {
  const byDir = new Map<string, Set<string>>();
  for (const file of candidates) {
    const dir = posix.dirname(file);
    byDir.set(dir, (byDir.get(dir) ?? new Set()).add(posix.basename(file)));
  }
  const primary: string[][] = [];
  const environments: string[][] = [];
  const consumed = new Set<string>();
  for (const [dir, names] of byDir) {
    const join = (name: string) => (dir === '.' ? name : `${dir}/${name}`);
    const lower = new Map([...names].map((name) => [name.toLowerCase(), name]));
    const base = DEFAULT_NAMES.map((name) => lower.get(name)).find((name) => name !== undefined);
    // COMPOSE_FILE in the folder's .env names the files `docker compose` reads there.
    const chosen = composeFileOf(dir);
    if (chosen.length > 0) {
      primary.push(chosen);
      for (const file of chosen) consumed.add(file);
    }
    if (base === undefined) continue;
    const override = OVERRIDE_NAMES.map((name) => lower.get(name)).find((name) => name !== undefined);
    const defaults = override === undefined ? [join(base)] : [join(base), join(override)];
    if (chosen.length === 0) primary.push(defaults);
    // Left out by COMPOSE_FILE, the base and its override are still one way to run the folder.
    else if (!defaults.every((file) => consumed.has(file))) environments.push(defaults);
    consumed.add(join(base));
    if (override !== undefined) consumed.add(join(override));
    for (const name of names) {
      const environment = ENVIRONMENT_FILE.exec(name);
      if (!environment || consumed.has(join(name)) || OVERRIDE_NAMES.includes(name.toLowerCase())) continue;
      // docker-compose.prod.yml goes with docker-compose.yml when there is one, else with the default base.
      const family = ['.yaml', '.yml'].map((ext) => lower.get(`${environment[1]!.toLowerCase()}${ext}`)).find((found) => found !== undefined) ?? base;
      environments.push([join(family), join(name)]);
      consumed.add(join(name));
    }
  }
  const lone = candidates.filter((file) => !consumed.has(file) && !included.has(file)).map((file) => [file]);
  const roots = [...primary.filter((files) => !included.has(files[0]!)), ...lone].sort((a, b) => a[0]!.localeCompare(b[0]!));
  return [...roots, ...environments.sort((a, b) => (a.at(-1) ?? '').localeCompare(b.at(-1) ?? ''))];
}
