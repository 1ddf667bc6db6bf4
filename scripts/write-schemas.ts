// Writes the JSON Schemas of harden's machine-readable outputs into schema/.
// Run after changing src/report/json-shape.ts or the plan's schema: npx tsx scripts/write-schemas.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PLAN_SCHEMA_FILE, planJsonSchemaText } from '../src/plan/json-schema.js';
import { REPORT_SCHEMA_FILE, reportJsonSchemaText } from '../src/report/json-shape.js';

const schemas: [file: string, text: () => string][] = [
  [REPORT_SCHEMA_FILE, reportJsonSchemaText],
  [PLAN_SCHEMA_FILE, planJsonSchemaText],
];

for (const [file, text] of schemas) {
  writeFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), text());
  console.log(`wrote ${file}`);
}
