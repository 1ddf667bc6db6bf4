import { MAX_GAP, runIdsProbe } from '../../targets/probe/sequential-ids.js';
import { defineCheck } from '../define.js';

export const nonSequentialIds = defineCheck({
  id: 'probe/non-sequential-ids',
  title: 'The ids a list endpoint returns are not small consecutive integers',
  severity: 'low',
  target: 'site',
  why:
    'Consecutive ids (1, 2, 3…) tell anyone the size and growth of a collection and make every object one guess away: a single missing ' +
    'authorization check on /items/{id} becomes a walk through all of them (BOLA/IDOR). This probe runs only for sites whose plan entry ' +
    'sets probes.idsNotSequential: it reads one page of the list and fails when every id is an integer, or one shared prefix and an ' +
    `integer ("ORD-1001"), and the ids are dense: at least one in ${MAX_GAP} of the integers between the smallest and the largest is an ` +
    'id on this page alone. UUIDs, ULIDs, random strings and sparse random integers pass. Time-ordered ids with a random part (UUIDv7, ' +
    'ULID, Snowflake) pass too: they are not enumerable by counting.',
  fix:
    'Expose random identifiers (UUIDv4 or UUIDv7, ULID, or a random public id column) in URLs and responses and keep the integer ' +
    'primary key internal; and check authorization on every object access, whatever the id.',
  refs: ['OWASP API Security Top 10 2023 API1 Broken Object Level Authorization', 'CWE-639 Authorization Bypass Through User-Controlled Key', 'OWASP WSTG-ATHZ-04 Testing for Insecure Direct Object References'],
  messages: {
    sequential: '{url}: the {count} ids are consecutive integers ({first} to {last}): objects are enumerable by counting',
  },
  claims: [
    {
      about: 'ids are not sequential integers',
      names: [
        ['sequential', 'ids'],
        ['sequential', 'id'],
        ['sequential', 'identifier*'],
        ['sequential integer*'],
        ['incremental', 'ids'],
        ['incrementing', 'ids'],
        ['auto-increment*', 'ids'],
        ['auto-increment*', 'id'],
        ['autoincrement*', 'ids'],
        ['enumerable', 'ids'],
        ['guessable', 'ids'],
        ['predictable', 'ids'],
        ['UUIDs', 'instead of', 'ids'],
        ['UUIDs', 'instead of', 'integer*'],
        ['non-sequential', 'ids'],
        ['non-sequential', 'id'],
        ['IDOR'],
      ],
    },
  ],
  async evaluate(site, ctx) {
    const config = site.config.probes.idsNotSequential;
    if (!config) {
      ctx.notApplicable();
      return;
    }
    const verdict = await runIdsProbe((path, init) => site.send(path, init), site.secret, config);
    if (!verdict.sequential) {
      ctx.measured(`${verdict.count} ids: ${verdict.why}`);
      return;
    }
    const at = site.at(config.path);
    ctx.fail(
      at,
      'sequential',
      { url: at.kind === 'url' ? at.url : config.path, count: verdict.count, first: verdict.first, last: verdict.last },
      `${Math.round(verdict.density * 100)}% of the integers in that range are ids on one page`,
    );
  },
});
