import { SECRET_BUILD_ARG_NAMES } from '../../targets/secrets/claims.js';
import { isCredentialName } from '../../targets/secrets/credential-names.js';
import { commandsOfLine, readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

const CLIENTS = new Set(['docker', 'podman', 'nerdctl', 'buildah', 'buildctl']);

export const secretBuildArg = defineCheck({
  id: 'repo/secret-build-arg',
  title: 'Scripts pass no secrets to image builds as build args',
  severity: 'high',
  target: 'shell-script',
  why:
    'A --build-arg value is recorded in the image: `docker history` shows it for every RUN that used it, it ends up in ' +
    'the build cache and in the provenance attestation buildx attaches, and anyone who can pull the image (or read the ' +
    'registry) can read it. A token passed this way (SENTRY_AUTH_TOKEN, NPM_TOKEN, GITHUB_TOKEN) leaks with the image.',
  fix: [
    'Use a BuildKit secret: it is mounted for one RUN and never stored in a layer or the history:',
    '',
    '    docker buildx build --secret id=sentry_token,env=SENTRY_AUTH_TOKEN …',
    '    # Dockerfile',
    '    RUN --mount=type=secret,id=sentry_token,env=SENTRY_AUTH_TOKEN npm run build',
  ].join('\n'),
  refs: [
    'Docker documentation: build secrets (do not use build arguments for secrets)',
    'CIS Docker Benchmark 4.10 (ensure secrets are not stored in Dockerfiles)',
    'Docker build checks: SecretsUsedInArgOrEnv',
    'CWE-538: Insertion of sensitive information into externally-accessible file',
  ],
  messages: {
    secretArg: '--build-arg {name} puts a secret into the image history and build provenance',
  },
  claims: [{ about: 'no secrets as build arguments', risk: true, names: SECRET_BUILD_ARG_NAMES }],
  evaluate(script, ctx) {
    if (!script.text.includes('--build-arg') && !script.text.includes('--opt')) return;
    for (const line of readShellScript(script.text).lines) {
      if (!line.text.includes('--build-arg') && !line.text.includes('build-arg:')) continue;
      for (const command of commandsOfLine(line.text)) {
        if (!command.some((word) => CLIENTS.has(word.text.slice(word.text.lastIndexOf('/') + 1)))) continue;
        command.forEach((word, i) => {
          let arg: string | undefined;
          let at = word.index;
          if (word.text === '--build-arg' && command[i + 1]) {
            arg = command[i + 1]!.text;
            at = command[i + 1]!.index;
          } else if (word.text.startsWith('--build-arg=')) arg = word.text.slice('--build-arg='.length);
          else if (/^build-arg:/.test(word.text) && command[i - 1]?.text === '--opt') arg = word.text.slice('build-arg:'.length);
          if (arg === undefined) return;
          const name = arg.split('=')[0]!;
          if (!isCredentialName(name)) return;
          const { line: row, column } = line.positionAt(at);
          ctx.fail(script.at(row, column), 'secretArg', { name });
        });
      }
    }
  },
});
