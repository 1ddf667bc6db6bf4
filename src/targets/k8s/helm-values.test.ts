import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GLOBS, Workspace } from '../repo/workspace.js';
import { dottedPath, hasHelmValues, helmValues } from './helm-values.js';

async function workspaceOf(files: Record<string, string>): Promise<Workspace> {
  const dir = mkdtempSync(join(tmpdir(), 'harden-helm-values-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return Workspace.open(dir, DEFAULT_GLOBS);
}

describe('helm values targets', () => {
  it("makes each chart's values files targets, and a values.yaml outside a chart (or beside a Chart.yaml without templates) none", async () => {
    const workspace = await workspaceOf({
      'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nappVersion: "1.2"\n',
      'chart/values.yaml': 'image:\n  repository: shop\n  tag: ""\n',
      'chart/values-prod.yaml': 'replicaCount: 3\n',
      'chart/templates/NOTES.txt': 'Installed.\n',
      'chart/charts/db/Chart.yaml': 'apiVersion: v2\nname: db\n',
      'chart/charts/db/values.yaml': 'hostNetwork: true\n',
      'chart/charts/db/templates/NOTES.txt': 'Installed.\n',
      'chart/ci/values.yaml': 'image: {}\n',
      'deploy/values.yaml': 'image: {}\n',
      'tools/Chart.yaml': 'apiVersion: v2\nname: no-templates\n',
      'tools/values.yaml': 'image: {}\n',
    });
    expect(hasHelmValues(workspace)).toBe(true);
    const values = helmValues(workspace);
    expect(values.map((target) => [target.file, target.chart, target.appVersion])).toEqual([
      ['chart/charts/db/values.yaml', 'db', undefined],
      ['chart/values-prod.yaml', 'shop', '1.2'],
      ['chart/values.yaml', 'shop', '1.2'],
    ]);
    expect(values[2]!.at('image.tag')).toEqual({ kind: 'file', path: 'chart/values.yaml', line: 3, column: 3 });

    const plain = await workspaceOf({ 'deploy/values.yaml': 'image: {}\n', 'Chart.yaml': 'name: x\n' });
    expect(hasHelmValues(plain)).toBe(false);
    expect(helmValues(plain)).toEqual([]);
  });

  it('names a path in values the way --set does', () => {
    expect(dottedPath(['exporter', 'extraContainers', 0, 'securityContext', 'capabilities', 'add', 1])).toBe('exporter.extraContainers[0].securityContext.capabilities.add[1]');
  });
});
