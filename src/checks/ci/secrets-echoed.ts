import { atLine, ciModel, lineOfScriptLine, scriptOf, EXPRESSION_PLACEHOLDER, type CiStep } from '../../targets/ci/jobs.js';
import { SECRET_BUILD_ARG_NAMES, XTRACE_SECRET_NAMES } from '../../targets/secrets/claims.js';
import { argvOf, type ShellCommand } from '../../targets/shell/command-line.js';
import { asString, type YamlRecord } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

const SECRET_EXPRESSION = /\bsecrets\.|\bgithub\.token\b/;
const PRINTERS = new Set(['echo', 'printf', 'print']);
/** Commands that pass their input on to the log, possibly transformed. */
const PASS_THROUGH = new Set(['cat', 'tee', 'tr', 'sed', 'awk', 'cut', 'fold', 'head', 'tail', 'jq', 'base64', 'xxd', 'od', 'hexdump', 'rev', 'basenc', 'base32']);
/** Transformations that defeat GitHub's log masking, which only matches the literal secret value. */
const ENCODERS = new Set(['base64', 'xxd', 'od', 'hexdump', 'rev', 'basenc', 'base32']);
const ENCODED_SUBSTITUTION = /\|\s*(base64|xxd|od|hexdump|rev|basenc|base32)\b/;
const SAFE_TARGETS = new Set(['&1', '&2', '1', '2', '/dev/stdout', '/dev/stderr', '/dev/tty']);
const VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

export const secretsEchoed = defineCheck({
  id: 'ci/secrets-echoed',
  title: 'CI scripts do not print secrets to the log or bake them into images',
  severity: 'high',
  target: 'ci-workflow',
  why:
    'GitHub masks a secret in logs only where its exact value appears. Echoing it through base64, rev, xxd or any other ' +
    'transformation, splitting it, or printing a multi-line or JSON secret puts it in the job log in a form the mask ' +
    'does not match, readable by everyone who can read the repository\'s Actions logs (on a public repository: ' +
    'everyone) for as long as the logs are kept. `set -x` prints every command with its expanded arguments, `env` ' +
    'prints every variable, and `docker build --build-arg` records the value in the image history for anyone who can ' +
    'pull the image.',
  fix: [
    'Hand secrets to the tool that needs them through env: and never print them; to check one is set, test it:',
    '',
    '    - env:',
    '        SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}',
    '      run: test -n "$SENTRY_AUTH_TOKEN" || { echo "SENTRY_AUTH_TOKEN is not set"; exit 1; }',
    '',
    'Pass build secrets as BuildKit secrets, not build args: `docker build --secret id=sentry,env=SENTRY_AUTH_TOKEN` and',
    '`RUN --mount=type=secret,id=sentry,env=SENTRY_AUTH_TOKEN ...` in the Dockerfile.',
  ].join('\n'),
  refs: [
    'GitHub documentation, Using secrets in GitHub Actions: redacting and masking',
    'OWASP Top 10 CI/CD Security Risks CICD-SEC-6 (insufficient credential hygiene)',
    'Docker documentation, Build secrets: do not use build arguments for secrets',
    'hadolint / Docker build check SecretsUsedInArgOrEnv',
  ],
  messages: {
    echoed: 'step "{step}" prints {secret} to the job log',
    encoded: 'step "{step}" prints {secret} through {encoder}, which defeats log masking',
    xtrace: 'step "{step}" turns on shell tracing (set -x) with {secret} in its environment or script',
    envDump: 'step "{step}" prints its whole environment, which holds {secret}',
    buildArg: 'step "{step}" passes {secret} to docker build as --build-arg {arg}, recorded in the image history',
  },
  claims: [
    {
      about: 'secrets stay out of CI logs',
      names: [
        ['secret*', 'CI log*'],
        ['secret*', 'job log*'],
        ['secret*', 'build log*'],
        ['secret*', 'workflow log*'],
        ['secret*', 'Actions log*'],
        ['secret*', 'pipeline log*'],
        ['token*', 'CI log*'],
        ['credential*', 'CI log*'],
        ['echo*', 'secret*'],
        ['print*', 'secret*', 'log*'],
        ['secret*', 'log mask*'],
        ['secret*', 'masking'],
        'add-mask',
        ['env dump*', 'secret*'],
      ],
      messages: ['echoed', 'encoded', 'xtrace', 'envDump'],
    },
    { about: 'no shell tracing with secrets', risk: true, names: XTRACE_SECRET_NAMES, messages: ['xtrace'] },
    { about: 'no secrets as docker build arguments', risk: true, names: SECRET_BUILD_ARG_NAMES, messages: ['buildArg'] },
  ],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    if (model.jobs.length === 0) return ctx.notApplicable();
    const workflowSecrets = secretNames(model.env);
    for (const job of model.jobs) {
      const jobSecrets = secretNames(job.env);
      for (const step of job.steps) {
        if (step.run === undefined) continue;
        const envSecrets = new Set([...workflowSecrets, ...jobSecrets, ...secretNames(step.env)]);
        evaluateStep(step, envSecrets, (scriptLine, messageId, data) => {
          const key = workflow.at([...step.path, 'run']);
          if (key.kind !== 'file') return;
          ctx.fail(atLine(key, lineOfScriptLine(key.line, step.run!, scriptLine)), messageId, { step: step.label, where: `${step.where}:${scriptLine}`, ...data });
        });
      }
    }
  },
});

type Report = (scriptLine: number, messageId: 'echoed' | 'encoded' | 'xtrace' | 'envDump' | 'buildArg', data: Record<string, string>) => void;

function evaluateStep(step: CiStep, envSecrets: ReadonlySet<string>, report: Report): void {
  const script = scriptOf(step);
  const secretExpressions = new Set(script.expressions.flatMap((expression, index) => (SECRET_EXPRESSION.test(expression.text) ? [index] : [])));
  if (secretExpressions.size === 0 && envSecrets.size === 0) return;
  /** The secret a word uses, as `secrets.X` or `$NAME`. */
  const secretIn = (word: string): string | undefined => {
    for (const match of word.matchAll(EXPRESSION_PLACEHOLDER)) {
      const index = Number(match[1]);
      if (secretExpressions.has(index)) return script.expressions[index]!.text;
    }
    for (const match of word.matchAll(VARIABLE)) if (envSecrets.has(match[1]!)) return `$${match[1]}`;
    return undefined;
  };
  const anySecret = secretExpressions.size > 0 ? script.expressions[[...secretExpressions][0]!]!.text : [...envSecrets].map((name) => `$${name}`)[0]!;
  for (const pipeline of script.pipelines) {
    const [first, ...rest] = pipeline.commands;
    const argv = argvOf(first!);
    const words = first!.words;
    if (words[0] === 'set' && words.slice(1).some((word) => /^-[a-z]*x[a-z]*$/.test(word) || word === 'xtrace')) {
      report(first!.line, 'xtrace', { secret: anySecret });
      continue;
    }
    if (['bash', 'sh'].includes(argv[0] ?? '') && argv.slice(1).some((word) => /^-[a-z]*x[a-z]*$/.test(word))) {
      report(first!.line, 'xtrace', { secret: anySecret });
      continue;
    }
    if (envSecrets.size > 0 && isEnvDump(words)) {
      report(first!.line, 'envDump', { secret: [...envSecrets].map((name) => `$${name}`).join(', ') });
      continue;
    }
    if (argv[0] === 'docker' && (argv[1] === 'build' || (argv[1] === 'buildx' && argv[2] === 'build'))) {
      argv.forEach((word, i) => {
        const value = word === '--build-arg' ? argv[i + 1] : word.startsWith('--build-arg=') ? word.slice('--build-arg='.length) : undefined;
        const secret = value === undefined ? undefined : secretIn(value);
        if (secret !== undefined) {
          const wordIndex = first!.words.length - argv.length + (word === '--build-arg' ? i + 1 : i);
          report(first!.lines[wordIndex] ?? first!.line, 'buildArg', { secret, arg: value!.split('=')[0]! });
        }
      });
      continue;
    }
    if (!PRINTERS.has(argv[0] ?? '')) continue;
    // `echo "::add-mask::$VALUE"` is the runner command that masks a value, not output.
    if (argv.some((word) => word.startsWith('::add-mask::'))) continue;
    const printed = argv.slice(1).map((word) => ({ word, secret: secretIn(word) })).find((entry) => entry.secret !== undefined);
    if (!printed) continue;
    const substitution = ENCODED_SUBSTITUTION.exec(printed.word);
    const sink = rest.at(-1) ?? first!;
    if (writesToFile(sink)) continue;
    if (!rest.every((command) => PASS_THROUGH.has(argvOf(command)[0] ?? ''))) continue;
    const encoder = rest.map((command) => argvOf(command)[0]!).find((program) => ENCODERS.has(program)) ?? substitution?.[1];
    if (encoder !== undefined) report(first!.line, 'encoded', { secret: printed.secret!, encoder });
    else report(first!.line, 'echoed', { secret: printed.secret! });
  }
}

function secretNames(env: YamlRecord): string[] {
  return Object.entries(env).flatMap(([name, value]) => {
    const text = asString(value);
    return text !== undefined && text.includes('${{') && SECRET_EXPRESSION.test(text) ? [name] : [];
  });
}

function isEnvDump(words: readonly string[]): boolean {
  const [program, ...args] = words;
  if (program === 'env' || program === 'printenv') return args.length === 0;
  if (program === 'export') return args.length === 0 || (args.length === 1 && args[0] === '-p');
  return program === 'set' && args.length === 0;
}

function writesToFile(command: ShellCommand): boolean {
  return command.redirects.some((redirect) => redirect.op.includes('>') && !SAFE_TARGETS.has(redirect.target) && !redirect.op.endsWith('&'));
}
