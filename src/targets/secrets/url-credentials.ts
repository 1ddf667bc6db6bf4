import { maskSecret } from './mask.js';

/**
 * Credentials a URL carries as text: the password of its userinfo and the values of query
 * (or fragment) parameters with credential-like names (`?api_key=…`, `&token=…`,
 * `#access_token=…`, `X-Amz-Signature=…`). Shared by the scan's redaction and the monitor.
 */

/** Parameter names whose value is a credential, compared lower-case with `-` read as `_`. */
const CREDENTIAL_PARAMETERS = new Set([
  'key',
  'api_key',
  'apikey',
  'token',
  'access_token',
  'accesstoken',
  'refresh_token',
  'id_token',
  'auth',
  'auth_token',
  'authtoken',
  'authorization',
  'secret',
  'client_secret',
  'sig',
  'signature',
  'password',
  'passwd',
  'pass',
  'pwd',
  'session',
  'session_id',
  'sessionid',
  'sid',
  'code',
  'credential',
  'credentials',
  'private_token',
  'jwt',
  'hash',
  'x_amz_signature',
  'x_amz_credential',
  'x_amz_security_token',
  'x_goog_signature',
  'x_goog_credential',
  'awsaccesskeyid',
  'sv_sig',
]);

/** Suffixes that make any parameter name a credential: `slack_token`, `webhookSecret`, `db-password`. */
const CREDENTIAL_SUFFIX = /(?:token|secret|password|passwd|api_?key|signature|_sig|_key)$/;

export function isCredentialParameter(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // a stray "%": the name as written
  }
  const normal = decoded.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/-/g, '_');
  return CREDENTIAL_PARAMETERS.has(normal) || CREDENTIAL_SUFFIX.test(normal);
}

const SCHEME_CHAR = /[a-z0-9+.-]/i;
/** Characters that end a URL written in text (quotes, brackets, whitespace). */
const URL_END = /[\s"'`<>]/;
/** `?name=value`, `&name=value`, `#name=value` (OAuth fragments), `;name=value` (matrix and JDBC parameters). */
const PARAMETER = /([?&;#])([^=&;#?\s"'`<>]+)=([^&;#\s"'`<>]*)/g;

export type Mask = (value: string, part: 'password' | 'user' | 'parameter') => string;

/** Every credential in `url`, raw as written. */
export function urlCredentials(url: string): string[] {
  const values: string[] = [];
  maskUrlCredentials(url, (value) => {
    values.push(value);
    return maskSecret(value);
  });
  return values;
}

/**
 * `url` with its userinfo password (or token-like user) and credential-like parameter values
 * masked; `mask` decides how (default: 4 characters and "…").
 */
export function maskUrlCredentials(url: string, mask: Mask = maskSecret): string {
  return maskUrlParameters(maskUserinfo(url, mask), mask);
}

/** Every URL in free text with its credentials masked, and credential parameters of relative URLs too. */
export function maskUrlsInText(text: string, mask: Mask = maskSecret): string {
  let out = '';
  let last = 0;
  // Found by their "://" and read back to the scheme: a scan for schemes would restart at every dot of a long word.
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', Math.max(at + 3, last))) {
    let start = at;
    while (start > last && SCHEME_CHAR.test(text[start - 1]!)) start--;
    while (start < at && !/[a-z]/i.test(text[start]!)) start++;
    if (start === at) continue;
    let end = at + 3;
    while (end < text.length && !URL_END.test(text[end]!)) end++;
    out += text.slice(last, start) + maskUserinfo(text.slice(start, end), mask);
    last = end;
  }
  return maskUrlParameters(last === 0 ? text : out + text.slice(last), mask);
}

function maskUserinfo(url: string, mask: Mask): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0];
  if (scheme === undefined) return url;
  const rest = url.slice(scheme.length);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at < 0) return url;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
  const password = colon < 0 ? '' : userinfo.slice(colon + 1);
  // `https://TOKEN:x-oauth-basic@github.com/`: the user is the credential.
  let masked = looksLikeToken(user) || password === 'x-oauth-basic' ? mask(user, 'user') : user;
  if (colon >= 0) masked += `:${password === '' ? '' : mask(password, 'password')}`;
  return `${scheme}${masked}${rest.slice(at)}`;
}

/** The values of credential-like parameters masked: `?api_key=abcd…&page=2`. */
export function maskUrlParameters(text: string, mask: Mask = maskSecret): string {
  if (!/[?&;#][^=?&;#\s]*=/.test(text)) return text;
  return text.replace(PARAMETER, (whole, separator: string, name: string, value: string) =>
    value !== '' && isCredentialParameter(name) ? `${separator}${name}=${mask(value, 'parameter')}` : whole,
  );
}

/** A user that is a token rather than a login name (`https://ghp_…@github.com`). */
function looksLikeToken(user: string): boolean {
  return user.length >= 16 && /\d/.test(user) && /[A-Za-z]/.test(user);
}
