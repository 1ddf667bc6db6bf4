import { buildContextIndex, ignoreFor, isEnvFileName, isIgnored } from '../../targets/docker/build-context.js';
import { buildTargetIndex, builtStages } from '../../targets/docker/build-targets.js';
import { copyReachesImage } from '../../targets/docker/stage-flow.js';
import { SECRETS_IN_IMAGE_NAMES } from '../../targets/secrets/claims.js';
import { defineCheck } from '../define.js';

/** File names that hold credentials, and what they are, for the message. */
const SECRET_FILES: [RegExp, string][] = [
  [/^id_(rsa|dsa|ecdsa|ed25519)$/, 'an SSH private key'],
  [/\.(key|p12|pfx|jks|keystore)$/i, 'a private key or keystore'],
  // ca.pem, cert.pem, fullchain.pem are certificates, meant to be public.
  [/^(?!.*(cert|chain|bundle|\bca\b|^ca[._-]|pub)).*\.pem$/i, 'a PEM private key'],
  [/^(credentials(\.json)?|\.git-credentials|\.netrc|\.pgpass|\.htpasswd|kubeconfig|.+\.kubeconfig|terraform\.tfvars)$/, 'a credentials file'],
];
const WHOLE_CONTEXT = new Set(['.', './', '*', './*']);

export const copiesEnvFile = defineCheck({
  id: 'docker/copies-env-file',
  title: 'Images do not contain env files, keys or credentials from the build context',
  severity: 'high',
  target: 'dockerfile',
  why:
    'Every file copied into a layer stays in the image for good, even if a later RUN deletes it: anyone who can pull ' +
    'the image (a registry reader, a leaked pull secret, a public mirror) can extract .env.production, a private key ' +
    'or a kubeconfig with `docker save` or `docker cp`. `COPY . .` sends the whole build context, including gitignored ' +
    'local files such as .env that exist on the machine running the build, unless a .dockerignore excludes them.',
  fix: [
    'Never copy env or key files, and keep a .dockerignore in the build context root that drops them:',
    '',
    '    **/.env',
    '    **/.env.*',
    '    !**/.env.example',
    '    **/*.pem',
    '    **/id_rsa*',
    '',
    'The app gets its configuration at run time (Kubernetes Secrets mounted as files, compose `env_file:`); build-time',
    'secrets go through `RUN --mount=type=secret`.',
  ].join('\n'),
  refs: [
    'CIS Docker Benchmark 4.10 (ensure secrets are not stored in Dockerfiles)',
    'OWASP Docker Security Cheat Sheet: rule #12, do not leak sensitive information to Docker images',
    'Docker documentation, .dockerignore files',
    'CWE-538: Insertion of sensitive information into externally-accessible file or directory',
  ],
  messages: {
    secretFile: '{keyword} {source} puts {kind} into the image',
    contextNoIgnore: '{keyword} "{source}" copies the whole build context, which holds {file}, and no .dockerignore guards it, so it ends up in the image',
    contextNoIgnoreHygiene: {
      text: '{keyword} "{source}" copies the whole build context into the image and no .dockerignore guards it: a .env or key created there later would ship with it',
      severity: 'low',
    },
    contextEnvNotIgnored: '{keyword} "{source}" copies the whole build context and {ignore} does not exclude {file}',
    contextEnvNotIgnoredHygiene: {
      text: '{keyword} "{source}" copies the whole build context into the image and {ignore} does not exclude .env: one created there later would ship with it',
      severity: 'low',
    },
  },
  claims: [
    {
      about: 'no env files or keys copied into images', risk: true,
      names: [
        ...SECRETS_IN_IMAGE_NAMES,
        '.dockerignore',
        ['.env', 'image*'],
        ['.env', 'Dockerfile*'],
        ['env file*', 'image*'],
        ['build context', 'secret*'],
        ['build context', '.env'],
        ['private key*', 'image*'],
        ['kubeconfig', 'image*'],
      ],
    },
  ],
  evaluate(dockerfile, ctx) {
    const built = builtStages(dockerfile, ctx.shared(buildTargetIndex));
    if (built.length === 0) return ctx.notApplicable();
    let context: ReturnType<typeof ignoreFor> | null = null;
    for (const stage of dockerfile.stages) {
      for (const [ordinal, instruction] of stage.instructions.entries()) {
        const where = `${stage.name ?? stage.index}#${ordinal}`;
        if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
        // A builder stage's files reach the image only through what the image copies from it.
        if (!built.some((image) => copyReachesImage(dockerfile, stage, instruction, image))) continue;
        const keyword = instruction.keyword;
        const fromStage = instruction.flags.has('from');
        for (const source of instruction.words.slice(0, -1)) {
          const name = source.replace(/\/+$/, '').split('/').at(-1) ?? '';
          const kind = isEnvFileName(name) ? 'an env file' : SECRET_FILES.find(([pattern]) => pattern.test(name))?.[1];
          if (kind) {
            ctx.fail(instruction.location, 'secretFile', { keyword, source, kind, where });
            continue;
          }
          if (fromStage || !WHOLE_CONTEXT.has(source)) continue;
          const index = ctx.shared(buildContextIndex);
          if (context === null) context = ignoreFor(index, dockerfile.file);
          if (!context) {
            // Without an ignore file the context is taken to be the Dockerfile's directory.
            const dir = dockerfile.file.includes('/') ? dockerfile.file.slice(0, dockerfile.file.lastIndexOf('/') + 1) : '';
            const present = index.envFiles.find((file) => file.startsWith(dir));
            if (present === undefined) ctx.fail(instruction.location, 'contextNoIgnoreHygiene', { keyword, source, where });
            else ctx.fail(instruction.location, 'contextNoIgnore', { keyword, source, file: present.slice(dir.length), where });
            continue;
          }
          const prefix = context.context === '' ? '' : `${context.context}/`;
          const present = index.envFiles.filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length));
          const exposed = present.find((file) => !isIgnored(context!.ignore, file));
          if (exposed !== undefined) ctx.fail(instruction.location, 'contextEnvNotIgnored', { keyword, source, ignore: context.ignore.path, file: exposed, where });
          else if (!isIgnored(context.ignore, '.env')) ctx.fail(instruction.location, 'contextEnvNotIgnoredHygiene', { keyword, source, ignore: context.ignore.path, where });
        }
      }
    }
  },
});
