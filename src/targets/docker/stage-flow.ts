import type { DockerInstruction, DockerStage, Dockerfile } from './dockerfile.js';

/*
 * What of each stage ends up in the image that is built. The image is the built stage's
 * filesystem: its own layers and those of the stages it is built FROM. Another stage only
 * contributes the paths a `COPY --from=<stage>` of the image takes from it.
 */

/** The built stage and the stages it is built FROM, nearest first. */
export function imageStages(dockerfile: Dockerfile, built: DockerStage): DockerStage[] {
  const chain = [built];
  for (let stage = parentStage(dockerfile, built); stage && !chain.includes(stage); stage = parentStage(dockerfile, stage)) chain.push(stage);
  return chain;
}

function parentStage(dockerfile: Dockerfile, stage: DockerStage): DockerStage | undefined {
  if (!stage.fromStage) return undefined;
  return dockerfile.stages.filter((earlier) => earlier.index < stage.index && earlier.name?.toLowerCase() === stage.image.toLowerCase()).at(-1);
}

/** The stage a `COPY --from=` names (by name or index); undefined for an external image. */
export function stageNamed(dockerfile: Dockerfile, from: string, before: number): DockerStage | undefined {
  const key = from.toLowerCase();
  if (/^\d+$/.test(key)) return dockerfile.stages[Number(key)];
  return dockerfile.stages.filter((stage) => stage.index < before && stage.name?.toLowerCase() === key).at(-1);
}

/**
 * Whether the directory a COPY writes in `stage` ends up in the image built from `built`:
 * the stage is part of the image, or a stage of the image copies that directory (or a
 * parent of it, or a glob) from it or from a stage built FROM it. Unknown paths count as reaching.
 */
export function copyReachesImage(dockerfile: Dockerfile, stage: DockerStage, copy: DockerInstruction, built: DockerStage): boolean {
  const image = imageStages(dockerfile, built);
  if (image.includes(stage)) return true;
  const destination = copyDestination(dockerfile, stage, copy);
  if (destination === undefined) return true;
  const holders = dockerfile.stages.filter((candidate) => imageStages(dockerfile, candidate).includes(stage));
  return image.some((imageStage) =>
    imageStage.instructions.some((instruction) => {
      const from = instruction.keyword === 'COPY' ? instruction.flags.get('from') : undefined;
      const source = from === undefined ? undefined : stageNamed(dockerfile, from, imageStage.index);
      if (!source || !holders.includes(source)) return false;
      return instruction.words.slice(0, -1).some((path) => covers(path, destination));
    }),
  );
}

/** The absolute directory a COPY writes to, WORKDIR applied; undefined when a variable hides it. */
function copyDestination(dockerfile: Dockerfile, stage: DockerStage, copy: DockerInstruction): string | undefined {
  const target = copy.words.at(-1);
  if (target === undefined) return undefined;
  const workdir = workdirBefore(dockerfile, stage, copy);
  if (workdir === undefined || target.includes('$')) return undefined;
  const sources = copy.words.slice(0, -1);
  // One file copied into a directory lands under its own name.
  const into = target.endsWith('/') && sources.length === 1 ? `${target}${sources[0]!.split('/').at(-1) ?? ''}` : target;
  return normalize(into.startsWith('/') ? into : `${workdir}/${into}`);
}

function workdirBefore(dockerfile: Dockerfile, stage: DockerStage, until: DockerInstruction): string | undefined {
  const chain = imageStages(dockerfile, stage).reverse();
  let workdir: string | undefined = '/';
  for (const each of chain) {
    for (const instruction of each.instructions) {
      if (instruction === until) return workdir;
      if (instruction.keyword !== 'WORKDIR' || workdir === undefined) continue;
      const path = instruction.args.trim();
      workdir = path.includes('$') ? undefined : path.startsWith('/') ? path : `${workdir}/${path}`;
    }
  }
  return workdir;
}

/** A `COPY --from` source (relative to the stage's root) that includes everything under `directory`. */
function covers(source: string, directory: string): boolean {
  if (source.includes('$')) return true;
  const wild = source.search(/[*?[]/);
  const path = normalize(`/${wild === -1 ? source : source.slice(0, source.lastIndexOf('/', wild) + 1)}`);
  return path === '/' || directory === path || directory.startsWith(`${path}/`);
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

