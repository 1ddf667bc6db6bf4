// Writes the JSON Schemas of harden's machine-readable outputs into schema/.
// Run after changing src/report/json-shape.ts: npx tsx scripts/write-schemas.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REPORT_SCHEMA_FILE, reportJsonSchemaText } from '../src/report/json-shape.js';

const schemas: [file: string, text: () => string][] = [[REPORT_SCHEMA_FILE, reportJsonSchemaText]];

for (const [file, text] of schemas) {
  writeFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), text());
  console.log(`wrote ${file}`);
}
