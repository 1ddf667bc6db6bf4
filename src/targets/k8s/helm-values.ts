import { posix } from 'node:path';
import type { Location } from '../location.js';
import type { HelmChart } from '../repo/helm-charts.js';
import type { Workspace } from '../repo/workspace.js';
import type { Target } from '../target.js';
import { asRecord, asString, type YamlRecord } from '../yaml/read.js';
import { toYamlPath, type YamlDocument, type YamlPath } from '../yaml/source.js';

/**
 * The values file of a Helm chart: the defaults its templates render with. What a template
 * does with a value (or without it) is unknown until rendered; only the values set here are read.
 */
export interface HelmValues extends Target {
  readonly file: string;
  /** The chart's name (Chart.yaml `name`, else its folder's). */
  readonly chart: string;
  /** Chart.yaml `appVersion`: the image tag the scaffold's templates fall back on (`image.tag | default .Chart.AppVersion`). */
  readonly appVersion: string | undefined;
  readonly data: YamlRecord;
  readonly document: YamlDocument;
  at(path: string | YamlPath): Location;
}

/** `values.yaml` and its variants beside Chart.yaml: `values-prod.yaml`, `values.dev.yml`. */
const VALUES_FILE = /^values(?:[.-][^/]+)?\.ya?ml$/i;

/** The chart whose values file a path is (a subchart's values are its own), if any. */
function chartOfValues(charts: readonly HelmChart[], path: string): HelmChart | undefined {
  if (!VALUES_FILE.test(posix.basename(path))) return undefined;
  const dir = posix.dirname(path).replace(/^\.$/, '');
  return charts.find((chart) => chart.dir === dir);
}

/** Whether the workspace has a chart values file among its manifests, known from the walk alone. */
export function hasHelmValues(workspace: Workspace): boolean {
  return workspace.charts.length > 0 && workspace.files('manifests').some((file) => chartOfValues(workspace.charts, file) !== undefined);
}

/** One target per values file of a chart (its first YAML document that is a mapping). */
export function helmValues(workspace: Workspace): HelmValues[] {
  const charts = workspace.charts;
  if (charts.length === 0) return [];
  return workspace.files('manifests').flatMap((file) => {
    const chart = chartOfValues(charts, file);
    if (!chart) return [];
    const document = workspace.yaml(file).documents.find((candidate) => asRecord(candidate.data) !== undefined);
    const data = asRecord(document?.data);
    if (!document || !data) return [];
    const chartYaml = asRecord(workspace.yaml(chart.file).documents[0]?.data);
    const at = (path: string | YamlPath): Location => {
      const { line, column } = document.locate(typeof path === 'string' ? toYamlPath(path) : path);
      return { kind: 'file', path: file, line, column };
    };
    return [
      {
        identity: file,
        file,
        chart: asString(chartYaml?.name) ?? (posix.basename(chart.dir) || 'chart'),
        appVersion: asString(chartYaml?.appVersion),
        data,
        document,
        location: at([]),
        at,
      },
    ];
  });
}

/** A mapping somewhere in the values, with its path and the key it sits under ('' for the root or a list item). */
export interface ValuesMap {
  readonly path: YamlPath;
  readonly key: string;
  readonly map: YamlRecord;
  /**
   * It or a mapping above it is switched off (`enabled: false`, `enable: false`, `create: false`:
   * Bitnami's `volumePermissions`, `metrics`, a disabled `containerSecurityContext`): the templates
   * render nothing of it by default.
   */
  readonly disabled: boolean;
}

const SWITCHES = ['enabled', 'enable', 'create'];

/** Every mapping of the values, the root first, then in source order (lists included: `extraContainers`). */
export function valuesMaps(data: YamlRecord): ValuesMap[] {
  const found: ValuesMap[] = [];
  const visit = (value: unknown, path: YamlPath, key: string, offAbove: boolean) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i], '', offAbove));
      return;
    }
    const map = asRecord(value);
    if (!map) return;
    const disabled = offAbove || SWITCHES.some((name) => map[name] === false);
    found.push({ path, key, map, disabled });
    for (const [child, childValue] of Object.entries(map)) visit(childValue, [...path, child], child, disabled);
  };
  visit(data, [], '', false);
  return found;
}

/** A dotted path for a message: `controller.image.tag`, `extraContainers[0].securityContext`. */
export function dottedPath(path: YamlPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}
