import { DockerfileParser, type From, type Instruction } from 'dockerfile-ast';
import type { Location } from '../location.js';
import type { Target } from '../target.js';

export interface DockerInstruction {
  /** Upper-case keyword: FROM, RUN, USER, ... */
  readonly keyword: string;
  /** Arguments as written, continuation lines joined. */
  readonly args: string;
  readonly location: Location;
}

export interface DockerStage {
  readonly index: number;
  /** `AS name`, when given. */
  readonly name: string | undefined;
  /** The image reference after FROM with build args resolved where the file defines them. */
  readonly image: string;
  readonly imageTag: string | undefined;
  readonly imageDigest: string | undefined;
  /** True when FROM names an earlier stage rather than an image. */
  readonly fromStage: boolean;
  readonly from: DockerInstruction;
  readonly instructions: readonly DockerInstruction[];
}

export interface Dockerfile extends Target {
  readonly file: string;
  readonly stages: readonly DockerStage[];
  /** The stage the image is built from: the last one. */
  readonly finalStage: DockerStage | undefined;
}

export function parseDockerfile(file: string, text: string): Dockerfile {
  const parsed = DockerfileParser.parse(text);
  const toInstruction = (instruction: Instruction): DockerInstruction => {
    const start = instruction.getRange().start;
    return {
      keyword: instruction.getKeyword().toUpperCase(),
      args: instruction.getArgumentsContent() ?? '',
      location: { kind: 'file', path: file, line: start.line + 1, column: start.character + 1 },
    };
  };
  const stageNames = new Set<string>();
  const stages: DockerStage[] = [];
  let current: { from: From; instructions: DockerInstruction[] } | undefined;
  const close = () => {
    if (!current) return;
    const { from, instructions } = current;
    const image = resolveArgs(from.getImage() ?? '', parsed.getInitialARGs().map((arg) => [arg.getProperty()?.getName() ?? '', arg.getProperty()?.getValue() ?? null]));
    const name = from.getBuildStage() ?? undefined;
    const baseName = image.split(/[:@]/)[0] ?? image;
    stages.push({
      index: stages.length,
      name,
      image,
      imageTag: tagOf(image),
      imageDigest: /@(sha256:[a-f0-9]{64})$/i.exec(image)?.[1],
      fromStage: stageNames.has(baseName.toLowerCase()),
      from: toInstruction(from),
      instructions,
    });
    if (name) stageNames.add(name.toLowerCase());
  };
  for (const instruction of parsed.getInstructions()) {
    if (instruction.getKeyword().toUpperCase() === 'FROM') {
      close();
      current = { from: instruction as From, instructions: [] };
    }
    current?.instructions.push(toInstruction(instruction));
  }
  close();
  return {
    identity: file,
    file,
    location: { kind: 'file', path: file, line: 1, column: 1 },
    stages,
    finalStage: stages.at(-1),
  };
}

function resolveArgs(image: string, args: [string, string | null][]): string {
  const values = new Map(args.filter((entry): entry is [string, string] => entry[1] !== null));
  return image.replace(/\$\{?(\w+)(?::?-([^}]*))?\}?/g, (whole, name: string, fallback: string | undefined) => values.get(name) ?? fallback ?? whole);
}

function tagOf(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? undefined : withoutDigest.slice(colon + 1);
}
