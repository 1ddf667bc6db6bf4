/**
 * Files that are tests, examples, demos or documentation: a credential there is most often a
 * fixture or a sample, still reported (a real one gets pasted into a README too) but at a lower
 * severity, which the message says.
 */
export type SampleArea = 'test' | 'example' | 'demo' | 'docs';

const FOLDERS: ReadonlyMap<string, SampleArea> = new Map([
  ...['test', 'tests', '__tests__', 'spec', 'specs', 'testdata', 'test-data', 'test_data', 'fixtures', '__fixtures__', '__mocks__', 'mocks', 'e2e'].map((name) => [name, 'test'] as const),
  ...['example', 'examples', 'sample', 'samples', 'quickstart', 'quickstarts', 'tutorial', 'tutorials'].map((name) => [name, 'example'] as const),
  ...['demo', 'demos'].map((name) => [name, 'demo'] as const),
  ...['doc', 'docs', 'documentation'].map((name) => [name, 'docs'] as const),
]);

/** `README.md`, `*.md`, `*.rst`, `*.adoc`: prose. */
const DOC_FILE = /(?:^readme(?:\.[\w-]+)?$|\.(?:md|markdown|mdx|rst|adoc)$)/i;
/** `foo_test.go`, `foo.test.ts`, `foo.spec.js`, `test_foo.py`, `conftest.py`. */
const TEST_FILE = /(?:[._-](?:test|tests|spec)\.[a-z0-9]+$|^test_[\w-]+\.py$|^conftest\.py$)/i;

/** The kind of sample area a repository path lies in, if any. */
export function sampleAreaOf(path: string): SampleArea | undefined {
  const parts = path.split(/[\\/]/);
  const name = parts.pop() ?? '';
  for (const part of parts) {
    const area = FOLDERS.get(part.toLowerCase());
    if (area) return area;
  }
  if (TEST_FILE.test(name)) return 'test';
  if (DOC_FILE.test(name)) return 'docs';
  return undefined;
}
