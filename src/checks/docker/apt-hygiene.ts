import { z } from 'zod';
import type { Dockerfile, DockerInstruction, DockerStage } from '../../targets/docker/dockerfile.js';
import { argvOf, commandsOf } from '../../targets/shell/command-line.js';
import { defineCheck, type CheckContext } from '../define.js';

/** apt-get / apk options that take a value, so the value is not read as a package. */
const APT_VALUE_OPTIONS = new Set(['-o', '-t', '-c', '--target-release', '--option', '--config-file']);
const APK_VALUE_OPTIONS = new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--keys-dir', '--repositories-file', '--cache-dir']);
const CACHE_MOUNT = /(^|,)(target|dst|destination)=\/var\/(lib\/apt|cache\/apt|cache\/apk)/;

export const aptHygiene = defineCheck({
  id: 'docker/apt-hygiene',
  title: 'Package installs in Dockerfiles are pinned, minimal and leave no cache behind',
  severity: 'low',
  target: 'dockerfile',
  why:
    'An unpinned `apt-get install curl` or `apk add curl` installs whatever version the mirror has that day: builds ' +
    'of the same commit differ, and an upstream regression or compromised package arrives without a change to ' +
    'review. Recommended packages pull in tools the app never uses (more CVEs to patch, more for an attacker to use). ' +
    'The apt lists and apk cache left in a layer add tens of megabytes and stale metadata to every image.',
  fix: [
    'Install in one RUN, pinned, without recommends, and clean up in the same layer:',
    '',
    '    RUN apt-get update \\',
    '     && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u8 \\',
    '     && rm -rf /var/lib/apt/lists/*',
    '',
    '    RUN apk add --no-cache ca-certificates=20241121-r1 tzdata=2025a-r0',
    '',
    'Teams that pin the base image by digest and accept unpinned packages can set `pinVersions: false`.',
  ].join('\n'),
  refs: [
    'hadolint DL3008 (pin versions in apt-get install), DL3009 (delete the apt-get lists), DL3015 (--no-install-recommends)',
    'hadolint DL3018 (pin versions in apk add), DL3019 (use --no-cache with apk add)',
    'Docker documentation, Building best practices: apt-get',
    'CIS Docker Benchmark 4.3 (do not install unnecessary packages in the container)',
  ],
  messages: {
    aptUnpinned: 'apt-get install without version pins: {packages}',
    aptNoRecommends: 'apt-get install without --no-install-recommends',
    aptListsKept: 'apt-get install without rm -rf /var/lib/apt/lists/* in the same RUN',
    apkUnpinned: 'apk add without version pins: {packages}',
    apkNoCache: 'apk add without --no-cache',
  },
  peers: [
    { tool: 'hadolint', rule: 'DL3008', messages: ['aptUnpinned'] },
    { tool: 'hadolint', rule: 'DL3009', messages: ['aptListsKept'] },
    { tool: 'hadolint', rule: 'DL3015', messages: ['aptNoRecommends'] },
    { tool: 'hadolint', rule: 'DL3018', messages: ['apkUnpinned'] },
    { tool: 'hadolint', rule: 'DL3019', messages: ['apkNoCache'] },
  ],
  claims: [
    {
      about: 'packages in images pinned',
      names: [
        ['apt-get', 'pin*'],
        ['apt', 'version pin*'],
        ['apk', 'pin*'],
        ['apk', 'version pin*'],
        ['OS package*', 'pin*'],
        ['system package*', 'pin*'],
        ['package version*', 'Dockerfile*'],
        ['package*', 'unpinned', 'Dockerfile*'],
      ],
      messages: ['aptUnpinned', 'apkUnpinned'],
    },
    {
      about: 'package installs leave no cache',
      names: [
        'no-install-recommends',
        '/var/lib/apt/lists',
        ['apk', 'no-cache'],
        ['apt', 'lists', 'image*'],
        ['package cache', 'image*'],
        ['apt cache', 'image*'],
        ['apk cache', 'image*'],
      ],
      messages: ['aptNoRecommends', 'aptListsKept', 'apkNoCache'],
    },
  ],
  options: z.object({
    /** Require `package=version` pins (DL3008, DL3018). */
    pinVersions: z.boolean().default(true),
  }),
  evaluate(dockerfile, ctx, options) {
    if (dockerfile.stages.length === 0) return ctx.notApplicable();
    const shipped = shippedStages(dockerfile);
    for (const stage of dockerfile.stages) {
      for (const [ordinal, instruction] of stage.instructions.entries()) {
        const where = `${stage.name ?? stage.index}#${ordinal}`;
        if (instruction.keyword !== 'RUN' || !/apt-get|apt |apk /.test(instruction.args)) continue;
        const cacheMounted = CACHE_MOUNT.test(instruction.flags.get('mount') ?? '');
        const commands = commandsOf(instruction.script).map((command) => argvOf(command));
        for (const argv of commands) {
          if ((argv[0] === 'apt-get' || argv[0] === 'apt') && argv.includes('install')) {
            const packages = packagesOf(argv, argv.indexOf('install') + 1, APT_VALUE_OPTIONS);
            if (options.pinVersions) report(ctx, instruction, where, 'aptUnpinned', packages.filter((name) => !name.includes('=')));
            if (!argv.includes('--no-install-recommends') && !argv.some((word) => /Install-Recommends=(false|0|no)/i.test(word))) {
              ctx.fail(instruction.location, 'aptNoRecommends', { where });
            }
            if (shipped.has(stage) && !cacheMounted && !removesAptLists(commands)) ctx.fail(instruction.location, 'aptListsKept', { where });
          } else if (argv[0] === 'apk' && argv.includes('add')) {
            const packages = packagesOf(argv, argv.indexOf('add') + 1, APK_VALUE_OPTIONS);
            if (options.pinVersions) report(ctx, instruction, where, 'apkUnpinned', packages.filter((name) => !/[=<>~]/.test(name)));
            if (!argv.includes('--no-cache') && !cacheMounted && !commands.some((words) => words[0] === 'rm' && words.some((word) => word.startsWith('/var/cache/apk')))) {
              ctx.fail(instruction.location, 'apkNoCache', { where });
            }
          }
        }
      }
    }
  },
});

function report(ctx: CheckContext<'aptUnpinned' | 'apkUnpinned'>, instruction: DockerInstruction, where: string, messageId: 'aptUnpinned' | 'apkUnpinned', unpinned: string[]): void {
  if (unpinned.length > 0) ctx.fail(instruction.location, messageId, { packages: unpinned.join(', '), where });
}

/** Package arguments: not options, not option values, not local .deb/.apk files, not variables (decided at build time). */
function packagesOf(argv: string[], from: number, valueOptions: ReadonlySet<string>): string[] {
  const packages: string[] = [];
  for (let i = from; i < argv.length; i++) {
    const word = argv[i]!;
    if (valueOptions.has(word)) {
      i++;
      continue;
    }
    if (word.startsWith('-') || word.includes('$') || word.includes('/') || /\.(deb|apk)$/.test(word)) continue;
    packages.push(word);
  }
  return packages;
}

function removesAptLists(commands: string[][]): boolean {
  return commands.some((argv) => argv[0] === 'rm' && argv.some((word) => word.startsWith('/var/lib/apt/lists')));
}

/** The final stage and the stages it is built FROM: what ends up in the shipped image's layers. */
function shippedStages(dockerfile: Dockerfile): Set<DockerStage> {
  const shipped = new Set<DockerStage>();
  let stage = dockerfile.finalStage;
  while (stage && !shipped.has(stage)) {
    shipped.add(stage);
    const current: DockerStage = stage;
    stage = current.fromStage ? dockerfile.stages.filter((earlier) => earlier.index < current.index && earlier.name?.toLowerCase() === current.image.toLowerCase()).at(-1) : undefined;
  }
  return shipped;
}
