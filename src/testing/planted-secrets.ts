/**
 * Fake credentials of every kind a detector knows, generated from a seed so a test that plants
 * them is deterministic. Each planted credential lists its random parts (`hidden`): what no
 * output may show beyond the 4-character mask.
 */
import { seededRandom } from '../targets/probe/timing-stats.js';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
const BASE64 = ALNUM + '+/';
const HEX = '0123456789abcdef';

/** Words that make a value look like a placeholder to some checks ("test", "fake", "example"): never generated. */
const PLACEHOLDER_WORDS = /test|fake|dummy|example|change|secret|sample|todo|fixme|xxx|your|insecure|placeholder|redacted|pass/i;

export class SecretFactory {
  private readonly random: () => number;
  private readonly made = new Set<string>();

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  /** `length` characters of `alphabet`, with at least one digit and one letter of each case when the alphabet has them. */
  chars(length: number, alphabet = ALNUM): string {
    for (;;) {
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(this.random() * alphabet.length)]!;
      const mixed = !/[0-9]/.test(alphabet) || !/[a-z]/.test(alphabet) || !/[A-Z]/.test(alphabet) || (/\d/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text));
      if (mixed && !PLACEHOLDER_WORDS.test(text) && !this.made.has(text)) {
        this.made.add(text);
        return text;
      }
    }
  }

  digits(length: number): string {
    return this.chars(length, DIGITS);
  }

  hex(length: number): string {
    return this.chars(length, HEX);
  }

  base64(length: number): string {
    return this.chars(length, BASE64);
  }

  upper(length: number): string {
    return this.chars(length, UPPER + DIGITS);
  }
}

/** A credential as written in a file, and the random parts of it that must never be shown. */
export interface Planted {
  /** What detects it: a secretlint rule (`secretlint:github`) or a harden check id. */
  detector: string;
  /** The text to write, one or more lines. */
  text: string;
  /** The file name it must be in, when its detector looks at one kind of file only. */
  file?: string;
  hidden: string[];
}

/** A PEM private key whose body (the hidden part) starts like DER ("MII"), as secretlint requires. */
export function privateKeyPem(factory: SecretFactory, type = 'RSA '): { pem: string; body: string } {
  const body = `MIIE${factory.base64(252)}`;
  const lines = body.match(/.{1,64}/g)!;
  return { pem: [`-----BEGIN ${type}PRIVATE KEY-----`, ...lines, `-----END ${type}PRIVATE KEY-----`].join('\n'), body };
}

/**
 * One credential per rule of secretlint's recommended preset (the rule id after
 * `@secretlint/secretlint-rule-`), each in the line a file would hold it in.
 */
export function secretlintPlants(factory: SecretFactory): Record<string, Planted[]> {
  const awsId = factory.upper(16);
  const awsSecret = factory.base64(40);
  const account = [factory.digits(4), factory.digits(4), factory.digits(4)];
  const gcpKey = privateKeyPem(factory, '');
  const pem = privateKeyPem(factory);
  const npmToken = factory.chars(36);
  const npmAuth = factory.chars(36);
  const oauth = factory.hex(40);
  const basic = factory.chars(18);
  const slackToken = factory.chars(24);
  const slackHook = factory.chars(24);
  const sendgrid = [factory.chars(22), factory.chars(43)];
  const shopify = factory.hex(32);
  const github = factory.chars(36);
  const openai = [factory.chars(74), factory.chars(74)];
  const anthropic = factory.chars(95);
  const linear = factory.chars(40);
  const onePassword = onePasswordToken(factory);
  const postgres = factory.chars(20);
  const mysql = factory.chars(20);
  const mongo = factory.chars(20);
  return {
    aws: [
      { detector: 'secretlint:aws', text: `AWS_ACCESS_KEY_ID=AKIA${awsId}`, hidden: [awsId] },
      { detector: 'secretlint:aws', text: `AWS_SECRET_ACCESS_KEY=${awsSecret}`, hidden: [awsSecret] },
      { detector: 'secretlint:aws', text: `AWS_ACCOUNT_ID=${account.join('-')}`, hidden: [account.join('-')] },
    ],
    gcp: [
      {
        file: 'service-account.json',
        detector: 'secretlint:gcp',
        text: JSON.stringify({
          type: 'service_account',
          project_id: 'harden-prop',
          private_key_id: factory.hex(40),
          private_key: `${gcpKey.pem}\n`,
          client_email: 'robot@harden-prop.iam.gserviceaccount.com',
        }),
        hidden: [gcpKey.body],
      },
    ],
    privatekey: [{ detector: 'secretlint:privatekey', text: pem.pem, hidden: [pem.body] }],
    npm: [
      { detector: 'secretlint:npm', text: `//registry.npmjs.org/:_authToken=${npmAuth}`, file: '.npmrc', hidden: [npmAuth] },
      { detector: 'secretlint:npm', text: `NPM_PUBLISH=npm_${npmToken}`, hidden: [npmToken] },
      { detector: 'secretlint:npm', text: `{ "name": "app", "repository": "https://${oauth}:x-oauth-basic@github.com/acme/app.git" }`, file: 'package.json', hidden: [oauth] },
    ],
    basicauth: [{ detector: 'secretlint:basicauth', text: `MIRROR=https://deploy:${basic}@mirror.acme.io/repo`, hidden: [basic] }],
    slack: [
      { detector: 'secretlint:slack', text: `SLACK_BOT=xoxb-${factory.digits(12)}-${factory.digits(13)}-${slackToken}`, hidden: [slackToken] },
      { detector: 'secretlint:slack', text: `ALERTS_HOOK=https://hooks.slack.com/services/T${factory.upper(10)}/B${factory.upper(10)}/${slackHook}`, hidden: [slackHook] },
    ],
    sendgrid: [{ detector: 'secretlint:sendgrid', text: `MAIL_KEY=SG.${sendgrid[0]}.${sendgrid[1]}`, hidden: sendgrid }],
    shopify: [{ detector: 'secretlint:shopify', text: `SHOP=shpat_${shopify}`, hidden: [shopify] }],
    github: [{ detector: 'secretlint:github', text: `GH=ghp_${github}`, hidden: [github] }],
    openai: [{ detector: 'secretlint:openai', text: `OPENAI=sk-proj-${openai[0]}T3BlbkFJ${openai[1]}`, hidden: openai }],
    anthropic: [{ detector: 'secretlint:anthropic', text: `CLAUDE=sk-ant-api03-${anthropic}AA`, hidden: [anthropic] }],
    linear: [{ detector: 'secretlint:linear', text: `LINEAR=lin_api_${linear}`, hidden: [linear] }],
    '1password': [{ detector: 'secretlint:1password', text: `OP=ops_${onePassword}`, hidden: [onePassword.slice(4)] }],
    'database-connection-string': [
      { detector: 'secretlint:database-connection-string', text: `PG_DSN=postgres://app:${postgres}@db.internal:5432/app`, hidden: [postgres] },
      { detector: 'secretlint:database-connection-string', text: `MYSQL_DSN=mysql://app:${mysql}@mysql.internal:3306/app`, hidden: [mysql] },
      { detector: 'secretlint:database-connection-string', text: `MONGO_DSN=mongodb+srv://app:${mongo}@cluster0.acme.net/app`, hidden: [mongo] },
    ],
    // Not a detector: the preset's rule that drops matches inside comments.
    'filter-comments': [],
  };
}

/** A 1Password service account token: `ops_` and the base64 of a JSON object (secretlint decodes it), ending in `fQ==`. */
function onePasswordToken(factory: SecretFactory): string {
  for (let pad = 0; ; pad++) {
    const json = JSON.stringify({ email: `${factory.chars(12).toLowerCase()}@1passwordserviceaccounts.com`, secretKey: factory.chars(34 + pad), srpX: factory.hex(64) });
    if (json.length % 3 === 1) return Buffer.from(json).toString('base64');
  }
}
