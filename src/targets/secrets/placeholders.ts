import { isDefaultCredential } from './credential-names.js';

/**
 * Values that stand in for a credential rather than being one: what every secret-like check
 * (manifests, compose files, config files, the tree-wide scan) leaves alone. A stand-in cannot
 * authenticate anything as written: a template token a setup script replaces
 * (`GOOGLE_API_KEY_VAL`, `INSERT_ETCD_INITIAL_CLUSTER_TOKEN`, `REPLACE_LICENSE_KEY_HERE`),
 * an instruction (`your-api-key`, `<password>`), a mask (`xxxx`, `***`), a path to the file
 * that holds the secret (`/run/secrets/db-password`), or an obviously made-up value
 * (`8312341g-5678-abcd-…`, `invalid`). Well-known defaults (`changeme`, `postgres`) are not
 * stand-ins: they work, and the checks report them as such.
 */

/** Words that, as a part of an ALL-CAPS token, make it a name to fill in rather than a value. */
const TEMPLATE_WORDS = new Set([
  'YOUR', 'MY', 'INSERT', 'REPLACE', 'CHANGE', 'CHANGEME', 'ENTER', 'PUT', 'FILL', 'SET', 'ADD', 'EXAMPLE', 'SAMPLE', 'PLACEHOLDER',
  'DUMMY', 'FAKE', 'TODO', 'FIXME', 'TBD', 'HERE', 'VAL', 'VALUE', 'REDACTED', 'HIDDEN', 'MASKED', 'SECRET', 'SECRETS', 'TOKEN',
  'PASSWORD', 'PASSWD', 'PASS', 'KEY', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'LICENSE', 'ACCESS', 'API',
]);

/** An ALL-CAPS identifier of two or more words: `GOOGLE_API_KEY_VAL`, `INSERT-YOUR-TOKEN`. */
const CAPS_TOKEN = /^[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)+$/;

/** Instructions and stand-ins written in words, in any case. */
const STAND_IN_WORDS =
  /(?:^|[^a-z0-9])your[-_ .]?(?:[a-z]{1,20}[-_ .]?){0,4}(?:key|token|secret|password|passwd|pass|pw|credential|license|id|here)(?:[^a-z0-9]|$)|^(?:your|insert|enter|replace|put|fill)[-_ .]|(?:^|[^a-z0-9])(?:replace[-_ .]?(?:me|this|with)|insert[-_ .]?(?:here|your)|placeholder|redacted|dummy|fake|sample|example|not[-_ .]?a[-_ .]?(?:real[-_ .]?)?(?:secret|key|token|password)|invalid|wrong[-_ .]?pass(?:word)?|bad[-_ .]?pass(?:word)?|incorrect[-_ .]?pass(?:word)?|nonexistent|does[-_ .]?not[-_ .]?exist)(?:[^a-z0-9]|$)|example(?:key)?$/i;

/** Masks and nothing-values: `xxxx`, `****`, `...`, `…`, `-`, `n/a`, `none`. */
const MASK = /^(?:[x*.…#?_-]{3,}|[x]{3,}[-_x0-9]*|n\/a|none|null|nil|undefined|tbd|todo|fixme|-)$/i;

/** `<password>`, `[API_KEY]`, `{{TOKEN}}` written as a placeholder, `%PASSWORD%`, `@PASSWORD@`. */
const BRACKETED = /^(?:<[^<>]+>|\[[A-Za-z_ -]+\]|\{\{?\s*[A-Za-z_ .-]+\s*\}?\}|%[A-Za-z_]+%|@[A-Za-z_]+@)$/;

/** Absolute and relative paths to the file that holds the secret (Docker and Kubernetes mount them). */
const PATH =
  /^(?:\/(?:run|var|etc|secrets?|mnt|vault|opt|home|tmp|usr|srv|data|app|config|certs?|keys?|root|workspace|credentials)(?:\/[\w.@+-]+)+\/?|\.{1,2}\/[\w.@+/-]+|~\/[\w.@+/-]+|[A-Za-z]:\\[\w .\\-]+|file:\/\/\S+)$/;

const MAX_LENGTH = 256;

/** Runs of keyboard or counting order that no generator produces twice: `1234`, `5678`, `abcd`. */
const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl'];

/** Whether `value`, as written, stands in for a credential (see the module comment). */
export function isPlaceholderValue(value: string): boolean {
  const text = value.trim();
  // Stand-ins are short; a long value is data (and the word patterns below stay cheap).
  if (text === '' || text.length > MAX_LENGTH || isDefaultCredential(text)) return false;
  if (MASK.test(text) || BRACKETED.test(text) || PATH.test(text)) return true;
  if (isTemplateToken(text)) return true;
  if (STAND_IN_WORDS.test(text)) return true;
  return isObviouslyMadeUp(text);
}

/** An ALL-CAPS name a setup step substitutes: `GOOGLE_API_KEY_VAL`, `INSERT_ETCD_INITIAL_CLUSTER_TOKEN`, `REPLACE_ME`. */
export function isTemplateToken(value: string): boolean {
  const text = value.trim();
  return CAPS_TOKEN.test(text) && text.split(/[_-]/).some((word) => TEMPLATE_WORDS.has(word));
}

/**
 * A value typed by hand to look like a key: one character repeated (`00000000`, `aaaaaaaa`), or
 * two or more runs of four in counting or keyboard order (`8312341g-5678-abcd-…`). A random
 * 32-character key holds one such run about once in a thousand, two almost never.
 */
function isObviouslyMadeUp(text: string): boolean {
  if (text.length >= 6 && /^(.)\1+$/.test(text)) return true;
  const lower = text.toLowerCase();
  let runs = 0;
  for (let i = 0; i + 4 <= lower.length; i++) {
    const run = lower.slice(i, i + 4);
    if (SEQUENCES.some((sequence) => sequence.includes(run))) {
      runs++;
      i += 3;
    }
  }
  return runs >= 2;
}

/** A comment that tells the reader to put their own value in: `# replace with your Sysdig access key`, `# change this`. */
const FILL_IN_COMMENT = /(?:^|\s)#.*\b(?:replace|change|insert|enter|fill[- ]in|put|set|update)\b.*\b(?:your|this|own|real|actual|here)\b|(?:^|\s)#.*\b(?:placeholder|dummy|fake)\b/i;

/** Whether one of these source lines (the value's line and the lines just above it) says the value is to be replaced. */
export function saysFillIn(lines: readonly string[]): boolean {
  return lines.some((line) => FILL_IN_COMMENT.test(line));
}
