import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../severity.js';
import type { TargetKind } from '../targets/kinds.js';
import { messageText, type AnyCheck, type CheckDomain } from './define.js';
import { ALL_HEADER_MESSAGE_IDS } from '../targets/http/headers/rules.js';
import { CHECKS } from './index.js';

const CHECKS_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Records rather than arrays, so a new target kind or domain fails to compile until it is listed here. */
const TARGET_KINDS: Record<TargetKind, true> = {
  'k8s-object': true,
  'k8s-workload': true,
  'k8s-container': true,
  'helm-values': true,
  dockerfile: true,
  'compose-service': true,
  'ci-workflow': true,
  'shell-script': true,
  'config-file': true,
  'repo-file': true,
  site: true,
  domain: true,
  'tls-endpoint': true,
  service: true,
  host: true,
  'backup-set': true,
  'secret-record': true,
  monitor: true,
};
/** Live checks run against real servers a test starts, through runLiveCheck, not file cases. */
const LIVE_TARGET_KINDS = new Set<TargetKind>(['site', 'domain', 'tls-endpoint', 'service', 'host', 'backup-set', 'monitor']);
const DOMAINS: Record<CheckDomain, true> = { k8s: true, docker: true, compose: true, ci: true, repo: true, http: true, tls: true, dns: true, net: true, probe: true, host: true, backup: true, secret: true, monitor: true };

interface CheckModule {
  id: string;
  file: string;
  testFile: string;
  exports: Record<string, unknown>;
}

/** Every `src/checks/<domain>/<name>.ts` that is not a test: each must be one check. */
function checkFilesOnDisk(): { id: string; file: string; testFile: string }[] {
  return readdirSync(CHECKS_DIR)
    .filter((entry) => statSync(join(CHECKS_DIR, entry)).isDirectory())
    .flatMap((domain) =>
      readdirSync(join(CHECKS_DIR, domain))
        .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
        .map((name) => ({
          id: `${domain}/${name.slice(0, -'.ts'.length)}`,
          file: join(CHECKS_DIR, domain, name),
          testFile: join(CHECKS_DIR, domain, name.replace(/\.ts$/, '.test.ts')),
        })),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
}

async function loadModules(): Promise<CheckModule[]> {
  return Promise.all(
    checkFilesOnDisk().map(async (entry) => ({ ...entry, exports: (await import(pathToFileURL(entry.file).href)) as Record<string, unknown> })),
  );
}

function isCheck(value: unknown): value is AnyCheck {
  return typeof value === 'object' && value !== null && 'id' in value && 'evaluate' in value;
}

const modules = await loadModules();

describe('check registry', () => {
  it('holds exactly the check modules on disk, each once, sorted by id', () => {
    expect(CHECKS.map((check) => check.id)).toEqual(modules.map((module) => module.id));
  });

  it.each(modules.map((module) => [module.id, module] as const))('%s exports one check with its path as id, and it is the registered one', (id, module) => {
    const exported = Object.values(module.exports);
    expect(exported).toHaveLength(1);
    const check = exported[0];
    expect(isCheck(check)).toBe(true);
    expect((check as AnyCheck).id).toBe(id);
    expect(CHECKS.filter((registered) => registered === check)).toHaveLength(1);
  });

  it.each(modules.map((module) => [module.id, module] as const))('%s has a test file beside it that runs checkCases (or runLiveCheck, for live checks) on it', (_id, module) => {
    expect(existsSync(module.testFile)).toBe(true);
    const exportName = Object.keys(module.exports)[0]!;
    const live = LIVE_TARGET_KINDS.has((module.exports[exportName] as AnyCheck).target as TargetKind);
    // Host checks also run on recorded hosts (src/testing/recorded-host.ts) besides the test sshd.
    const runners = live ? ['runLiveCheck', ...(module.id.startsWith('host/') ? ['runHostCheck'] : [])] : ['checkCases'];
    const source = readFileSync(module.testFile, 'utf8');
    expect(runners.some((runner) => source.includes(`${runner}(${exportName},`)), `${runners.join(' or ')}(${exportName}, …)`).toBe(true);
  });
});

/** The module's source without its claims: a message id named there is scoped, not used. */
function withoutClaims(source: string): string {
  return source.replace(/^  claims: \[.*\],$/m, '').replace(/^  claims: \[$[\s\S]*?^  \],$/m, '');
}

describe('check metadata', () => {
  const sources = new Map(modules.map((module) => [module.id, withoutClaims(readFileSync(module.file, 'utf8'))]));

  it.each(CHECKS.map((check) => [check.id, check] as const))('%s is complete', (_id, check) => {
    expect(DOMAINS[check.domain]).toBe(true);
    expect(check.id.startsWith(`${check.domain}/`)).toBe(true);
    expect(TARGET_KINDS[check.target as TargetKind]).toBe(true);
    expect(SEVERITIES).toContain(check.severity);
    expect(check.title.trim()).not.toBe('');
    expect(check.title).not.toMatch(/\.$/);
    expect(check.why.trim().length).toBeGreaterThan(40);
    expect(check.fix.trim().length).toBeGreaterThan(20);
    expect(check.refs.length).toBeGreaterThan(0);
    for (const ref of check.refs) expect(ref.trim()).not.toBe('');
  });

  it.each(CHECKS.map((check) => [check.id, check] as const))('%s has well-formed message ids and templates, each id used by the module', (id, check) => {
    const messages = Object.keys(check.messages).map((messageId) => [messageId, messageText(check, messageId)] as const);
    expect(messages.length).toBeGreaterThan(0);
    for (const [messageId, template] of messages) {
      expect(messageId).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(template.trim()).not.toBe('');
      // Placeholders are {word}; any other brace is a typo that would print verbatim.
      expect(template.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/);
      // Ids forwarded wholesale from the shared header rules are used through them.
      const forwarded = sources.get(id)!.includes('headerMessages(ALL_HEADER_MESSAGE_IDS)') && (ALL_HEADER_MESSAGE_IDS as string[]).includes(messageId);
      if (!forwarded) expect(sources.get(id)).toContain(`'${messageId}'`);
    }
  });
});
