import { runUnknownFieldsProbe } from '../../targets/probe/unknown-fields.js';
import { defineCheck } from '../define.js';

export const unknownFields = defineCheck({
  id: 'probe/unknown-fields',
  title: 'A write with an unknown field is rejected',
  severity: 'medium',
  target: 'site',
  why:
    'An API that silently accepts fields it does not know binds whatever a client sends: an extra "role", "isAdmin", "price" or ' +
    '"ownerId" that happens to be a column is mass assignment, and an ignored typo hides client bugs. This active probe WRITES and ' +
    'runs only for sites whose plan entry sets probes.unknownFieldsRejected, on the endpoint it names (name a validation-only endpoint, ' +
    'a dry run or a test tenant). It sends the valid body with one extra field first: accepted (2xx/3xx) fails, and nothing else is ' +
    'sent. Refused with an expected status (400/422), the plain body follows once: accepted, the refusal was the field\'s (pass); ' +
    'refused too, the probe cannot tell (error). At most one write succeeds either way.',
  fix:
    'Validate request bodies against a closed schema: JSON Schema `additionalProperties: false`, zod `.strict()`, Pydantic ' +
    '`extra="forbid"`, Jackson `FAIL_ON_UNKNOWN_PROPERTIES`, class-validator `forbidNonWhitelisted: true`; and bind only the fields each ' +
    'endpoint allows.',
  refs: ['OWASP API Security Top 10 2023 API3 Broken Object Property Level Authorization', 'CWE-915 Improperly Controlled Modification of Dynamically-Determined Object Attributes', 'OWASP Mass Assignment Cheat Sheet'],
  messages: {
    accepted: '{url}: {method} with the unknown field "{field}" answered {status}: unknown fields are accepted',
  },
  claims: [
    {
      about: 'unknown fields are rejected',
      names: [
        ['unknown field*', 'reject*'],
        ['unknown field*', 'drop*'],
        ['unknown field*', 'ignor*'],
        ['unknown field*', 'accept*'],
        ['unknown field*', 'silently'],
        ['unknown propert*', 'reject*'],
        ['extra field*', 'reject*'],
        ['additionalProperties'],
        ['mass assignment'],
        ['strict schema*', 'request*'],
        ['strict validation', 'request*'],
        ['forbidNonWhitelisted'],
      ],
    },
  ],
  async evaluate(site, ctx) {
    const config = site.config.probes.unknownFieldsRejected;
    if (!config) {
      ctx.notApplicable();
      return;
    }
    const outcome = await runUnknownFieldsProbe((path, init) => site.send(path, init), site.secret, config);
    const at = site.at(config.path);
    const url = at.kind === 'url' ? at.url : config.path;
    if (outcome.plainStatus === undefined) {
      if (outcome.extraStatus >= 400) throw new Error(`${url}: the write with an unknown field answered ${outcome.extraStatus}, not ${config.expectStatus.join('/')}: check the probe's headers and body, or add the status to expectStatus`);
      ctx.fail(at, 'accepted', { url, method: config.method, field: config.field, status: outcome.extraStatus }, 'the plain body was not sent');
      return;
    }
    if (outcome.plainStatus >= 400) throw new Error(`${url}: the plain body is refused too (${outcome.plainStatus}; ${outcome.extraStatus} with the unknown field): the probe cannot tell the field's refusal apart, check its headers and body`);
    ctx.measured(`${outcome.extraStatus} with the unknown field "${config.field}", ${outcome.plainStatus} without`);
  },
});
