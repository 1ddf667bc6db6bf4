/**
 * The real-world set's files: which repositories, at which commits, and where their
 * infrastructure files are on this machine. The files are extracted from git directories of
 * those repositories (never committed here); see sources.yaml.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface Source {
  name: string;
  repository: string;
  commit: string;
  date: string;
  licence: string;
  kind: string;
}

interface SourcesFile {
  take: string;
  licenceFile: string;
  repositories: Source[];
}

const HERE = new URL('.', import.meta.url).pathname;

export function sourcesFile(): SourcesFile {
  return parse(readFileSync(join(HERE, 'sources.yaml'), 'utf8')) as SourcesFile;
}

export const SOURCES: readonly Source[] = sourcesFile().repositories;

/** Where the extracted files live: $HARDEN_REALWORLD, else .cache/realworld at the repository root. */
export function corpusRoot(): string {
  return resolve(process.env.HARDEN_REALWORLD ?? join(HERE, '../../.cache/realworld'));
}

export function corpusDir(source: Source): string {
  return join(corpusRoot(), source.name);
}

/** The repository's files are there, extracted at its pinned commit. */
export function extracted(source: Source): boolean {
  const marker = join(corpusDir(source), 'SOURCE.md');
  return existsSync(marker) && readFileSync(marker, 'utf8').includes(source.commit);
}

/** A git directory of the repository under `mirrors`: <owner>+<repo>/repo, <owner>+<repo>, <repo>.git or <repo>. */
export function gitDirOf(mirrors: string, source: Source): string | undefined {
  const [owner, repo] = source.repository.split('/') as [string, string];
  const candidates = [join(mirrors, `${owner}+${repo}`, 'repo'), join(mirrors, `${owner}+${repo}`), join(mirrors, `${repo}.git`), join(mirrors, repo, '.git'), join(mirrors, repo)];
  return candidates.find((dir) => existsSync(join(dir, 'HEAD')));
}

/** Writes the infrastructure files of the pinned commit, its licence and a SOURCE.md into corpusDir. Returns the files taken. */
export function extract(source: Source, gitDir: string): string[] {
  const { take, licenceFile } = sourcesFile();
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pattern = new RegExp(take, 'i');
  const files = git('ls-tree', '-r', '--name-only', '-z', source.commit)
    .split('\0')
    .filter((path) => path && pattern.test(path));
  const dir = corpusDir(source);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const path of [...files, licenceFile]) {
    const target = join(dir, path);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, execFileSync('git', ['--git-dir', gitDir, 'show', `${source.commit}:${path}`], { maxBuffer: 64 << 20 }));
  }
  writeFileSync(join(dir, 'SOURCE.md'), sourceText(source, files.length, take));
  return files;
}

function sourceText(source: Source, count: number, take: string): string {
  return [
    `# ${source.name}`,
    '',
    `- repository: https://github.com/${source.repository}`,
    `- commit: ${source.commit} (${source.date})`,
    `- licence: ${source.licence} (LICENSE, copied from the repository)`,
    `- what: ${source.kind}`,
    `- taken: the ${count} files whose path matches \`${take}\` (case-insensitive); no application code, no images`,
    '',
  ].join('\n');
}
