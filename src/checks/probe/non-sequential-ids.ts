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
    `integer ("ORD-1001"), and neighbouring ids are a median of fewer than ${MAX_GAP} apart: counting from a known id finds another ` +
    'object at least that often (more often when the sequence is shared by all tenants: the page shows one share of it). UUIDs, ' +
    'ULIDs, random strings and random 32- or 64-bit integers pass; so do Snowflake-style ids, whose neighbours are millions apart.',
  fix:
    'Expose random identifiers (UUIDv4 or UUIDv7, ULID, or a random public id column) in URLs and responses and keep the integer ' +
    'primary key internal; and check authorization on every object access, whatever the id.',
  refs: ['OWASP API Security Top 10 2023 API1 Broken Object Level Authorization', 'CWE-639 Authorization Bypass Through User-Controlled Key', 'OWASP WSTG-ATHZ-04 Testing for Insecure Direct Object References'],
  messages: {
    sequential: '{url}: the {count} ids are counter values ({first} to {last}, a median {gap} apart): objects are found by counting',
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
      { url: at.kind === 'url' ? at.url : config.path, count: verdict.count, first: verdict.first, last: verdict.last, gap: String(verdict.medianGap) },
    );
  },
});
