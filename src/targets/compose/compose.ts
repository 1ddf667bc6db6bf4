import type { Location } from '../location.js';
import type { Target } from '../target.js';
import type { YamlRecord } from '../yaml/read.js';
import type { YamlPath } from '../yaml/source.js';

/** The files `docker compose -f … -f …` reads for one deployment, in order (includes aside). */
export interface ComposeProject {
  readonly files: readonly string[];
  /** Values taken for variables the repository does not set, read from the include paths they complete. */
  readonly assumed?: Readonly<Record<string, string>>;
}

/** One service of a compose project: its definitions in every file merged, values interpolated. */
export interface ComposeService extends Target {
  /** The file that first defines the service (the base, or an included fragment). */
  readonly file: string;
  readonly name: string;
  /** The merged, interpolated definition. */
  readonly spec: YamlRecord;
  readonly image: string | undefined;
  readonly project: ComposeProject;
  /** Location of a path relative to the service, in the file where that value is written. */
  at(path: string | YamlPath): Location;
  /** The scalar at a path as written, before interpolation; undefined when it holds no `$`. */
  written(path: YamlPath): string | undefined;
  /** Where the project's `.env` sets the variables the scalar at a path interpolates. */
  variablesAt(path: YamlPath): { name: string; at: Location }[];
}
