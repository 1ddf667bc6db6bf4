import { maskSecret, maskUrlPassword, urlPassword } from '../secrets/mask.js';
import type { HttpResponse } from './client.js';

/** Why a path must not be public; each is one message of http/exposed-paths. */
export type ExposureCategory = 'secrets' | 'source' | 'debug' | 'backups' | 'listing';

/**
 * A path that must never answer 200 to anyone, and the signature its real content
 * has: a status alone proves nothing (soft-404 pages, SPAs answering 200 to every
 * path), so a hit needs the body to look like the thing itself.
 */
export interface SensitivePath {
  path: string;
  category: ExposureCategory;
  /** What is exposed, for the message: "Prometheus metrics". */
  what: string;
  /** The evidence shown, secrets masked; undefined when the body does not have the signature. */
  match(response: HttpResponse): string | undefined;
}

const MAX_EVIDENCE_LINES = 3;

/** Lines of the body matching a pattern, each rendered through `show`, at most 3. */
function lines(body: string, pattern: RegExp, show: (line: string) => string = (line) => line): string[] {
  return body
    .split(/\r?\n/)
    .filter((line) => pattern.test(line))
    .slice(0, MAX_EVIDENCE_LINES)
    .map((line) => show(line.trim()).slice(0, 160));
}

function looksLikeHtml(body: string): boolean {
  return /<(!doctype\s+html|html[\s>]|body[\s>]|head[\s>])/i.test(body.slice(0, 4096));
}

function contentType(response: HttpResponse): string {
  return (response.headers.get('content-type')?.[0] ?? '').toLowerCase();
}

/** `KEY=value` with the value masked (a URL with a password keeps its scheme, user and host). */
function maskAssignment(line: string): string {
  // Everything after the first `=` (or `: ` when there is none) is the value: `//registry.npmjs.org/:_authToken=…` too.
  const match = /^([^=]*?=\s*|[^=:]*?:\s+)(["']?)(.*?)\2\s*$/.exec(line);
  if (!match) return line;
  const value = match[3]!;
  if (value === '') return line;
  const shown = urlPassword(value) ? maskUrlPassword(value) : maskSecret(value);
  return `${match[1]}${match[2]}${shown}${match[2]}`;
}

/** `define('DB_PASSWORD', 'value');` with the value masked. */
function maskDefine(line: string): string {
  return line.replace(/(define\s*\(\s*['"][\w]+['"]\s*,\s*['"])([^'"]*)(['"])/i, (_, head: string, value: string, tail: string) => `${head}${value ? maskSecret(value) : ''}${tail}`);
}

const ENV_LINE = /^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_.]*\s*=/;

/** A dotenv file: two or more KEY=VALUE lines and no HTML. */
function envFile(response: HttpResponse): string | undefined {
  if (looksLikeHtml(response.body)) return undefined;
  const assignments = response.body.split(/\r?\n/).filter((line) => ENV_LINE.test(line));
  if (assignments.length < 2) return undefined;
  return lines(response.body, ENV_LINE, maskAssignment).join('\n');
}

/** The body contains every one of the words (and is not an HTML page, unless `html` allows it). */
function containing(words: (string | RegExp)[], options: { html?: boolean; show?: RegExp; mask?: (line: string) => string } = {}) {
  return (response: HttpResponse): string | undefined => {
    const { body } = response;
    if (!options.html && looksLikeHtml(body)) return undefined;
    const found = words.every((word) => (typeof word === 'string' ? body.includes(word) : word.test(body)));
    if (!found) return undefined;
    const show = options.show ?? (typeof words[0] === 'string' ? new RegExp(escape(words[0])) : words[0]!);
    return lines(body, show, options.mask ?? (options.html ? stripTags : undefined)).join('\n') || String(words[0]);
  };
}

function stripTags(line: string): string {
  return line.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Binary files recognised by their first bytes. The client decodes bodies as UTF-8, so a byte above 0x7f reads as U+FFFD. */
function magic(prefix: string, name: string) {
  return (response: HttpResponse): string | undefined => (response.body.startsWith(prefix) ? `${name} (${response.body.length} bytes read)` : undefined);
}

const GZIP = '\x1f\uFFFD\x08';
const ZIP = 'PK\x03\x04';

const SQL_DUMP = /^(-- MySQL dump|-- MariaDB dump|-- PostgreSQL database dump|CREATE TABLE|INSERT INTO|DROP TABLE|COPY [\w."]+ \(.*\) FROM stdin;)/im;

const SQL_HEAD = /^(-- .*dump.*|(CREATE TABLE|INSERT INTO|DROP TABLE)( IF (NOT )?EXISTS)? [^\s(]+|COPY [\w."]+)/i;

function sqlDump(response: HttpResponse): string | undefined {
  if (looksLikeHtml(response.body) || !SQL_DUMP.test(response.body)) return undefined;
  // The statement heads only: the rows of a dump are the data the finding is about.
  return lines(response.body, SQL_DUMP, (line) => SQL_HEAD.exec(line)?.[0] ?? '').join('\n');
}

function directoryListing(response: HttpResponse): string | undefined {
  const match = /<title>\s*(Index of \/[^<]*|Directory listing for \/[^<]*)<\/title>|<h1>\s*(Index of \/[^<]*)<\/h1>/i.exec(response.body);
  return match ? (match[1] ?? match[2])!.trim() : undefined;
}

function gitHead(response: HttpResponse): string | undefined {
  const text = response.body.trim();
  return /^(ref: refs\/[\w./-]+|[0-9a-f]{40}|[0-9a-f]{64})$/.test(text) ? text : undefined;
}

function svnEntries(response: HttpResponse): string | undefined {
  const text = response.body;
  // Subversion ≥ 1.7 leaves only the format number; older working copies list entries.
  if (/^\d{1,2}\s*$/.test(text.trim()) && text.length < 8) return `format ${text.trim()}`;
  if (/^\d{1,2}\n\n?dir\n/.test(text) || text.includes('<wc-entries')) return lines(text, /^(\d{1,2}|dir|<wc-entries.*)$/).join('\n');
  return undefined;
}

function actuatorIndex(response: HttpResponse): string | undefined {
  if (!/json/.test(contentType(response)) && !response.body.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(response.body) as { _links?: Record<string, unknown> };
    if (!parsed._links || typeof parsed._links !== 'object') return undefined;
    return `_links: ${Object.keys(parsed._links).slice(0, 8).join(', ')}`;
  } catch {
    return undefined;
  }
}

/** A JSON object with all these top-level keys; the evidence names the keys, never their values (an environment dump is full of secrets). */
function jsonKeys(keys: string[]) {
  return (response: HttpResponse): string | undefined => {
    try {
      const parsed = JSON.parse(response.body) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      return keys.every((key) => key in parsed) ? `JSON with ${keys.map((key) => `"${key}"`).join(', ')}` : undefined;
    } catch {
      return undefined;
    }
  };
}

function prometheus(response: HttpResponse): string | undefined {
  if (!/^# HELP \S+/m.test(response.body) || !/^# TYPE \S+ \w+/m.test(response.body)) return undefined;
  return lines(response.body, /^# HELP /).slice(0, 2).join('\n');
}

/** The bounded list http/exposed-paths requests (37 paths), grouped by category. */
export const SENSITIVE_PATHS: readonly SensitivePath[] = [
  // Secrets: configuration with credentials.
  ...['/.env', '/.env.local', '/.env.production', '/.env.backup'].map((path) => ({ path, category: 'secrets' as const, what: 'a dotenv file', match: envFile })),
  { path: '/.aws/credentials', category: 'secrets', what: 'AWS credentials', match: containing(['aws_access_key_id'], { show: /aws_(access_key_id|secret_access_key)/, mask: maskAssignment }) },
  { path: '/.npmrc', category: 'secrets', what: 'an npm token', match: containing([/_authToken\s*=/], { mask: maskAssignment }) },
  { path: '/.htpasswd', category: 'secrets', what: 'password hashes', match: containing([/^[^:\s]+:(\$apr1\$|\$2[aby]\$|\{SHA\}|\$[56]\$)/m], { mask: (line) => line.replace(/:(.*)$/, (_, hash: string) => `:${maskSecret(hash)}`) }) },
  { path: '/wp-config.php.bak', category: 'secrets', what: 'a WordPress config backup', match: containing(['DB_PASSWORD', 'define('], { html: true, show: /define\s*\(\s*['"]DB_(PASSWORD|USER|NAME)/, mask: maskDefine }) },
  // Source control metadata and build files: the code and its history.
  { path: '/.git/config', category: 'source', what: 'Git repository config', match: containing(['[core]'], { show: /^\s*(\[core\]|\[remote |url\s*=)/, mask: maskAssignment }) },
  { path: '/.git/HEAD', category: 'source', what: 'Git HEAD', match: gitHead },
  { path: '/.svn/entries', category: 'source', what: 'Subversion metadata', match: svnEntries },
  { path: '/.hg/hgrc', category: 'source', what: 'Mercurial config', match: containing([/^\[(paths|ui)\]/m], { show: /^(\[paths\]|\[ui\]|default\s*=)/, mask: maskAssignment }) },
  { path: '/.DS_Store', category: 'source', what: 'a macOS directory index', match: magic('\0\0\0\x01Bud1', '.DS_Store') },
  { path: '/docker-compose.yml', category: 'source', what: 'a Compose file', match: containing([/^services:\s*$/m, /^\s+(image|build):/m], { show: /^services:|^\s+(image|build):/ }) },
  // Debug and monitoring endpoints.
  { path: '/metrics', category: 'debug', what: 'Prometheus metrics', match: prometheus },
  { path: '/debug/pprof/', category: 'debug', what: 'the Go pprof index', match: containing(['Types of profiles available'], { html: true }) },
  { path: '/debug/vars', category: 'debug', what: 'Go expvar', match: jsonKeys(['cmdline', 'memstats']) },
  { path: '/actuator', category: 'debug', what: 'the Spring Boot actuator index', match: actuatorIndex },
  { path: '/actuator/env', category: 'debug', what: 'the Spring Boot environment', match: jsonKeys(['activeProfiles', 'propertySources']) },
  { path: '/actuator/heapdump', category: 'debug', what: 'a JVM heap dump', match: (response) => (response.body.startsWith('JAVA PROFILE') ? 'JAVA PROFILE (HPROF)' : magic(GZIP, 'gzip')(response)) },
  { path: '/server-status', category: 'debug', what: 'Apache mod_status', match: containing(['Apache Server Status'], { html: true }) },
  { path: '/nginx_status', category: 'debug', what: 'nginx stub_status', match: containing([/^Active connections: \d+/m]) },
  ...['/phpinfo.php', '/info.php'].map((path) => ({ path, category: 'debug' as const, what: 'phpinfo()', match: containing(['PHP Version', /PHP (Extension|License|Credits)/], { html: true, show: /PHP Version/ }) })),
  // Backups and database dumps.
  ...['/backup.sql', '/dump.sql', '/database.sql', '/db.sql'].map((path) => ({ path, category: 'backups' as const, what: 'an SQL dump', match: sqlDump })),
  ...['/db.sql.gz', '/backup.sql.gz', '/backup.tar.gz'].map((path) => ({ path, category: 'backups' as const, what: 'a gzip archive', match: magic(GZIP, 'gzip') })),
  { path: '/backup.zip', category: 'backups', what: 'a zip archive', match: magic(ZIP, 'zip') },
  // Directory listings.
  ...['/', '/uploads/', '/backup/', '/backups/', '/files/'].map((path) => ({ path, category: 'listing' as const, what: 'a directory listing', match: directoryListing })),
];

/** Same page once the requested path is blanked out (soft-404 pages often echo it). */
function normalised(body: string, path: string): string {
  return body.split(path).join('\0').replace(/\s+/g, ' ').trim();
}

/**
 * Whether a sensitive path's response is the site's answer to any path: compared
 * with its answer to a path that cannot exist (`baseline`).
 */
export function isSoft404(candidate: { path: string; response: HttpResponse }, baseline: { path: string; response: HttpResponse }, entry: SensitivePath): boolean {
  if (baseline.response.status !== 200) return false;
  if (entry.match(baseline.response) !== undefined) return true;
  return normalised(candidate.response.body, candidate.path) === normalised(baseline.response.body, baseline.path);
}

/** The sensitive path's evidence when it is really exposed: 200, the signature, and not the site's catch-all page. */
export function exposure(entry: SensitivePath, response: HttpResponse, baseline: { path: string; response: HttpResponse }): string | undefined {
  if (response.status !== 200) return undefined;
  const evidence = entry.match(response);
  if (evidence === undefined) return undefined;
  if (isSoft404({ path: entry.path, response }, baseline, entry)) return undefined;
  return evidence;
}
