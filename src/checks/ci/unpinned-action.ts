import { z } from 'zod';
import { ciModel, parseUses } from '../../targets/ci/jobs.js';
import { isPinnedByDigest, parseImageRef } from '../../targets/docker/image-ref.js';
import type { YamlPath } from '../../targets/yaml/source.js';
import { defineCheck } from '../define.js';

const FULL_SHA = /^[0-9a-f]{40}$/i;

export const unpinnedAction = defineCheck({
  id: 'ci/unpinned-action',
  title: 'Actions and reusable workflows are pinned to a full commit SHA',
  severity: 'medium',
  target: 'ci-workflow',
  why:
    'A tag (@v4) or a branch (@main) is a movable pointer in someone else\'s repository: whoever controls it, or ' +
    'compromises it, changes the code that runs in your job with your GITHUB_TOKEN and secrets. This is how the ' +
    'tj-actions/changed-files compromise (CVE-2025-30066) reached thousands of repositories: its tags were rewritten to ' +
    'a commit that dumped secrets into build logs. A 40-hex commit SHA cannot be moved; a short SHA can be collided.',
  fix: [
    'Pin every third-party action and reusable workflow to the full commit SHA of a release, tag in a comment:',
    '',
    '    - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1',
    '',
    'Docker actions: `uses: docker://alpine:3.21@sha256:<64 hex>`. Local actions (`./.github/actions/x`) need nothing.',
  ].join('\n'),
  refs: [
    'GitHub documentation, Security hardening for GitHub Actions: pin actions to a full-length commit SHA',
    'OpenSSF Scorecard Pinned-Dependencies',
    'zizmor unpinned-uses',
    'CISA alert on tj-actions/changed-files (CVE-2025-30066)',
  ],
  messages: {
    notPinned: '{action}@{ref} is a movable reference, not a commit SHA',
    noRef: '{action} is used without any @ref',
    dockerNotPinned: 'the docker action {image} is referenced by tag, not by digest',
  },
  peers: [{ tool: 'zizmor', rule: 'unpinned-uses' }],
  claims: [
    {
      about: 'actions pinned to a commit SHA',
      names: [
        'tj-actions',
        ['action*', 'pin*'],
        ['action*', 'unpinned'],
        ['action*', 'SHA*'],
        ['action*', 'commit hash*'],
        ['action*', 'mutable tag*'],
        ['action*', 'by tag'],
        ['reusable workflow*', 'pin*'],
      ],
    },
  ],
  options: z.object({
    /** Owners whose actions may stay on tags (e.g. your own organisation's). */
    trustedOwners: z.array(z.string()).default([]),
  }),
  evaluate(workflow, ctx, options) {
    const model = ciModel(workflow);
    if (model.jobs.length === 0) return ctx.notApplicable();
    const trusted = new Set(options.trustedOwners.map((owner) => owner.toLowerCase()));
    const check = (uses: string | undefined, path: YamlPath, where: string) => {
      if (uses === undefined) return;
      const written = uses.trim();
      // Local actions, and `$/…` (the same repository at the same commit): nothing to pin.
      if (written.startsWith('./') || written.startsWith('.\\') || written.startsWith('$/')) return;
      if (written.startsWith('docker://')) {
        const image = parseImageRef(written.slice('docker://'.length));
        if (image && !isPinnedByDigest(image)) ctx.fail(workflow.at(path), 'dockerNotPinned', { image: image.raw, where });
        return;
      }
      const { action, ref } = parseUses(written);
      if (trusted.has(action.split('/')[0]!.toLowerCase())) return;
      if (ref === undefined || ref === '') ctx.fail(workflow.at(path), 'noRef', { action, where });
      else if (!FULL_SHA.test(ref)) ctx.fail(workflow.at(path), 'notPinned', { action, ref, where });
    };
    for (const job of model.jobs) {
      check(job.uses, [...job.path, 'uses'], `jobs.${job.id}`);
      for (const step of job.steps) check(step.uses, [...step.path, 'uses'], step.where);
    }
  },
});
