/**
 * Variable names that hold credentials (`POSTGRES_PASSWORD`, `SENTRY_AUTH_TOKEN`, `apiKey`), and
 * values that are well-known defaults: shared by the Dockerfile ENV/ARG, compose environment and
 * CI checks.
 */

/** Name parts that make a variable a credential on their own. */
const SECRET_PARTS = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PWD', 'SECRET', 'SECRETS', 'TOKEN', 'CREDENTIAL', 'CREDENTIALS', 'APIKEY', 'PRIVATEKEY', 'PASSPHRASE']);
/** `<X>_KEY` is a credential for these X (`API_KEY`, `APP_KEY`); a bare KEY (`CACHE_KEY`) is not. */
const KEY_QUALIFIERS = new Set(['API', 'PRIVATE', 'SECRET', 'ACCESS', 'ENCRYPTION', 'SIGNING', 'MASTER', 'SSH', 'AUTH', 'APP', 'CLIENT', 'WEBHOOK', 'LICENSE', 'SERVICE', 'ACCOUNT', 'HMAC', 'JWT', 'SESSION', 'CRYPT']);
/** Name parts that mark the value as something about a credential rather than the credential. */
const NOT_SECRET_LAST = new Set(['ID', 'USER', 'USERNAME', 'NAME', 'FILE', 'PATH', 'DIR', 'URL', 'URI', 'HOST', 'PORT', 'ENABLED', 'ENABLE', 'LENGTH', 'TTL', 'EXPIRY', 'EXPIRES', 'TYPE', 'ENDPOINT', 'HEADER', 'METHOD', 'POLICY', 'VERSION', 'MOUNT', 'REF', 'NAMESPACE', 'REGION', 'FORMAT', 'ALGORITHM', 'ISSUER', 'AUDIENCE', 'SCOPE', 'SCOPES', 'TIMEOUT', 'LIFETIME']);

const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const SEPARATORS = /[^A-Za-z0-9]+/;

/** Whether a variable name says it holds a credential. `NEXT_PUBLIC_*`, `*_PUBLIC_KEY`, `*_FILE`, `*_ID` do not. */
export function isCredentialName(name: string): boolean {
  const parts = name.replace(CAMEL_BOUNDARY, '$1_$2').toUpperCase().split(SEPARATORS).filter((part) => part !== '');
  if (parts.length === 0 || parts.includes('PUBLIC') || NOT_SECRET_LAST.has(parts.at(-1)!)) return false;
  return parts.some((part, i) => SECRET_PARTS.has(part) || part.endsWith('PASSWORD') || (part === 'KEY' && i > 0 && KEY_QUALIFIERS.has(parts[i - 1]!)));
}

/**
 * Whether `NAME=value` assigns a credential, for masking free text: stricter than isCredentialName,
 * the name must end in the credential part (`DB_PASSWORD`, `apiKey`, `client_secret`, `"token"`), so
 * `secrets.yaml` or `SECRET_NAME` do not; `PWD` alone is the shell's working directory.
 */
export function isCredentialAssignmentName(name: string): boolean {
  const parts = name.replace(CAMEL_BOUNDARY, '$1_$2').toUpperCase().split(SEPARATORS).filter((part) => part !== '');
  const last = parts.at(-1);
  // Plurals (`secrets:`, `credentials: include`) name lists and modes, not one value.
  if (last === undefined || parts.includes('PUBLIC') || last === 'SECRETS' || last === 'CREDENTIALS' || (parts.length === 1 && last === 'PWD')) return false;
  if (SECRET_PARTS.has(last) || last.endsWith('PASSWORD') || last.endsWith('PASSWD') || last.endsWith('SECRET') || last.endsWith('TOKEN')) return true;
  return last === 'KEY' && parts.length > 1 && KEY_QUALIFIERS.has(parts.at(-2)!);
}

/** Passwords every scanner and attacker tries first; also the built-in defaults of common images. */
const DEFAULT_VALUES = new Set([
  'postgres',
  'password',
  'passw0rd',
  'pass',
  'admin',
  'admin123',
  'administrator',
  'root',
  'toor',
  'secret',
  'changeme',
  'change-me',
  'change_me',
  'changeit',
  'example',
  'test',
  'testing',
  'default',
  '123456',
  '12345678',
  'qwerty',
  'letmein',
  'mysql',
  'redis',
  'guest',
  'user',
  'minioadmin',
  'unleash4all',
]);

export function isDefaultCredential(value: string): boolean {
  return DEFAULT_VALUES.has(value.trim().toLowerCase());
}

/** Words of a key that say its value is a credential, read in the key lower-cased and glued (`azurestorageaccountkey`). */
const SECRET_KEY_WORD = /pass|pwd|secret|token|key|credential|private|salt|dsn|jwt|cookie|signature|^authstring$/;
/** Words that say a key holds something about a credential (who, where, which), not the credential. */
const NOT_SECRET_KEY_WORDS = [
  'user', 'username', 'login', 'name', 'address', 'addr', 'host', 'hostname', 'port', 'url', 'uri', 'endpoint', 'region', 'namespace',
  'database', 'db', 'email', 'id', 'crt', 'cert', 'certificate', 'ca', 'bucket', 'server', 'domain', 'realm', 'tenant', 'project',
  'type', 'mode', 'path', 'version', 'enabled', 'account', 'issuer', 'audience', 'scope', 'ttl', 'timeout', 'protocol', 'scheme',
];

/**
 * Whether a key of a Secret's data holds a credential: `password`, `apiPassword`, `tls.key`,
 * `azurestorageaccountkey`, `.dockerconfigjson` and unknown keys do; `apiAddress`, `username`,
 * `azurestorageaccountname`, `node.session.auth.username_in`, `ca.crt` do not.
 */
export function isSecretDataKey(key: string): boolean {
  const parts = key.replace(CAMEL_BOUNDARY, '$1_$2').toLowerCase().split(SEPARATORS).filter((part) => part !== '');
  if (parts.some((part) => SECRET_KEY_WORD.test(part))) return true;
  const glued = parts.join('');
  return !parts.some((part) => NOT_SECRET_KEY_WORDS.includes(part)) && !NOT_SECRET_KEY_WORDS.some((word) => word.length > 3 && glued.endsWith(word));
}
