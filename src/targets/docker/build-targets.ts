import { posix } from 'node:path';
import { parse } from 'yaml';
import { defineIndex } from '../repo/shared-index.js';
import type { Workspace } from '../repo/workspace.js';
import type { DockerStage, Dockerfile } from './dockerfile.js';

/**
 * The stages of each Dockerfile that the repository builds by name: compose `build.target`,
 * a workflow's `docker/build-push-action` `target:`, and `docker build -f <file> --target <stage>`
 * in scripts, package.json and Makefiles. Keyed by the Dockerfile's repo-relative path.
 */
export const buildTargetIndex = defineIndex<ReadonlyMap<string, ReadonlySet<string>>>('docker-build-targets', (workspace) => {
  const targets = new Map<string, Set<string>>();
  const add = (dockerfile: string, target: string) => {
    const path = posix.normalize(dockerfile);
    let set = targets.get(path);
    if (!set) targets.set(path, (set = new Set()));
    set.add(target.toLowerCase());
  };
  for (const file of workspace.files('compose')) for (const [dockerfile, target] of composeTargets(workspace, file)) add(dockerfile, target);
  for (const file of workspace.files('workflows')) for (const [dockerfile, target] of actionTargets(workspace, file)) add(dockerfile, target);
  const commandFiles = workspace.files('tree').filter((file) => /(^|\/)(package\.json|Makefile|[^/]+\.mk|[^/]+\.(sh|bash)|[^/]+\.ya?ml)$/.test(file));
  for (const file of commandFiles) {
    const text = workspace.text(file, { binary: 'skip' });
    if (text === undefined || !/--target/.test(text)) continue;
    for (const [dockerfile, target] of commandTargets(text)) {
      add(dockerfile, target);
      add(posix.join(posix.dirname(file), dockerfile), target);
    }
  }
  return targets;
});

/** The stages images are built from: those the repository names as targets, else the last one (the default). */
export function builtStages(dockerfile: Dockerfile, targets: ReadonlyMap<string, ReadonlySet<string>>): DockerStage[] {
  const last = dockerfile.finalStage;
  if (!last) return [];
  const named = targets.get(dockerfile.file);
  const chosen = named ? dockerfile.stages.filter((stage) => stage.name !== undefined && named.has(stage.name.toLowerCase())) : [];
  return chosen.length > 0 ? chosen : [last];
}

function* composeTargets(workspace: Workspace, file: string): Generator<[string, string]> {
  const document = parseQuietly(workspace.text(file, { binary: 'skip' }));
  const services = field(document, 'services');
  if (!isRecord(services)) return;
  for (const service of Object.values(services)) {
    const build = field(service, 'build');
    const target = field(build, 'target');
    if (typeof target !== 'string') continue;
    const context = field(build, 'context');
    const dockerfile = field(build, 'dockerfile');
    const dir = posix.join(posix.dirname(file), typeof context === 'string' ? context : '.');
    yield [posix.join(dir, typeof dockerfile === 'string' ? dockerfile : 'Dockerfile'), target];
  }
}

function* actionTargets(workspace: Workspace, file: string): Generator<[string, string]> {
  const jobs = field(parseQuietly(workspace.text(file, { binary: 'skip' })), 'jobs');
  if (!isRecord(jobs)) return;
  for (const job of Object.values(jobs)) {
    const steps = field(job, 'steps');
    if (!Array.isArray(steps)) continue;
    for (const step of steps) {
      const uses = field(step, 'uses');
      const inputs = field(step, 'with');
      const target = field(inputs, 'target');
      if (typeof uses !== 'string' || !uses.includes('build-push-action') || typeof target !== 'string') continue;
      const dockerfile = field(inputs, 'file');
      const context = field(inputs, 'context');
      yield [typeof dockerfile === 'string' ? dockerfile : posix.join(typeof context === 'string' ? context : '.', 'Dockerfile'), target];
    }
  }
}

/** `docker build` / `docker buildx build` commands naming both a file and a target. */
function* commandTargets(text: string): Generator<[string, string]> {
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n|&&|;/)) {
    if (!/\bdocker\s+(buildx\s+)?build\b/.test(line)) continue;
    const target = /--target[=\s]+["']?([\w.-]+)/.exec(line)?.[1];
    const dockerfile = /(?:^|\s)(?:-f|--file)[=\s]+["']?([^\s"']+)/.exec(line)?.[1];
    if (target && dockerfile) yield [dockerfile, target];
  }
}

function parseQuietly(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return parse(text, { logLevel: 'silent', uniqueKeys: false });
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}
