import type { Location } from '../location.js';
import type { Target } from '../target.js';
import { asRecord, asString, type YamlRecord } from '../yaml/read.js';
import { toYamlPath, type ParsedYaml, type YamlPath } from '../yaml/source.js';

/** One service of a docker compose file. */
export interface ComposeService extends Target {
  readonly file: string;
  readonly name: string;
  readonly spec: YamlRecord;
  readonly image: string | undefined;
  /** Location of a path relative to the service. */
  at(path: string | YamlPath): Location;
}

export function composeServicesOf(file: string, parsed: ParsedYaml): ComposeService[] {
  const document = parsed.documents[0];
  const services = asRecord(asRecord(document?.data)?.services);
  if (!document || !services) return [];
  return Object.entries(services).flatMap(([name, value]) => {
    const spec = asRecord(value);
    if (!spec) return [];
    const at = (path: string | YamlPath): Location => {
      const relative = typeof path === 'string' ? toYamlPath(path) : path;
      const { line, column } = document.locate(['services', name, ...relative]);
      return { kind: 'file', path: file, line, column };
    };
    return [{ identity: `${file}#services.${name}`, file, name, spec, image: asString(spec.image), location: at([]), at }];
  });
}
