import { maskSecret } from '../targets/secrets/mask.js';
import { redactSecrets } from '../targets/secrets/redact.js';
import { maskUrlParameters, urlCredentials } from '../targets/secrets/url-credentials.js';

export { maskSecret };
export { resolveSecret, SecretError, secretRef, secretResolver } from '../targets/secret-ref.js';

/** `text` with every occurrence of each secret (and, for a URL secret, its path and query) masked. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    for (const part of secretParts(secret)) result = result.split(part).join(maskSecret(part));
  }
  return result;
}

function secretParts(secret: string): string[] {
  const parts: string[] = [];
  if (URL.canParse(secret)) {
    const url = new URL(secret);
    if (url.password) parts.push(url.password, decodeURIComponent(url.password));
    if (url.pathname.length > 1) parts.push(url.pathname + url.search);
  }
  // Short fragments of a URL would mask ordinary words, so only the whole secret may be short.
  return [secret, ...parts.filter((part) => part.length >= 8)].filter((part) => part !== '');
}

/**
 * A monitor's or channel's URL as logs, alerts, metrics and `monitor status` show it: a user:pass@
 * as `***@`, the values of credential-like query parameters (`?api_key=`, `&token=`, `sig`, …)
 * masked to 4 characters.
 */
export function maskUrl(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  const shown = !url || (url.username === '' && url.password === '') ? text : `${url.protocol}//***@${url.host}${url.pathname}${url.search}${url.hash}`;
  return maskUrlParameters(shown);
}

/** What a URL carries that must never be shown: its userinfo and credential parameter values, as written and decoded. */
export function urlSecrets(text: string): string[] {
  return [...new Set(urlCredentials(text).flatMap((value) => [value, decode(value)]))];
}

/** `Basic …` for the URL's user:pass@, as a browser or curl sends it; undefined without one. */
export function basicAuthorization(url: URL): string | undefined {
  if (url.username === '' && url.password === '') return undefined;
  return `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64')}`;
}

/** Headers whose value is a credential: Authorization, Cookie, X-Api-Key, X-Auth-Token, … */
export function isCredentialHeader(name: string): boolean {
  return /^(?:proxy-)?authorization$|^cookie$|api-?key|token|secret|passw|auth|signature|session/i.test(name);
}

/**
 * Text that reaches an output (a sample's reason, an error, a log field): the given secrets
 * masked wherever they appear, then every credential-looking span (scan/secrets redaction).
 */
export function maskText(text: string, secrets: readonly string[] = []): string {
  // A 4-character mask shows a secret of 4 characters or fewer in full: masking those would only garble the text.
  const hidden = secrets.filter((secret) => secret.length > 4);
  return redactSecrets(hidden.length > 0 ? maskPrefixes(redact(text, hidden), hidden) : text);
}

/** A secret cut short where the text was truncated (`got "tk_9a8b7c6d…"`): any 8 or more of its first characters. */
function maskPrefixes(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    const head = secret.slice(0, 8);
    for (let at = result.indexOf(head); at >= 0; at = result.indexOf(head, at + 1)) {
      let end = at + 8;
      while (end < result.length && end - at < secret.length && result[end] === secret[end - at]) end++;
      result = result.slice(0, at) + maskSecret(result.slice(at, end)) + result.slice(end);
    }
  }
  return result;
}

/** A copy of a JSON-like value with every string in it (in arrays and plain objects) passed through maskText. */
export function maskStrings<T>(value: T): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (Array.isArray(value)) return value.map(maskStrings) as T;
  if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value)))
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, maskStrings(field)])) as T;
  return value;
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component; // a stray "%" the URL parser kept as is
  }
}
