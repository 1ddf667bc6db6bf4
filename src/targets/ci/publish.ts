import { argvOf, commandsOf } from '../shell/command-line.js';
import { asRecord, asString } from '../yaml/read.js';
import { parseUses, scriptOf, usesAction, type CiModel, type CiStep } from './jobs.js';

/** A registry that accepts OIDC trusted publishing, and the command or action that published to it. */
export interface Publish {
  readonly registry: 'npm' | 'PyPI' | 'crates.io' | 'RubyGems' | 'NuGet';
  readonly how: string;
}

/** `npm publish`, `python -m twine upload`, `bundle exec gem push`, ... in a `run:` script: the first one found. */
export function publishCommand(step: CiStep): Publish | undefined {
  if (step.run === undefined || !/publish|upload|push/.test(step.run)) return undefined;
  for (const command of commandsOf(scriptOf(step).pipelines)) {
    const argv = unwrapped(argvOf(command));
    if (argv.includes('--dry-run')) continue;
    const [tool, sub, third] = argv;
    const how = argv.slice(0, 3).join(' ');
    if ((tool === 'npm' || tool === 'pnpm' || tool === 'bun') && sub === 'publish') return { registry: 'npm', how };
    if (tool === 'yarn' && (sub === 'publish' || (sub === 'npm' && third === 'publish'))) return { registry: 'npm', how };
    if (tool === 'twine' && sub === 'upload') return { registry: 'PyPI', how };
    if ((tool === 'uv' || tool === 'poetry' || tool === 'flit' || tool === 'hatch' || tool === 'pdm') && sub === 'publish') return { registry: 'PyPI', how };
    if (tool === 'cargo' && sub === 'publish') return { registry: 'crates.io', how };
    if (tool === 'gem' && sub === 'push') return { registry: 'RubyGems', how };
    if ((tool === 'dotnet' && sub === 'nuget' && third === 'push') || (tool === 'nuget' && sub === 'push')) return { registry: 'NuGet', how };
  }
  return undefined;
}

/** The tool under a launcher: `python3 -m twine` → twine, `pipx run twine==6` → twine, `bunx npm` → npm, `nuget.exe` → nuget. */
function unwrapped(argv: readonly string[]): string[] {
  let words = [...argv];
  for (let changed = true; changed && words.length > 0; ) {
    changed = false;
    const [first, second] = words;
    if (/^python[\d.]*$/.test(first!) && second === '-m') words = words.slice(2);
    else if ((first === 'pipx' || first === 'uv' || first === 'poetry') && (second === 'run' || second === 'tool')) words = words.slice(second === 'tool' ? 3 : 2);
    else if (first === 'bundle' && second === 'exec') words = words.slice(2);
    else if (first === 'npx' || first === 'bunx' || first === 'uvx' || first === 'pnpx') words = words.slice(1);
    else continue;
    changed = true;
  }
  return words.map((word, index) => (index === 0 ? word.replace(/==.*$|@[\d.]+$/, '').replace(/\.exe$/i, '') : word));
}

/** Actions that publish a release or an artifact (a package, an image, a deployment). */
const PUBLISHER_ACTIONS = new Set([
  'pypa/gh-action-pypi-publish',
  'rubygems/release-gem',
  'jreleaser/release-action',
  'goreleaser/goreleaser-action',
  'softprops/action-gh-release',
  'ncipollo/release-action',
  'redhat-actions/push-to-registry',
  'js-devtools/npm-publish',
  'changesets/action',
]);

/** Whether the step publishes: a publisher action, `docker/build-push-action` with push: true, or a publish command. */
export function publishes(step: CiStep): boolean {
  if (step.uses !== undefined) {
    const action = parseUses(step.uses).action.toLowerCase();
    if (PUBLISHER_ACTIONS.has(action)) return true;
    if (action === 'docker/build-push-action') return String(step.with.push).trim() === 'true';
  }
  return publishCommand(step) !== undefined;
}

/**
 * The triggers of a release: a release event, a push of tags. A push to a branch named release
 * is not one by itself (test workflows run there too): a job of it must publish.
 */
export function releaseTriggers(model: CiModel, on: unknown): string[] {
  const found: string[] = [];
  for (const trigger of model.triggers) {
    if (trigger.event === 'release') found.push('release');
    if (trigger.event !== 'push') continue;
    const push = asRecord(asRecord(on)?.push);
    if (push && Object.hasOwn(push, 'tags')) found.push('push of tags');
  }
  return found;
}

/** actions/setup-node given a registry other than npmjs.org: a private or GitHub registry, no trusted publishing. */
export function otherNpmRegistry(step: CiStep): boolean {
  if (!usesAction(step.uses, 'actions/setup-node')) return false;
  const url = asString(step.with['registry-url']);
  return url !== undefined && !/registry\.npmjs\.org/.test(url);
}
