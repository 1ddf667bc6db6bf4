import { dirname } from 'node:path';
import { Document, isScalar, type YAMLMap } from 'yaml';
import { objectsOfFile } from '../targets/k8s/objects.js';
import { DEFAULT_GLOBS, Workspace, type LoadIssue } from '../targets/repo/workspace.js';

export interface Discovery {
  manifests: string[];
  dockerfiles: string[];
  compose: string[];
  workflows: string[];
  scripts: string[];
}

/**
 * Finds what an ops repo holds, as globs per kind of file (one per directory), and what the
 * walk of the tree did not read (links out of it, loops, unreadable folders).
 */
export async function discover(root: string): Promise<{ found: Discovery; notRead: readonly LoadIssue[] }> {
  const workspace = await Workspace.open(root, DEFAULT_GLOBS);
  const notRead = [...workspace.issues];
  const manifestFiles = workspace.files('manifests').filter((file) => objectsOfFile(file, workspace.yaml(file)).length > 0);
  const found = {
    manifests: dirGlobs(manifestFiles, '*.y*ml'),
    dockerfiles: [...workspace.files('dockerfiles')],
    compose: [...workspace.files('compose')],
    workflows: workspace.files('workflows').length > 0 ? ['.github/workflows/*.y*ml'] : [],
    scripts: dirGlobs([...workspace.files('scripts')], '*.sh'),
  };
  return { found, notRead };
}

function dirGlobs(files: string[], pattern: string): string[] {
  const dirs = [...new Set(files.map((file) => dirname(file)))].sort();
  // Collapse children into their parent so the glob keeps covering new subfolders.
  const roots = dirs.filter((dir) => !dirs.some((other) => other !== dir && other !== '.' && dir.startsWith(`${other}/`)));
  return roots.map((dir) => (dir === '.' ? pattern : `${dir}/**/${pattern}`));
}

/** A commented starter plan: the targets found, and one example of each section. */
export function draftPlan(found: Discovery, project: string): string {
  const doc = new Document({
    version: 1,
    project,
    targets: {
      root: '.',
      ...(found.manifests.length ? { manifests: found.manifests } : {}),
      ...(found.dockerfiles.length ? { dockerfiles: found.dockerfiles } : {}),
      ...(found.compose.length ? { compose: found.compose } : {}),
      ...(found.workflows.length ? { workflows: found.workflows } : {}),
      ...(found.scripts.length ? { scripts: found.scripts } : {}),
      sites: [],
      domains: [],
    },
    stages: [{ id: 'now', title: 'Before launch' }, { id: 'soon', title: 'First month' }, { id: 'later', title: 'Later' }],
    sla: { critical: 7, high: 30, medium: 90, low: 180 },
    items: [
      {
        id: 'SEC-1',
        kind: 'finding',
        title: 'Containers run as a non-root user',
        severity: 'medium',
        stage: 'now',
        status: 'open',
        owner: 'ops',
        checks: ['k8s/run-as-non-root'],
      },
    ],
    waivers: [],
    monitors: [],
  });
  doc.commentBefore = [
    ' harden plan — the hardening plan as code. Docs: harden --help, harden explain CHECK-ID.',
    ' Written by "harden init" from the files it found; edit freely, then run:',
    '   harden scan     run every check on the targets below',
    '   harden verify   measure each item\'s claimed status',
    '   harden report   render the plan as a Markdown register',
    '   harden monitor  run the uptime monitors below',
  ].join('\n');
  comment(doc, 'targets', ' Where things are: globs relative to root. sites/domains/services name live targets.');
  comment(doc, 'stages', ' Stages order the work; items name one with stage:.');
  comment(doc, 'sla', ' Days to fix by severity: an open item past found + SLA (or its due:) is overdue.');
  comment(
    doc,
    'items',
    [
      ' Findings and tasks. status: open | in-progress | done | accepted.',
      ' checks: the check ids that verify the item ("harden checks"); optional where: a path glob',
      ' or object (Deployment/api), with: the check\'s parameters. Import a Markdown tracker with',
      ' "harden import TRACKER.md --merge".',
    ].join('\n'),
  );
  comment(doc, 'waivers', ' - { check: k8s/image-digest, where: deploy/legacy/**, reason: ..., owner: ..., expires: 2027-01-31 }');
  comment(
    doc,
    'monitors',
    [
      ' Uptime monitors that "harden monitor" probes (README "Monitoring"), for example:',
      '   - { name: api, http: https://api.example.com/health, every: 60s, expect: ["status == 200"], alert: [ops] }',
      ' with, at the top level: alerts: { ops: { slack: { webhook: env:SLACK_WEBHOOK_URL } } }',
    ].join('\n'),
  );
  return doc.toString({ lineWidth: 100 });
}

function comment(doc: Document, key: string, text: string): void {
  const contents = doc.contents as YAMLMap;
  const pair = contents.items.find((item) => isScalar(item.key) && item.key.value === key);
  if (pair && isScalar(pair.key)) pair.key.commentBefore = text;
}
