import { DockerfileParser, type Flag, type From, type Instruction, type Property } from 'dockerfile-ast';
import type { Location } from '../location.js';
import { parseShell, type ShellPipeline } from '../shell/command-line.js';
import type { Target } from '../target.js';
import { isPinnedByDigest, parseImageRef, type ImageRef } from './image-ref.js';

/** One `NAME=value` of ENV, ARG or LABEL. */
export interface DockerProperty {
  readonly name: string;
  /** The value with quotes removed; undefined for `ARG NAME` without a default. */
  readonly value: string | undefined;
  readonly location: Location;
}

export interface DockerInstruction {
  /** Upper-case keyword: FROM, RUN, USER, ... */
  readonly keyword: string;
  /** Arguments as written, continuation lines joined. */
  readonly args: string;
  readonly location: Location;
  /** `--name=value` flags (`--from`, `--checksum`, `--mount`, ...), lower-case names; a flag without a value maps to ''. */
  readonly flags: ReadonlyMap<string, string>;
  /** The arguments after the flags, one per word (JSON form `["a", "b"]` read as its strings). */
  readonly words: readonly string[];
  /** ENV, ARG and LABEL: their `NAME=value` pairs, each with its own line. */
  readonly properties: readonly DockerProperty[];
  /**
   * RUN (shell form, or exec form running `sh -c`): the command line read as shell,
   * parsed once on first use. Empty for other instructions.
   */
  readonly script: readonly ShellPipeline[];
}

export interface DockerStage {
  readonly index: number;
  /** `AS name`, when given. */
  readonly name: string | undefined;
  /** The image reference after FROM with build args resolved where the file defines them. */
  readonly image: string;
  /** The parsed reference; undefined when FROM names no image. */
  readonly imageRef: ImageRef | undefined;
  readonly imageTag: string | undefined;
  /** A well-formed `sha256:` / `sha512:` digest, when the image is pinned by one. */
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
    const keyword = instruction.getKeyword().toUpperCase();
    const args = instruction.getArgumentsContent() ?? '';
    const at = (line: number, character: number): Location => ({ kind: 'file', path: file, line: line + 1, column: character + 1 });
    const flagList = 'getFlags' in instruction ? (instruction.getFlags as () => Flag[])() : [];
    const flags = new Map(flagList.map((flag) => [flag.getName().toLowerCase(), flag.getValue() ?? ''] as const));
    const propertyList = 'getProperties' in instruction ? (instruction.getProperties as () => Property[])() : [];
    const properties = propertyList.map((property) => ({
      name: property.getName(),
      value: property.getValue() ?? undefined,
      location: at(property.getRange().start.line, property.getRange().start.character),
    }));
    let script: ShellPipeline[] | undefined;
    return {
      keyword,
      args,
      location: at(start.line, start.character),
      flags,
      words: wordsOf(args),
      properties,
      get script() {
        return (script ??= keyword === 'RUN' ? parseShell(runScript(args)) : []);
      },
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
    const imageRef = parseImageRef(image);
    stages.push({
      index: stages.length,
      name,
      image,
      imageRef,
      imageTag: imageRef?.tag,
      imageDigest: imageRef && isPinnedByDigest(imageRef) ? imageRef.digest : undefined,
      // `FROM build` names a stage only when it is exactly an earlier stage's name (no tag, no registry).
      fromStage: stageNames.has(image.toLowerCase()),
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

/** Words after the leading `--flag` options; the JSON (exec) form read as its strings. */
function wordsOf(args: string): string[] {
  const json = execForm(args);
  const words = json ?? args.split(/\s+/).filter((word) => word !== '');
  let i = 0;
  if (!json) while (i < words.length && words[i]!.startsWith('--')) i++;
  return words.slice(i);
}

function execForm(args: string): string[] | undefined {
  const trimmed = args.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The shell text a RUN executes: shell form after its flags, or the `-c` script of an exec form. */
function runScript(args: string): string {
  const json = execForm(args);
  if (json) {
    const c = json.indexOf('-c');
    return c > 0 && /(^|\/)(ba|da|a|z|k)?sh$/.test(json[0]!) ? (json[c + 1] ?? '') : json.map((word) => (/[\s'"]/.test(word) ? `'${word.replace(/'/g, '')}'` : word)).join(' ');
  }
  const script = args.replace(/^\s*(--\S+\s+)*/, '');
  // BuildKit here-document: `RUN <<EOF` (or `RUN <<EOF bash`) followed by the script lines.
  const heredoc = HEREDOC_RUN.exec(script);
  if (!heredoc) return script;
  const interpreter = heredoc[3]!.trim().split(/\s+/)[0] ?? '';
  return interpreter === '' || /(^|\/)(ba|da|a|z|k)?sh$/.test(interpreter) ? heredoc[4]! : '';
}

const HEREDOC_RUN = /^<<(-?)["']?(\w+)["']?([^\n]*)\n([\s\S]*?)(?:\n[\t ]*\2[\t ]*)?$/;

/** `${NAME}`, `${NAME:-default}`, `${NAME-default}` or `$NAME`. */
const ARG_REFERENCE = /\$\{(\w+)(?:(:?)-([^}]*))?\}|\$(\w+)/g;

function resolveArgs(image: string, args: [string, string | null][]): string {
  const values = new Map<string, string>();
  // An ARG default may use an earlier ARG: `ARG IMAGE=${REGISTRY}/node`.
  for (const [name, value] of args) if (value !== null) values.set(name, substitute(value, values));
  return substitute(image, values);
}

function substitute(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(ARG_REFERENCE, (whole, braced: string | undefined, colon: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const value = values.get((braced ?? bare)!);
    const useFallback = value === undefined || (colon === ':' && value === '');
    return useFallback ? (fallback ?? whole) : value;
  });
}

/**
 * The last USER in effect for a stage: its own, or the one it inherits from the earlier
 * stage it is built FROM. Undefined when nothing in the file sets one (the base image decides).
 */
export function effectiveUser(dockerfile: Dockerfile, stage: DockerStage): DockerInstruction | undefined {
  const own = stage.instructions.filter((instruction) => instruction.keyword === 'USER').at(-1);
  if (own || !stage.fromStage) return own;
  const parent = dockerfile.stages
    .filter((earlier) => earlier.index < stage.index && earlier.name?.toLowerCase() === stage.image.toLowerCase())
    .at(-1);
  return parent ? effectiveUser(dockerfile, parent) : undefined;
}
