// The floor a scan is measured against: walk a tree, read every YAML file and parse each of its
// documents into plain data with the `yaml` library harden uses, keeping nothing. Plain node,
// no TypeScript loader, so its time and peak RSS compare with the compiled CLI's.
// Usage: node bench/_parse-only.mjs DIR   (prints the number of documents)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const EXCLUDED = new Set(['node_modules', '.git', 'vendor', '.harden']);

/** @param {string} dir */
function walk(dir) {
  let documents = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!EXCLUDED.has(entry.name)) documents += walk(path);
    } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
      for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
        document.toJS();
        documents += 1;
      }
    }
  }
  return documents;
}

console.log(walk(process.argv[2] ?? '.'));
