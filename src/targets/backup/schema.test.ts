import { describe, expect, it } from 'vitest';
import { yaml } from '../../testing/dedent.js';
import { loadPlanText as load, planErrors as errorLines } from '../../testing/plans.js';

describe('backups: in the plan', () => {
  it('loads a set in S3, one in restic and one in a folder, with drills', () => {
    const { plan } = load(yaml`
      backups:
        - name: postgres-nightly
          s3: { bucket: backups, prefix: pg/, endpoint: "https://s3.eu-west-1.amazonaws.com", region: eu-west-1, accessKeyId: env:BACKUP_KEY_ID, secretAccessKey: env:BACKUP_SECRET }
          maxAge: 26h
          retention: 30d
          restoreDrill: 90d
          drills: [{ on: 2026-10-02, by: alice, note: "restored to staging, 41 min" }]
        - { name: files, restic: { repository: /srv/restic, password: file:restic.pass, tags: [files] }, maxAge: 2d }
        - { name: local, directory: /var/backups/pg, maxAge: 1w }
    `);
    expect(plan.backups.map((set) => [set.name, set.s3?.bucket ?? set.restic?.repository ?? set.directory, set.maxAge, set.drills.length])).toEqual([
      ['postgres-nightly', 'backups', '26h', 1],
      ['files', '/srv/restic', '2d', 0],
      ['local', '/var/backups/pg', '1w', 0],
    ]);
  });

  it('refuses, with file:line, a set in no place or two, an inline secret, a wrong duration or date, and a name used twice', () => {
    expect(
      errorLines(yaml`
        backups:
          - { name: a, maxAge: 26h }
          - { name: b, directory: /x, restic: { repository: /r, password: env:P }, maxAge: 26h }
          - { name: c, s3: { bucket: b, accessKeyId: AKIAIOSFODNN7EXAMPLE, secretAccessKey: env:S }, maxAge: 26h }
          - { name: d, s3: { bucket: b, accessKeyId: env:K }, maxAge: 26h }
          - { name: e, directory: /x, maxAge: nightly, drills: [{ on: 2026-02-30 }] }
          - { name: e, directory: /y, maxAge: 1d }
      `),
    ).toEqual([
      'harden.yaml:2:5: a backup set lives in one place: give exactly one of s3, restic, directory',
      'harden.yaml:3:5: a backup set lives in one place: give exactly one of s3, restic, directory',
      'harden.yaml:4:33: accessKeyId: secrets are references: env:VARIABLE or file:/path/to/secret, never the value itself',
      'harden.yaml:5:16: s3: give accessKeyId and secretAccessKey together, or neither (the SDK default chain)',
      'harden.yaml:6:31: maxAge: expected a duration: 26h, 30d, 2w',
      'harden.yaml:6:59: on: 2026-02-30 is not a date: February 2026 has 28 days',
      'harden.yaml:7:7: name: backup set "e" is named twice',
    ]);
  });
});
