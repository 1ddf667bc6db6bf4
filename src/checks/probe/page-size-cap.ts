import { runPageSizeCapProbe } from '../../targets/probe/page-size-cap.js';
import { defineCheck } from '../define.js';

export const pageSizeCap = defineCheck({
  id: 'probe/page-size-cap',
  title: 'A list endpoint caps the page size a client asks for',
  severity: 'medium',
  target: 'site',
  why:
    'A list endpoint that returns as many items as the query asks for (?limit=100000) lets one request read a whole table: it exhausts ' +
    'memory, database and bandwidth, and turns any read access into bulk extraction. This active probe runs only for sites whose plan ' +
    'entry sets probes.pageSizeCap: it sends one GET with the page-size parameter set to `ask` and passes when the response holds at ' +
    'most `max` items, or refuses the page with 400 or 422. When the page holds fewer items than the cap the collection may just be ' +
    'small: the evidence says so (point the probe at a collection larger than the cap to exercise it).',
  fix:
    'Clamp the page size server-side (limit = min(requested, 500)) or reject larger values with 400/422, in the pagination helper every ' +
    'list endpoint uses: e.g. Django REST framework `max_limit` / `max_page_size`, Spring Data `spring.data.web.pageable.max-page-size`, ' +
    'a `max` on the limit field of the request schema.',
  refs: ['OWASP API Security Top 10 2023 API4 Unrestricted Resource Consumption', 'CWE-770 Allocation of Resources Without Limits or Throttling'],
  messages: {
    uncapped: '{url}: asked for {ask} items per page, got {count} (the cap is {max})',
  },
  claims: [
    {
      about: 'list endpoints cap the page size',
      names: [
        ['page size*', 'cap*'],
        ['page size*', 'max*'],
        ['page size*', 'limit*'],
        ['pagesize', 'max*'],
        ['per_page', 'max*'],
        ['page size limit*'],
        ['pagination', 'cap*'],
        ['pagination', 'max*'],
        ['pagination', 'limit*'],
        ['list endpoint*', 'cap*'],
        ['list endpoint*', 'paginat*'],
        ['list endpoint*', 'uncapped'],
        ['page size*', 'any size'],
        ['pagination', 'any size'],
        ['unbounded', 'list*'],
        ['unbounded', 'quer*'],
      ],
    },
  ],
  async evaluate(site, ctx) {
    const config = site.config.probes.pageSizeCap;
    if (!config) {
      ctx.notApplicable();
      return;
    }
    const outcome = await runPageSizeCapProbe((path, init) => site.send(path, init), site.secret, config);
    if (outcome.kind === 'refused') {
      ctx.measured(`${outcome.path} answered ${outcome.status}: the page size is refused`);
      return;
    }
    const at = site.at(outcome.path);
    if (outcome.count > config.max) {
      ctx.fail(at, 'uncapped', { url: at.kind === 'url' ? at.url : outcome.path, ask: config.ask, count: outcome.count, max: config.max }, `${outcome.status}, items at ${outcome.at || '(the root)'}`);
      return;
    }
    const exercised = outcome.count === config.max ? 'the cap' : `fewer than the cap of ${config.max}: the collection may be smaller than the cap (not exercised)`;
    ctx.measured(`asked for ${config.ask}, got ${outcome.count} items: ${exercised}`);
  },
});
