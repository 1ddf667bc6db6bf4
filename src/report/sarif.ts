import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyCheck } from '../checks/define.js';
import type { Result, Suppression } from '../engine/result.js';
import type { ScanRun } from '../engine/scan-run.js';
import { bySeverity, type Severity } from '../severity.js';
import { formatLocation, placeOf, type Location } from '../targets/location.js';
import type { YamlPath } from '../targets/yaml/source.js';
import { defineFormat, type ReportContext } from './define.js';
import { jsonChunks, LazyList } from './json-chunks.js';

/**
 * SARIF 2.1.0 for GitHub code scanning, following
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 *
 * - Only failures become results. GitHub's supported subset has no `suppressions`
 *   (a suppressed result would show as an open alert), so suppressed failures are
 *   left out unless `showSuppressed` asks for them, for SARIF viewers that honour it.
 * - One run per category (`automationDetails.id`): `harden/static/` for results in
 *   files, `harden/live/` for URLs, hosts and DNS names. A category is emitted when
 *   the scan measured anything in it, even all passes, so GitHub closes fixed alerts.
 * - File URIs are relative to the working directory (%SRCROOT%), the checkout in CI.
 * - Live results point at the line of the plan that names the target.
 * - Related places (the other side of a cross-file reference) are `relatedLocations`, linked
 *   from the message as `[what is there](id)`: GitHub shows a related location only that way.
 */
export const sarifFormat = defineFormat({
  id: 'sarif',
  description: 'SARIF 2.1.0 for GitHub code scanning (failures only; one run per category: harden/static/, harden/live/)',
  extension: 'sarif',
  // Streamed result by result: log → runs → run → results, each result formed and stringified alone.
  *chunks(run, context) {
    yield* jsonChunks(sarifLog(run, context), 4);
    yield '\n';
  },
});

/** GitHub's upload limits ("Validating your SARIF file" and "SARIF results exceed one or more limits"). */
export const GITHUB_LIMITS = {
  runsPerFile: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  locationsPerResult: 1_000,
  tagsPerRule: 20,
  ruleNameChars: 255,
  descriptionChars: 1_024,
  /** Not a documented GitHub limit: message titles are cut to the description limit to keep alerts readable. */
  messageChars: 1_024,
} as const;

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://harden.dev';
export const FINGERPRINT_KEY = 'harden/v1';
const SOURCE_ROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';
type Category = 'static' | 'live';
const CATEGORIES: readonly Category[] = ['static', 'live'];

const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub maps >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low; info gets none (not a security severity). */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: undefined };

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: SarifDriver };
  automationDetails: { id: string };
  originalUriBaseIds: Record<string, { uri: string; description: { text: string } }>;
  invocations: SarifInvocation[];
  results: SarifResult[];
  columnKind: 'utf16CodeUnits';
}

interface SarifDriver {
  name: 'harden';
  version: string;
  informationUri: string;
  rules: SarifRule[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: Level };
  help: { text: string; markdown: string };
  properties: { tags: string[]; 'security-severity'?: string };
}

interface SarifInvocation {
  executionSuccessful: boolean;
  startTimeUtc?: string;
  endTimeUtc?: string;
  toolExecutionNotifications: { level: Level; message: { text: string } }[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifRelatedLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: SarifSuppression[];
  properties: { severity: Severity; target: string; evidence?: string };
}

export interface SarifLocation {
  physicalLocation?: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region: { startLine: number; startColumn: number; endLine: number; endColumn?: number };
  };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: 'resource' }[];
}

export interface SarifRelatedLocation extends SarifLocation {
  id: number;
  message: { text: string };
}

interface SarifSuppression {
  kind: 'inSource' | 'external';
  justification: string;
  properties: { by: Suppression['by']; owner?: string; expires?: string };
}

/** A run whose results are formed one by one as they are written. */
type StreamedRun = Omit<SarifRun, 'results'> & { results: LazyList<Result, SarifResult> };

export function toSarif(run: ScanRun, context: ReportContext): SarifLog {
  const log = sarifLog(run, context);
  return { ...log, runs: log.runs.map((sarifRun) => ({ ...sarifRun, results: [...sarifRun.results] })) };
}

/** The log, its results read from the run's findings: only failures become results. */
function sarifLog(run: ScanRun, context: ReportContext): Omit<SarifLog, 'runs'> & { runs: StreamedRun[] } {
  const present = CATEGORIES.filter((category) => (category === 'static' ? run.tally.inFiles : run.tally.live) > 0);
  const categories: readonly Category[] = present.length > 0 ? present : ['static'];
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: categories.map((category) => {
      const inCategory = run.findings.filter((result) => categoryOf(result.location) === category);
      return buildRun(category, inCategory, run, context);
    }),
  };
}

function categoryOf(location: Location): Category {
  return location.kind === 'file' ? 'static' : 'live';
}

function buildRun(category: Category, results: readonly Result[], run: ScanRun, context: ReportContext): StreamedRun {
  const notes: string[] = [];
  const reported = mostSevereFirst(results.filter((result) => isReported(result, context)));
  const kept = reported.slice(0, GITHUB_LIMITS.resultsPerRun);
  if (kept.length < reported.length)
    notes.push(`${reported.length - kept.length} of ${reported.length} results left out: GitHub accepts at most ${GITHUB_LIMITS.resultsPerRun} per run; the most severe were kept.`);

  const ruleIds = [...new Set(kept.map((result) => result.checkId))];
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const rules = ruleIds.map((id) => toRule(id, context.catalog.get(id), kept.find((r) => r.checkId === id)!.severity));
  const locate = locatorFor(run, context);
  const withSuppressions = context.showSuppressed && kept.some((result) => result.suppression);
  // Counted before the results are written: the note goes in the invocation, which comes first.
  const truncatedMessages = kept.filter((result) => messageOf(result).length > GITHUB_LIMITS.messageChars).length;
  if (truncatedMessages > 0)
    notes.push(`${truncatedMessages} result message${truncatedMessages === 1 ? '' : 's'} cut to ${GITHUB_LIMITS.messageChars} characters.`);
  const sarifResults = new LazyList(kept, (result) => {
    const sarif = toSarifResult(result, ruleIndex.get(result.checkId)!, locate, withSuppressions);
    if (sarif.message.text.length > GITHUB_LIMITS.messageChars) sarif.message.text = truncate(sarif.message.text, GITHUB_LIMITS.messageChars);
    return sarif;
  });

  return {
    tool: { driver: { name: 'harden', version: run.tool.version, informationUri: INFORMATION_URI, rules } },
    automationDetails: { id: `harden/${category}/` },
    originalUriBaseIds: {
      [SOURCE_ROOT]: { uri: directoryUri(resolve('.')), description: { text: 'The directory harden ran in: the repository checkout in CI.' } },
    },
    invocations: [invocationOf(run, results, notes)],
    results: sarifResults,
    columnKind: 'utf16CodeUnits',
  };
}

function isReported(result: Result, context: ReportContext): boolean {
  return result.status === 'fail' && (!result.suppression || context.showSuppressed);
}

function mostSevereFirst(results: readonly Result[]): Result[] {
  return [...results].sort((a, b) => bySeverity(a.severity, b.severity));
}

/** Notes on what was cut, and the checks that could not run: GitHub ignores these, other SARIF viewers show them. */
function invocationOf(run: ScanRun, results: readonly Result[], notes: readonly string[]): SarifInvocation {
  const errors = results
    .filter((result) => result.status === 'error')
    .map((result) => ({ level: 'error' as const, message: { text: `${formatLocation(result.location)}: ${result.message}` } }));
  const invocation: SarifInvocation = {
    executionSuccessful: true,
    toolExecutionNotifications: [...notes.map((text) => ({ level: 'warning' as const, message: { text } })), ...errors],
  };
  const started = Date.parse(run.startedAt);
  if (!Number.isNaN(started)) {
    invocation.startTimeUtc = new Date(started).toISOString();
    invocation.endTimeUtc = new Date(started + run.durationMs).toISOString();
  }
  return invocation;
}

function toRule(checkId: string, check: AnyCheck | undefined, severity: Severity): SarifRule {
  const title = check?.title ?? checkId;
  const why = check?.why ?? `${checkId} is not in this version of harden's catalog.`;
  const level = LEVEL[check?.severity ?? severity];
  const securitySeverity = SECURITY_SEVERITY[check?.severity ?? severity];
  const tags = ['security', check?.domain ?? checkId.split('/')[0]!].slice(0, GITHUB_LIMITS.tagsPerRule);
  return {
    id: checkId,
    name: truncate(pascalCase(checkId), GITHUB_LIMITS.ruleNameChars),
    shortDescription: { text: truncate(title, GITHUB_LIMITS.descriptionChars) },
    fullDescription: { text: truncate(why, GITHUB_LIMITS.descriptionChars) },
    defaultConfiguration: { level },
    help: { text: helpText(check, why), markdown: helpMarkdown(check, why) },
    properties: { tags, ...(securitySeverity ? { 'security-severity': securitySeverity } : {}) },
  };
}

function helpText(check: AnyCheck | undefined, why: string): string {
  if (!check) return why;
  const refs = check.refs.length > 0 ? `\n\nReferences:\n${check.refs.map((ref) => `- ${ref}`).join('\n')}` : '';
  return `${why}\n\nFix: ${check.fix}${refs}`;
}

function helpMarkdown(check: AnyCheck | undefined, why: string): string {
  if (!check) return escapeMarkdown(why);
  const refs = check.refs.length > 0 ? `\n\n**References**\n\n${check.refs.map((ref) => `- ${markdownRef(ref)}`).join('\n')}` : '';
  return `${escapeMarkdown(why)}\n\n**Fix:** ${escapeMarkdown(check.fix)}${refs}`;
}

function markdownRef(ref: string): string {
  return /^https?:\/\/\S+$/.test(ref) ? `<${ref}>` : escapeMarkdown(ref);
}

/** Keeps prose prose: `<`, `>` and `&` would otherwise be read as HTML. */
function escapeMarkdown(text: string): string {
  return text.replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch]!);
}

function toSarifResult(result: Result, ruleIndex: number, locate: Locator, withSuppressions: boolean): SarifResult {
  const sarif: SarifResult = {
    ruleId: result.checkId,
    ruleIndex,
    level: LEVEL[result.severity],
    message: { text: messageOf(result) },
    locations: [locate(result.location, result.declaredAt)],
    // GitHub tracks alerts by primaryLocationLineHash only; harden's fingerprint is that identity
    // (check + target, never a line), so moving code or editing the plan keeps the alert.
    partialFingerprints: { [FINGERPRINT_KEY]: result.fingerprint, primaryLocationLineHash: result.fingerprint },
    properties: { severity: result.severity, target: result.target, ...(result.evidence !== undefined ? { evidence: result.evidence } : {}) },
  };
  if (result.related?.length) sarif.relatedLocations = result.related.map((related, i) => ({ id: i + 1, ...locate(related.location), message: { text: related.message } }));
  // SARIF §3.27.23: within a run, either every result has `suppressions` or none does.
  if (withSuppressions) sarif.suppressions = result.suppression ? [toSarifSuppression(result.suppression)] : [];
  return sarif;
}

/** The message, naming the live target when it does not already (the location is only the plan line). */
function messageOf(result: Result): string {
  const named = liveTargetName(result.location);
  const where = named !== undefined && !result.message.includes(named) ? ` (${formatLocation(result.location)})` : '';
  const expired = result.waiverExpired ? `; the waiver expired on ${result.waiverExpired}` : '';
  const related = result.related?.length ? ` — also: ${result.related.map((place, i) => `[${escapeLinkText(place.message)}](${i + 1})`).join('; ')}` : '';
  return `${result.message}${where}${expired}${related}`;
}

/** SARIF §3.11.6: brackets in an embedded link's text are escaped. */
function escapeLinkText(text: string): string {
  return text.replace(/[[\]]/g, (ch) => `\\${ch}`);
}

function liveTargetName(location: Location): string | undefined {
  return location.kind === 'file' ? undefined : placeOf(location);
}

function toSarifSuppression(suppression: Suppression): SarifSuppression {
  const justification = [suppression.reason, suppression.owner && `owner: ${suppression.owner}`, suppression.expires && `expires ${suppression.expires}`]
    .filter(Boolean)
    .join('; ');
  return {
    kind: suppression.by === 'inline' ? 'inSource' : 'external',
    justification,
    properties: {
      by: suppression.by,
      ...(suppression.owner !== undefined ? { owner: suppression.owner } : {}),
      ...(suppression.expires !== undefined ? { expires: suppression.expires } : {}),
    },
  };
}

// ── Locations ────────────────────────────────────────────────────────────────

type Locator = (location: Location, declaredAt?: YamlPath) => SarifLocation;

function locatorFor(run: ScanRun, context: ReportContext): Locator {
  const baseDir = resolve('.');
  const rootDir = resolve(run.root);
  const planFile = run.plan ?? context.plan?.file;
  const planUri = planFile === undefined ? undefined : relativeUri(baseDir, resolve(planFile));
  return (location, declaredAt) => {
    if (location.kind === 'file') return fileLocation(location, rootDir, baseDir);
    const logicalLocations = [{ name: formatLocation(location), fullyQualifiedName: formatLocation(location), kind: 'resource' as const }];
    if (planUri === undefined) return { logicalLocations };
    // A live target has no file: the plan entry that names it stands for it.
    const { line, column } = declaredAt && context.plan ? context.plan.locate(declaredAt) : { line: 1, column: 1 };
    return {
      physicalLocation: { artifactLocation: { uri: planUri, uriBaseId: SOURCE_ROOT }, region: { startLine: line, startColumn: column, endLine: line } },
      logicalLocations,
    };
  };
}

function fileLocation(location: Extract<Location, { kind: 'file' }>, rootDir: string, baseDir: string): SarifLocation {
  const absolute = resolve(rootDir, location.path);
  const uri = relativeUri(baseDir, absolute);
  const region = {
    startLine: location.line,
    startColumn: location.column,
    endLine: location.endLine ?? location.line,
    ...(location.endColumn !== undefined ? { endColumn: location.endColumn } : {}),
  };
  const artifactLocation = uri === undefined ? { uri: pathToFileURL(absolute).href } : { uri, uriBaseId: SOURCE_ROOT };
  return { physicalLocation: { artifactLocation, region } };
}

/**
 * A URI reference relative to `baseDir`, or undefined when the file lies outside it.
 * GitHub reads relative URIs from the repository root, which is where harden runs in
 * CI; the scanned root may be a subdirectory (`harden scan examples`).
 */
function relativeUri(baseDir: string, absolute: string): string | undefined {
  const path = relative(baseDir, absolute);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/').split('/').map(encodeSegment).join('/');
}

/** Percent-encodes what a path segment may not hold; `:` too, or `a:b.yaml` would read as a URI scheme. */
function encodeSegment(segment: string): string {
  return encodeURI(segment).replace(/[?#:]/g, (ch) => encodeURIComponent(ch));
}

function directoryUri(absoluteDir: string): string {
  const href = pathToFileURL(absoluteDir).href;
  return href.endsWith('/') ? href : `${href}/`;
}


// ── Text ─────────────────────────────────────────────────────────────────────

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never leave half of a surrogate pair before the ellipsis.
  return `${text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}
