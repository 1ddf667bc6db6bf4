import { isCredentialAssignmentName } from './credential-names.js';
import { maskSecret } from './mask.js';
import { maskUrlsInText } from './url-credentials.js';

/**
 * Masks every credential-looking span of free text: what the engine applies to each result's
 * message data, message, evidence and error text before any output sees them, so a check that
 * quotes a line of a scanned file never prints a credential beside the one it reports.
 *
 * Each secret keeps its first 4 characters and gets "…" (mask.ts); masking is idempotent.
 * Covered: private keys, URL userinfo and credential query parameters, the token shapes of
 * secretlint's recommended preset and other well-known providers, Authorization / Bearer values,
 * `--*password=…`-style flags, `-u user:pass`, mysql `-p…`, and assignments to credential-like
 * names (`PASSWORD=…`, `api_key: …`, `"token": "…"`). References (`${VAR}`, `$VAR`, `{{ … }}`,
 * `env:NAME`) and empty values are left alone.
 */
export function redactSecrets(text: string): string {
  if (text.length < 8 || !MAY_HOLD_SECRET.test(text)) return text;
  let out = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS).replace(/\S*$/, '')}…` : text;
  if (out.includes('PRIVATE KEY')) out = maskPrivateKeys(out);
  out = maskUrlsInText(out);
  out = out.replace(TOKEN_SHAPES, maskSecret).replace(WEBHOOK_URL, (_whole, host: string, path: string) => host + maskSecret(path));
  if (/account/i.test(out)) out = out.replace(AWS_ACCOUNT_ID, (_whole, before: string, id: string) => before + maskSecret(id));
  if (HEADER_HINT.test(out)) out = out.replace(AUTHORIZATION, maskLiteral).replace(BEARER, maskLiteral);
  if (out.includes('-')) out = out.replace(SECRET_FLAG, maskFlag).replace(CURL_USER, maskCurlUser).replace(TOOL_PASSWORD, maskToolPassword);
  out = maskAssignments(out);
  if (out.includes('</')) out = out.replace(XML_ELEMENT, maskXml);
  if (DIRECTIVE_HINT.test(out)) out = out.replace(DIRECTIVE, maskLiteral);
  return out;
}

/**
 * A value as it is shown when quoted apart from its name (a plan value in an error message): a
 * literal under a credential-like name (`clientSecret`, `secret`, `X-Api-Key`) masked whole,
 * anything else as redactSecrets masks it.
 */
export function redactValue(name: string, value: string): string {
  return isCredentialAssignmentName(name) && isLiteralValue(value) ? maskSecret(value) : redactSecrets(value);
}

/**
 * What every rule below needs to find at least once (a word of a credential name, a URL, a flag,
 * a token prefix): one scan that lets the prose of most messages through untouched.
 */
const MAY_HOLD_SECRET =
  /pass|pwd|secret|token|credential|key|auth|bearer|login|account|:\/\/|[?&;#][^\s=&;#?]+=|-u|--user|mysql|mariadb|redis-cli|sshpass|<\/|A3T|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA|gh[pousr]_|github_pat_|xox|xapp-|npm_|SG\.|shp|sk-|[srp]k_|lin_|ops_|whsec_|gl[a-z]{1,5}-|AIza|hf_|dop_|pypi-|ey[JK]|slack|discord/i;

/**
 * Longer text that may hold a secret is cut first (no message or evidence is that long): every
 * rule below is linear in the text, but with a constant a hostile 10 MB line would still feel. The
 * word the cut falls in goes too, so no secret is left cut short of its recognisable shape.
 */
const MAX_CHARS = 64 * 1024;

const PEM_HEADER = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
/** A PEM body: base64, line breaks (also as `\n` escapes in JSON), `Proc-Type:`/`DEK-Info:` headers; never `-----`. */
const PEM_BODY = /(?:\\[rn]|[\sA-Za-z0-9+/=:,.]|-(?!----))*/y;
const PEM_FOOTER = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/y;
/** Without an END line, only what looks like base64 is taken for the body. */
const PEM_BASE64 = /(?:\\[rn]|[\sA-Za-z0-9+/=])*/y;

/** The armour header stays (it names the key type); the body and the END line go. Linear: every match moves on. */
function maskPrivateKeys(text: string): string {
  let out = '';
  let last = 0;
  PEM_HEADER.lastIndex = 0;
  for (let header = PEM_HEADER.exec(text); header; header = PEM_HEADER.exec(text)) {
    const bodyStart = header.index + header[0].length;
    const sticky = (pattern: RegExp, at: number) => {
      pattern.lastIndex = at;
      return pattern.exec(text) ? pattern.lastIndex : at;
    };
    const bodyEnd = sticky(PEM_BODY, bodyStart);
    const footerEnd = sticky(PEM_FOOTER, bodyEnd);
    const end = footerEnd > bodyEnd ? footerEnd : sticky(PEM_BASE64, bodyStart);
    out += text.slice(last, header.index) + header[0] + (end > bodyStart ? '…' : '');
    last = end;
    PEM_HEADER.lastIndex = Math.max(PEM_HEADER.lastIndex, end);
  }
  return out + text.slice(last);
}

/**
 * Tokens recognisable by their shape alone: every token rule of secretlint's recommended preset
 * (AWS key ids, GitHub, Slack, npm, SendGrid, Shopify, OpenAI, Anthropic, Linear, 1Password)
 * and other common providers (Stripe, GitLab, Google API keys, Hugging Face, JWTs).
 */
const TOKEN_SHAPES = new RegExp(
  // Only where a run of token characters starts: within one, every position would rescan the rest of it.
  String.raw`(?<![A-Za-z0-9_-])(?:${[
    /(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\b/,
    /gh[pousr]_[A-Za-z0-9_]{16,}/,
    /github_pat_[A-Za-z0-9_]{16,}/,
    /xox[abposrec]-[A-Za-z0-9-]{6,}/,
    /xapp-[A-Za-z0-9-]{6,}/,
    /npm_[A-Za-z0-9_]{16,}/,
    /SG\.[\w-]{1,128}\.[\w-]{8,}/,
    /shp(?:at|ca|pa|ss)_[A-Za-z0-9]{16,}/,
    /sk-[A-Za-z0-9_-]{16,}/,
    /lin_(?:api|oauth)_[A-Za-z0-9_]{16,}/,
    /ops_ey[A-Za-z0-9+/=_-]{16,}/,
    /(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}/,
    /whsec_[A-Za-z0-9+/=]{16,}/,
    /glpat-[A-Za-z0-9_-]{16,}/,
    /gl(?:ptt|dt|rt|cbt|imt|agent|oas|ffct)-[A-Za-z0-9_-]{16,}/,
    /AIza[0-9A-Za-z_-]{30,}/,
    /hf_[A-Za-z0-9]{30,}/,
    /dop_v1_[a-f0-9]{32,}/,
    /pypi-[A-Za-z0-9_-]{32,}/,
    /ey[JK][A-Za-z0-9_-]{8,}\.ey[JK][A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  ]
    .map((pattern) => pattern.source)
    .join('|')})`,
  'g',
);

/** `aws_account_id = 1234-5678-9012`: secretlint reports it, so it is masked like the rest. */
const AWS_ACCOUNT_ID = /(\baws_?account_?id["']?[ \t]*[:=][ \t]*["']?)(\d{4}-?\d{4}-?\d{4})\b/gi;

/** Webhook URLs whose path is the credential (Slack, Discord): the host stays, as maskValue shows it. */
const WEBHOOK_URL = /(?<![A-Za-z0-9_-])((?:hooks\.slack\.com|discord(?:app)?\.com|discord\.gg)\/)((?:services|workflows|triggers|api\/webhooks)\/[A-Za-z0-9/_-]{8,})/g;

const HEADER_HINT = /authorization|bearer/i;
/** `Authorization: Bearer …`, `Authorization: token …`, `authorization="Basic …"`, nginx `Authorization "Basic …"`. */
const AUTH_SCHEME = 'bearer|basic|token|bot|digest|apikey|api-key|key|sso-key|negotiate|ntlm|aws4-hmac-sha256|hmac|jwt';
const AUTHORIZATION = new RegExp(
  String.raw`(\b(?:proxy-)?authorization["']?(?:\s*[:=]\s*["']?|\s+["'])(?:(?:${AUTH_SCHEME})\s+)?)(?!(?:${AUTH_SCHEME})(?:[\s"',;]|$))([^\s"',;]{4,})`,
  'gi',
);
/** `Bearer …` anywhere: a token has a digit or punctuation in it, or 16 characters ("Bearer tokens" is prose). */
const BEARER = /(\bbearer\s+)((?=[A-Za-z0-9._~+/=-]*[0-9_~+/=-]|[A-Za-z0-9._~+/=-]{16})[A-Za-z0-9._~+/=-]{8,})/gi;

function maskLiteral(whole: string, before: string, secret: string): string {
  return isLiteralValue(secret) ? before + maskSecret(secret) : whole;
}

/** `--password=…`, `--db-password …`, `--client-secret=…`, `--token …`, `--api-key …` (not `--password-file`). */
const SECRET_FLAG =
  /((?:^|[\s"'(=])--?(?:[\w-]*[-_])?(?:password|passwd|pass|pwd|secret|token|api-?key|auth-token|access-key|secret-key|private-key|credentials?)(?:=|\s+))(["']?)([^\s"']+)/gi;

function maskFlag(whole: string, before: string, quote: string, value: string): string {
  if (value.startsWith('-') || isReference(value)) return whole;
  return before + quote + maskSecret(value);
}

/** curl/wget `-u user:pass`, `--user user:pass`, `-uuser:pass`; a numeric uid:gid (docker -u 1000:1000) is not one. */
const CURL_USER = /((?:^|[\s"'])(?:-u\s*|--user[=\s]+|--proxy-user[=\s]+)["']?[^\s:"']*:)([^\s"']+)/g;

function maskCurlUser(whole: string, before: string, password: string): string {
  if (/^\d+$/.test(password) || isReference(password)) return whole;
  return before + maskSecret(password);
}

/** Tools that take a password right in their arguments: `mysql -pPW`, `redis-cli -a PW`, `sshpass -p PW`. */
const TOOL_PASSWORD = /(\b(?:mysql\w*|mariadb[\w-]*)\b[^\n|;&]{0,200}?\s-p(?!\s))([^\s"']+)|(\bredis-cli\b[^\n|;&]{0,200}?\s(?:-a|--pass)\s+)([^\s"']+)|(\bsshpass\s+(?:-\w+\s+)*?-p\s*)([^\s"']+)/g;

function maskToolPassword(whole: string, ...groups: (string | undefined)[]): string {
  for (let i = 0; i < 6; i += 2) if (groups[i] !== undefined) return maskLiteral(whole, groups[i]!, groups[i + 1]!);
  return whole;
}

/**
 * The end of a credential-like name and its separator: `…PASSWORD=`, `api_key: `, `"token": `,
 * `secret := `, `'password' => `. Found by the name's last word, not by scanning every name: this
 * runs on every result's text.
 */
const ASSIGNMENT = /(?:pass(?:word|wd|phrase)?|pwd|secret|token|credential|key)(["']?)([ \t]*(?::=|=>|=|:)[ \t]*)/gi;

/** `NAME=value` (a quoted value to its quote, else to the next space: `PW=x cmd` runs cmd), `name: value` (YAML: to the end of the line, short of a comment, a bracket, a comma or the next `name:`). */
function maskAssignments(text: string): string {
  let out = '';
  let last = 0;
  ASSIGNMENT.lastIndex = 0;
  for (let match = ASSIGNMENT.exec(text); match; match = ASSIGNMENT.exec(text)) {
    const nameEnd = match.index + match[0].length - match[1]!.length - match[2]!.length;
    let nameStart = match.index;
    while (nameStart > 0 && /[\w.-]/.test(text[nameStart - 1]!)) nameStart--;
    const nameQuote = match[1]!;
    // `?token=…` in a URL was masked with the URL, up to its `&` or `#`.
    const before = text[nameStart - 1 - nameQuote.length];
    if (nameStart < last || (nameQuote !== '' && text[nameStart - 1] !== nameQuote) || (before !== undefined && '?&#;'.includes(before))) continue;
    if (!isCredentialAssignmentName(text.slice(nameStart, nameEnd))) continue;
    const valueStart = match.index + match[0].length;
    const value = valueAt(text, valueStart, match[2]!.trim() === ':');
    // `automountServiceAccountToken: false and runs as …`: what follows a non-value is prose.
    if (!value || !isLiteralValue(text.slice(value.start, value.end).split(/[ \t]/)[0]!)) continue;
    out += text.slice(last, value.start) + maskSecret(text.slice(value.start, value.end));
    last = value.end;
    ASSIGNMENT.lastIndex = Math.max(ASSIGNMENT.lastIndex, value.end);
  }
  return last === 0 ? text : out + text.slice(last);
}

const VALUE_END = /[\s"'`,;)}\]]/;
const NEXT_NAME = /^[^\s=:]*[ \t]*[=:]/;

/** Where the value after a separator starts and ends; undefined when there is none. */
function valueAt(text: string, start: number, yaml: boolean): { start: number; end: number } | undefined {
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    let end = start + 1;
    while (end < text.length && text[end] !== quote && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
    return { start: start + 1, end: Math.min(end, text.length) };
  }
  let end = start;
  while (end < text.length) {
    const ch = text[end]!;
    if (ch === ' ' || ch === '\t') {
      if (!yaml) break;
      let next = end;
      while (text[next] === ' ' || text[next] === '\t') next++;
      if (next >= text.length || VALUE_END.test(text[next]!) || '#|&<>'.includes(text[next]!) || NEXT_NAME.test(text.slice(next, next + 200))) break;
      end = next;
      continue;
    }
    if (VALUE_END.test(ch)) break;
    end++;
  }
  return end > start ? { start, end } : undefined;
}

/** `<password>…</password>`, `<apiKey>…</apiKey>` */
const XML_ELEMENT = /<([A-Za-z_][\w.-]*)>([^<\n]+)<\/\1>/g;

function maskXml(whole: string, name: string, value: string): string {
  return isCredentialAssignmentName(name) && isLiteralValue(value) ? `<${name}>${maskSecret(value)}</${name}>` : whole;
}

const DIRECTIVE_HINT = /requirepass|masterauth|auth_pass|login/i;
/** Directives without a separator: `requirepass …`/`masterauth …` (redis), `auth_pass …` (keepalived), netrc `login U password P`. */
const DIRECTIVE = /(\b(?:requirepass|masterauth|auth_pass|login[ \t]+\S+[ \t]+password)[ \t]+)([^\s;#"']+)/gi;

/** Words that stand for no value at all. */
const NOT_A_VALUE = /^(?:true|false|yes|no|on|off|null|nil|none|undefined|required|optional)$/i;

function isLiteralValue(value: string): boolean {
  const text = value.trim();
  return text !== '' && !NOT_A_VALUE.test(text) && !isReference(text) && !/^[*x.…-]+$/i.test(text) && !/^[[{]/.test(text);
}

/** `$VAR`, `${VAR}`, `$(cmd)`, `{{ .Values.x }}`, `<placeholder>`, `%(x)s`, `env:NAME`/`file:PATH` references, `secretKeyRef`. */
function isReference(value: string): boolean {
  return /^(?:\$|\{\{|<[^<>]*>$|%\(|#\{|(?:env|file|vault|secret|op|ref\+\w+):|secretKeyRef|valueFrom|!(?:vault|secret|env)\b)/i.test(value);
}
