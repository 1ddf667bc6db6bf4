import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapesRoot, normalizeGlob } from './tree-globs.js';
import { walkTree } from './tree-walk.js';
import { DEFAULT_GLOBS, Workspace } from './workspace.js';

function repo(files: Record<string, string | Buffer | { link: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'harden-workspace-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    if (typeof content === 'object' && 'link' in content) symlinkSync(content.link, join(dir, path));
    else writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('walkTree', () => {
  it('lists regular files and links to files inside the tree, and says what it left out and why', () => {
    const dir = repo({
      'a.yaml': 'a: 1\n',
      'deploy/b.yaml': 'b: 1\n',
      'deploy/alias.yaml': { link: 'b.yaml' },
      'loop/up': { link: '..' },
      'current': { link: 'deploy' },
      'zero.yaml': { link: '/dev/zero' },
      'dangling.yaml': { link: 'nowhere.yaml' },
      'node_modules/x/c.yaml': 'c: 1\n',
    });
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const tree = walkTree(dir, (path) => path.endsWith('node_modules'));
    expect(tree.files).toEqual([
      { path: 'a.yaml', real: 'a.yaml' },
      { path: 'deploy/alias.yaml', real: 'deploy/b.yaml' },
      { path: 'deploy/b.yaml', real: 'deploy/b.yaml' },
    ]);
    expect(tree.notRead).toEqual([
      { path: 'current', reason: 'link to the directory deploy: not followed (its files are scanned at their own path)', error: false },
      { path: 'dangling.yaml', reason: 'broken symbolic link (to nowhere.yaml): not followed', error: false },
      { path: 'loop/up', reason: 'symbolic link loop (to .): not followed', error: false },
      { path: 'pipe.yaml', reason: 'not a regular file (a FIFO): not read', error: false },
      { path: 'zero.yaml', reason: 'link out of the repository (to /dev/zero): not followed', error: false },
    ]);
  });

  it('calls a link to itself a loop', () => {
    const dir = repo({ 'self.yaml': { link: 'self.yaml' } });
    expect(walkTree(dir, () => false).notRead).toEqual([{ path: 'self.yaml', reason: 'symbolic link loop (to self.yaml): not followed', error: false }]);
  });
});

describe('normalizeGlob', () => {
  it('reads a plain name as a folder too, a name with a wildcard as files only', () => {
    expect(['deploy', 'deploy/k8s/', '**/templates', '**/*.sh', 'k8s/*.y*ml', './a/*.yaml'].map(normalizeGlob)).toEqual([
      'deploy/**',
      'deploy/k8s/**',
      '**/templates/**',
      '**/*.sh',
      'k8s/*.y*ml',
      'a/*.yaml',
    ]);
  });
});

describe('escapesRoot', () => {
  it('refuses absolute globs and globs through ..', () => {
    expect(['deploy/*.yaml', '**/*', './a/../b/*.yaml', 'a..b/*.yaml'].map(escapesRoot)).toEqual([false, false, false, false]);
    expect(['../x/*.yaml', '/etc/*.conf', 'a/../../x', '..'].map(escapesRoot)).toEqual([true, true, true, true]);
  });
});

describe('Workspace', () => {
  it('reports a binary target every time it is read as one, even after a reader that skips binaries cached it', async () => {
    const dir = repo({ 'a.yaml': 'kind: Pod\n', 'b.yaml': Buffer.from([0x61, 0x00, 0x0a]) });
    const workspace = await Workspace.open(dir, DEFAULT_GLOBS);
    expect(workspace.text('b.yaml', { binary: 'skip' })).toBeUndefined();
    expect(workspace.issues).toEqual([]);
    expect(workspace.yaml('b.yaml').documents).toEqual([]);
    expect(workspace.issues).toEqual([{ file: 'b.yaml', line: 1, column: 1, message: 'skipped: binary file', status: 'error' }]);
  });

  it('reads a file reached through a link inside the tree once, and reports what the walk left out', async () => {
    const dir = repo({ 'deploy/pod.yaml': 'kind: Pod\n', 'deploy/alias.yaml': { link: 'pod.yaml' }, 'up': { link: '.' }, 'vendor/x': { link: '/etc' } });
    const workspace = await Workspace.open(dir, DEFAULT_GLOBS);
    expect(workspace.files('manifests')).toEqual(['deploy/pod.yaml']);
    expect(workspace.issues).toEqual([{ file: 'up', line: 1, column: 1, message: 'symbolic link loop (to .): not followed', status: 'skipped' }]);
  });

  it('leaves the templates of a Helm chart out of the YAML groups with one note per chart; the secret scan still reads them', async () => {
    const template = 'apiVersion: v1\nkind: Service\nspec:\n  selector:\n    app: {{ .Values.app }}\n';
    const dir = repo({
      'chart/Chart.yaml': 'apiVersion: v2\nname: shop\n',
      'chart/values.yaml': 'image: shop:1\n',
      'chart/templates/service.yaml': template,
      'chart/templates/deployment.yaml': template,
      'chart/templates/config.yaml': 'password: {{ .Values.password | quote }}\n',
      'chart/charts/db/Chart.yaml': 'apiVersion: v2\nname: db\n',
      'chart/charts/db/templates/sts.yaml': template,
      'deploy/pod.yaml': 'kind: Pod\n',
    });
    const workspace = await Workspace.open(dir, DEFAULT_GLOBS);
    expect(workspace.files('manifests')).toEqual(['chart/Chart.yaml', 'chart/charts/db/Chart.yaml', 'chart/values.yaml', 'deploy/pod.yaml']);
    expect(workspace.files('tree')).toContain('chart/templates/service.yaml');
    // Config checks that read lines still see a template; nothing reads it as YAML.
    expect(workspace.files('configs')).toEqual(['chart/templates/config.yaml']);
    expect(workspace.yaml('chart/templates/config.yaml').documents).toEqual([]);
    const helm = (dir: string, n: string) =>
      `skipped: a Helm chart (${n} under ${dir}/templates/): templates are not Kubernetes YAML until rendered; check the rendered manifests: helm template NAME ${dir} | harden scan -`;
    expect(workspace.issues).toEqual([
      { file: 'chart/charts/db/Chart.yaml', line: 1, column: 1, message: helm('chart/charts/db', '1 template'), status: 'skipped' },
      { file: 'chart/Chart.yaml', line: 1, column: 1, message: helm('chart', '3 templates'), status: 'skipped' },
    ]);
  });

  it('reads a Go template outside a chart as one note, a broken file as one error, and other tools\' own {{ }} values as YAML', async () => {
    const dir = repo({
      'rules/middlewares.yml': 'http:\n  middlewares:\n    auth:\n      forwardAuth:\n        address: "https://auth.{{env "DOMAINNAME"}}"\n        trustForwardHeader: true\n',
      '.goreleaser.yml': 'builds:\n  - ldflags: -X main.version={{.Version}}\n',
      'vitess/etcd-service-template.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: etcd-{{cell}}\nspec:\n  selector:\n    cell: {{cell}}\n',
      'broken.yaml': 'a: [\nb: ]]\nc: {\n',
      'rules.yaml': 'groups:\n  - rules:\n      - annotations:\n          summary: "{{ $labels.pod }} down"\n',
      'compose.yaml': 'services:\n  web:\n    hostname: web-{{.Task.Slot}}\n',
    });
    const workspace = await Workspace.open(dir, DEFAULT_GLOBS);
    expect(workspace.yaml('vitess/etcd-service-template.yaml').documents).toEqual([]);
    expect(workspace.yaml('rules.yaml').documents).toHaveLength(1);
    expect(workspace.yaml('compose.yaml').documents).toHaveLength(1);
    expect(workspace.yaml('.goreleaser.yml').documents).toHaveLength(1);
    expect(workspace.yaml('rules/middlewares.yml').documents).toEqual([]);
    expect(workspace.yaml('broken.yaml').documents).toEqual([]);
    expect(workspace.issues).toEqual([
      { file: 'vitess/etcd-service-template.yaml', line: 4, column: 1, status: 'skipped', message: expect.stringMatching(/^skipped: a Go template \(`\{\{ … \}\}` in the YAML itself\), not YAML/) },
      { file: 'rules/middlewares.yml', line: 5, column: 1, status: 'skipped', message: expect.stringMatching(/Go template/) },
      { file: 'broken.yaml', line: 2, column: 1, status: 'error', message: expect.stringMatching(/^invalid YAML: .* \(and \d+ more YAML errors after it\)$/) },
    ]);
  });

  it('finds Dockerfiles and compose files whatever the case of their names, and no folder named like a file', async () => {
    const dir = repo({
      'docker/dockerfile': 'FROM a\n',
      'docker/debian-base.dockerfile': 'FROM a\n',
      'Dockerfile.prod': 'FROM a\n',
      'dev/dockerfile.dev': 'FROM a\n',
      'Containerfile': 'FROM a\n',
      'Dockerfile.dockerignore': 'node_modules\n',
      'docs/Dockerfile.md': '# notes\n',
      'compose.yaml': 'services: {}\n',
      'dev/compose.yml': 'services: {}\n',
      'docker-compose.dev.yml': 'services: {}\n',
      'Docker-Compose.override.yaml': 'services: {}\n',
      'cue.mod/pkg/timoni.sh/core/v1alpha1/image.cue': 'package v1alpha1\n',
      'scripts/deploy.sh': 'echo\n',
    });
    const workspace = await Workspace.open(dir, DEFAULT_GLOBS);
    expect(workspace.files('dockerfiles')).toEqual(['Containerfile', 'Dockerfile.prod', 'dev/dockerfile.dev', 'docker/debian-base.dockerfile', 'docker/dockerfile']);
    expect(workspace.files('compose')).toEqual(['Docker-Compose.override.yaml', 'compose.yaml', 'dev/compose.yml', 'docker-compose.dev.yml']);
    expect(workspace.files('scripts')).toEqual(['scripts/deploy.sh']);
  });
});
