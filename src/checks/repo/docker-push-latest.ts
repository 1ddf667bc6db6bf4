import { LATEST_TAG_NAMES } from '../../targets/docker/claims.js';
import { commandsOfLine, readShellScript, type ShellLine, type ShellWordAt } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

const CLIENTS = new Set(['docker', 'podman', 'nerdctl', 'buildah']);
const LATEST = /:latest$/;

type Word = ShellWordAt;

interface LatestRef {
  line: ShellLine;
  word: Word;
}

export const dockerPushLatest = defineCheck({
  id: 'repo/docker-push-latest',
  title: 'Scripts do not push images as :latest',
  severity: 'medium',
  target: 'shell-script',
  why:
    ':latest is a mutable tag that points at whatever was pushed last, from any branch or machine. Anything that ' +
    'deploys or builds FROM it (a manifest, a compose file, a node that pulls again after a restart, a rollback) gets ' +
    'an image nobody chose, and two nodes can run different code under the same name. Pushing it alongside the ' +
    'commit tag also undercuts digest pinning: someone will reference the convenient tag.',
  fix: [
    'Push only immutable tags (the commit sha) and deploy by digest:',
    '',
    '    docker buildx build --push -t "$REGISTRY/api:$SHA" api/',
    '    digest="$(docker buildx imagetools inspect "$REGISTRY/api:$SHA" --format \'{{json .Manifest}}\' | jq -r .digest)"',
    '    # reference "$REGISTRY/api@$digest" in the manifests',
    '',
    'Remove the `-t …:latest` / `docker tag … :latest` lines and the `docker push …:latest` that follows them.',
  ].join('\n'),
  refs: [
    'CIS Docker Benchmark 6.x (image hygiene: tag images immutably)',
    'Kubernetes documentation, Configuration best practices: avoid the :latest tag',
    'NSA/CISA Kubernetes Hardening Guide: use immutable image references',
  ],
  messages: {
    tagsLatest: 'tags {image}, a mutable tag this script pushes',
    pushesLatest: 'pushes {image}, a mutable tag',
  },
  claims: [{ about: 'no image pushed as :latest', risk: true, names: [...LATEST_TAG_NAMES, ['push*', 'latest']] }],
  evaluate(script, ctx) {
    if (!script.text.includes(':latest')) return;
    const tagged: LatestRef[] = [];
    const pushed: LatestRef[] = [];
    for (const line of readShellScript(script.text).lines) {
      if (!line.text.includes(':latest')) continue;
      for (const command of commandsOfLine(line.text)) {
        const verbAt = command.findIndex((word) => word.text === 'build' || word.text === 'tag' || word.text === 'push');
        if (verbAt < 1 || !command.slice(0, verbAt).some((word) => CLIENTS.has(baseName(word.text)))) continue;
        const verb = command[verbAt]!.text;
        const args = command.slice(verbAt + 1);
        if (verb === 'push') {
          for (const word of args) if (LATEST.test(word.text)) pushed.push({ line, word });
          continue;
        }
        const refs = verb === 'tag' ? args.filter((word) => !word.text.startsWith('-')).slice(1) : tagsOf(args);
        const latest = refs.filter((word) => LATEST.test(word.text));
        tagged.push(...latest.map((word) => ({ line, word })));
        // buildx build --push tags and pushes in one command.
        if (args.some((word) => word.text === '--push' || /^--output=.*push=true/.test(word.text))) pushed.push(...latest.map((word) => ({ line, word })));
      }
    }
    if (pushed.length === 0) return;
    // The tag is where :latest is made: report it there; a push of an image tagged elsewhere is reported at the push.
    const report = tagged.length > 0 ? tagged : pushed;
    for (const { line, word } of report) {
      const { line: at, column } = line.positionAt(word.index);
      ctx.fail(script.at(at, column), tagged.length > 0 ? 'tagsLatest' : 'pushesLatest', { image: word.text });
    }
  },
});

/** Values of -t/--tag options: `-t ref`, `--tag ref`, `--tag=ref`, `-t=ref`. */
function tagsOf(args: Word[]): Word[] {
  const tags: Word[] = [];
  args.forEach((word, i) => {
    if ((word.text === '-t' || word.text === '--tag') && args[i + 1]) tags.push(args[i + 1]!);
    const inline = /^(--tag=|-t=?)(.+)$/.exec(word.text);
    if (inline && word.text !== '-t') tags.push({ text: inline[2]!, index: word.index + inline[1]!.length, end: word.end });
  });
  return tags;
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}
