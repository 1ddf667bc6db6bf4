import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PLAN_SCHEMA_FILE, planJsonSchemaText } from './json-schema.js';

describe('plan JSON Schema', () => {
  it('is committed exactly as scripts/write-schemas.ts generates it', () => {
    const committed = readFileSync(fileURLToPath(new URL(`../../${PLAN_SCHEMA_FILE}`, import.meta.url)), 'utf8');
    expect(committed).toBe(planJsonSchemaText());
  });
});
