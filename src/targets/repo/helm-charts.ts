import { posix } from 'node:path';

/** A Helm chart: a folder holding `Chart.yaml` and a `templates/` folder. */
export interface HelmChart {
  /** The chart's folder ('' for the root). */
  readonly dir: string;
  /** Its Chart.yaml. */
  readonly file: string;
  /** Whether a tree path is one of its templates (a subchart's are its own). */
  holdsTemplate(path: string): boolean;
}

/** The charts among tree paths, deepest first (a subchart under charts/ before its parent). */
export function helmCharts(paths: readonly string[]): HelmChart[] {
  const dirs = paths.filter((path) => posix.basename(path) === 'Chart.yaml').map((file) => posix.dirname(file).replace(/^\.$/, ''));
  return dirs
    .map((dir) => ({ dir, templates: dir ? `${dir}/templates/` : 'templates/' }))
    .filter(({ templates }) => paths.some((path) => path.startsWith(templates)))
    .sort((a, b) => b.dir.length - a.dir.length)
    .map(({ dir, templates }) => ({
      dir,
      file: dir ? `${dir}/Chart.yaml` : 'Chart.yaml',
      holdsTemplate: (path: string) => path.startsWith(templates),
    }));
}
