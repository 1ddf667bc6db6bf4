import { manifestObjects } from '../k8s/manifest-targets.js';
import { textFilesOf } from '../repo/text-file.js';
import { scriptConfigMaps } from '../shell/kubectl-create-configmap.js';
import { defineIndex } from '../repo/shared-index.js';
import { asRecord } from '../yaml/read.js';
import { configFormatOf, entriesOfText, yamlEntries, type ConfigEntry } from './entries.js';

/**
 * Where a config is meant to run. `unmarked`: neither its path, its name nor an
 * `APP_ENV`-style setting says; a committed config with no environment is what
 * gets deployed, so checks treat it like production.
 */
export type ConfigEnvironment = 'production' | 'non-production' | 'unmarked';

/** The settings of one application config: a config file, or a ConfigMap's data. */
export interface ConfigSource {
  readonly file: string;
  /** `config/config.yaml`, or `ConfigMap honeydue/honeydue-config`. */
  readonly label: string;
  readonly environment: ConfigEnvironment;
  readonly entries: readonly ConfigEntry[];
  /**
   * Values are shell words evaluated at run time (a ConfigMap a script creates): an
   * interpolated password (`redis://:${REDIS_PASSWORD}@`) still ends up in the ConfigMap.
   */
  readonly computed?: boolean;
}

/** Config sources by file: every config file of `targets.configs`, every ConfigMap of the manifests, and ConfigMaps scripts create. */
export const configSourcesIndex = defineIndex<ReadonlyMap<string, readonly ConfigSource[]>>('config/sources', (workspace) => {
  const byFile = new Map<string, ConfigSource[]>();
  const add = (source: ConfigSource) => {
    const list = byFile.get(source.file);
    if (list) list.push(source);
    else byFile.set(source.file, [source]);
  };
  for (const object of manifestObjects(workspace)) {
    if (object.kind !== 'ConfigMap' || object.apiVersion !== 'v1') continue;
    const data = asRecord(object.data.data);
    if (!data) continue;
    const entries: ConfigEntry[] = [];
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
      const at = object.at(['data', key]);
      const line = at.kind === 'file' ? at.line : 1;
      const column = at.kind === 'file' ? at.column : 1;
      const format = typeof value === 'string' && value.includes('\n') ? configFormatOf(key) : undefined;
      // An embedded file (`app.properties: |`): its settings, counted from the line after the key.
      if (format) for (const entry of entriesOfText(value as string, format, line + 1)) entries.push({ ...entry, path: `${key}: ${entry.path}` });
      else entries.push({ key, path: key, value, line, column });
    }
    const label = `ConfigMap ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
    const names = [object.file, object.name, object.namespace ?? ''];
    add({ file: object.file, label, environment: environmentOf(names, entries), entries });
  }
  for (const script of textFilesOf(workspace, 'scripts')) {
    for (const configMap of scriptConfigMaps(script.text)) {
      const entries = configMap.literals.map((literal) => ({ key: literal.key, path: literal.key, value: literal.value, line: literal.line, column: 1 }));
      if (entries.length === 0) continue;
      const label = `ConfigMap ${configMap.namespace && !configMap.namespace.includes('$') ? `${configMap.namespace}/` : ''}${configMap.name} (created by the script)`;
      const names = [script.file, configMap.name, configMap.namespace ?? ''];
      add({ file: script.file, label, environment: environmentOf(names, entries), entries, computed: true });
    }
  }
  const notConfig = new Set([...workspace.files('compose'), ...workspace.files('workflows')]);
  for (const file of workspace.files('configs')) {
    const format = configFormatOf(file);
    if (!format || notConfig.has(file)) continue;
    let entries: ConfigEntry[];
    if (format === 'yaml') {
      // Kubernetes manifests among the config globs are read as objects (ConfigMaps above).
      const documents = workspace.yaml(file).documents.filter((document) => {
        const root = asRecord(document.data);
        return !(root && typeof root.apiVersion === 'string' && typeof root.kind === 'string');
      });
      entries = yamlEntries(documents);
    } else {
      const text = workspace.text(file, { binary: 'skip' });
      if (text === undefined) continue;
      entries = entriesOfText(text, format);
    }
    if (entries.length > 0) add({ file, label: file, environment: environmentOf([file], entries), entries });
  }
  return byFile;
});

const NON_PRODUCTION_WORDS = new Set([
  'dev', 'develop', 'development', 'test', 'tests', 'testing', 'local', 'example', 'examples', 'sample', 'samples',
  'demo', 'ci', 'e2e', 'mock', 'mocks', 'fixture', 'fixtures', 'template', 'dist', 'stub', 'qa',
]);
const PRODUCTION_WORDS = new Set(['prod', 'production', 'prd', 'live']);
const ENVIRONMENT_KEYS = new Set([
  'env', 'environment', 'app_env', 'node_env', 'rails_env', 'rack_env', 'flask_env', 'django_env', 'go_env', 'mix_env',
  'aspnetcore_environment', 'spring_profiles_active', 'stage', 'deploy_env', 'app_environment',
]);

/**
 * A setting under a non-production section of a config that holds several environments
 * (Rails `database.yml`: `development.password`, `test.password`).
 */
export function inNonProductionSection(entry: ConfigEntry): boolean {
  const first = /^[^.[\]]+/.exec(entry.path)?.[0];
  return first !== undefined && first !== entry.path && NON_PRODUCTION_WORDS.has(first.toLowerCase());
}

/**
 * Non-production words in the path or names win (`config/production.example.yaml` is an
 * example), then production words, then an environment setting near the top of the config.
 * A bare `.env` is the local file by convention (docker compose, dotenv).
 */
export function environmentOf(names: readonly string[], entries: readonly ConfigEntry[]): ConfigEnvironment {
  const words = names.flatMap((name) => name.toLowerCase().split(/[^a-z0-9]+/));
  if (words.some((word) => NON_PRODUCTION_WORDS.has(word))) return 'non-production';
  if (names[0]?.split('/').pop() === '.env') return 'non-production';
  if (words.some((word) => PRODUCTION_WORDS.has(word))) return 'production';
  for (const entry of entries) {
    if (!ENVIRONMENT_KEYS.has(entry.key.toLowerCase()) || entry.path.split('.').length > 2 || typeof entry.value !== 'string') continue;
    const value = entry.value.toLowerCase();
    if (NON_PRODUCTION_WORDS.has(value)) return 'non-production';
    if (PRODUCTION_WORDS.has(value)) return 'production';
  }
  return 'unmarked';
}
