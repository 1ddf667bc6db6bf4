import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../plan/load.js';
import { maxAgeOf, secretRecordSchema } from './schema.js';

const DAY = 86_400_000;
const load = (text: string) => () => parsePlan(text, 'harden.yaml', { catalog: new Map(), now: new Date('2026-12-01') });

describe('secrets: in the plan', () => {
  it('reads a rotation period per secret, else by severity, else the default', () => {
    const record = (entry: object) => secretRecordSchema.parse({ name: 'x', ...entry });
    expect(maxAgeOf(record({ maxAge: '30d', severity: 'critical' }))).toBe(30 * DAY);
    expect(maxAgeOf(record({ severity: 'critical' }))).toBe(90 * DAY);
    expect(maxAgeOf(record({ severity: 'high' }))).toBe(180 * DAY);
    expect(maxAgeOf(record({ severity: 'low' }))).toBe(365 * DAY);
    expect(maxAgeOf(record({ severity: 'low' }), { low: '2w', default: '60d' })).toBe(14 * DAY);
    expect(maxAgeOf(record({}), { default: '60d' })).toBe(60 * DAY);
  });

  it('refuses a period, a date or an evidence that is not one, at its line', () => {
    expect(load('secrets:\n  - name: db\n    maxAge: 90\n')).toThrow(/harden\.yaml:3:5: "maxAge" must be a string, found a number \(90\)/);
    expect(load('secrets:\n  - name: db\n    maxAge: 3 months\n')).toThrow(/harden\.yaml:3:.*"3 months" is not a duration/);
    expect(load('secrets:\n  - name: db\n    rotated: 2026-02-30\n')).toThrow(/harden\.yaml:3:5: rotated: 2026-02-30 is not a date: February 2026 has 28 days/);
    expect(load('secrets:\n  - { name: db, evidence: dumps/db.yaml }\n')).toThrow(/harden\.yaml:2:.*expected file:path/);
    expect(load('secrets:\n  - { name: db, lives: "k8s:prod/db/password" }\n')).toThrow(/harden\.yaml:2:.*expected k8s:namespace\/name or k8s:name/);
    expect(load('secrets:\n  - { name: db, value: hunter2 }\n')).toThrow(/harden\.yaml:2:.*value/);
  });
});
