import { z } from 'zod';
import { planSchema } from './schema.js';

/**
 * The plan's JSON Schema (what a user may write, defaults optional), for editors
 * (`# yaml-language-server: $schema=…`) and to hold the schema still across refactors.
 * `npx tsx scripts/write-schemas.ts` writes PLAN_SCHEMA_FILE from this.
 */
export const PLAN_SCHEMA_FILE = 'schema/harden-plan.v1.json';
export const PLAN_SCHEMA_ID = 'https://harden.dev/schema/harden-plan.v1.json';

export function planJsonSchemaText(): string {
  const { $schema, ...rest } = z.toJSONSchema(planSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ $schema, $id: PLAN_SCHEMA_ID, ...rest }, null, 2)}\n`;
}
