import { environmentOf } from '../../targets/compose/environment.js';
import { defineCheck } from '../define.js';

const ENABLED = /^(true|1|yes|on)$/i;

export const grafanaAnonymousAdmin = defineCheck({
  id: 'compose/grafana-anonymous-admin',
  title: 'Grafana does not give anonymous visitors the Admin or Editor role',
  severity: 'high',
  target: 'compose-service',
  why:
    'With anonymous access on, everyone who reaches Grafana is signed in with the anonymous role, without a login. As ' +
    'Admin they add users and API keys, change data sources (and the credentials Grafana holds for them), and run ' +
    'any query on every data source; as Editor they still query every data source and change every dashboard. Quick ' +
    'starts set GF_AUTH_ANONYMOUS_ORG_ROLE=Admin to skip the login page, and the file then reaches a server.',
  fix: [
    'Give anonymous visitors the Viewer role (or turn anonymous access off) and sign in as the admin you set up:',
    '',
    '    environment:',
    '      - GF_AUTH_ANONYMOUS_ENABLED=true',
    '      - GF_AUTH_ANONYMOUS_ORG_ROLE=Viewer',
    '      - GF_SECURITY_ADMIN_PASSWORD__FILE=/run/secrets/grafana_admin',
  ].join('\n'),
  refs: [
    'Grafana documentation, Configure anonymous access: org_role',
    'OWASP Top 10 2021 A01 (broken access control)',
    'CWE-306: Missing authentication for critical function',
  ],
  messages: {
    anonymousRole: 'service "{service}" signs every visitor in to Grafana as {role} (GF_AUTH_ANONYMOUS_ENABLED with GF_AUTH_ANONYMOUS_ORG_ROLE={role})',
    anonymousEditor: {
      text: 'service "{service}" lets every visitor edit Grafana dashboards and query its data sources (GF_AUTH_ANONYMOUS_ORG_ROLE={role})',
      severity: 'medium',
    },
  },
  claims: [
    {
      about: 'no anonymous Grafana admin', risk: true,
      names: [['Grafana', 'anonymous*'], 'GF_AUTH_ANONYMOUS_ENABLED', 'GF_AUTH_ANONYMOUS_ORG_ROLE'],
    },
  ],
  evaluate(service, ctx) {
    const environment = environmentOf(service);
    const enabled = environment.find((variable) => variable.name === 'GF_AUTH_ANONYMOUS_ENABLED');
    const role = environment.find((variable) => variable.name === 'GF_AUTH_ANONYMOUS_ORG_ROLE');
    if (!enabled || !ENABLED.test(enabled.value?.trim() ?? '')) return ctx.notApplicable();
    const name = role?.value?.trim() ?? '';
    const data = { service: service.name, role: name };
    if (/^admin$/i.test(name)) ctx.fail(service.at(role!.path), 'anonymousRole', data);
    else if (/^editor$/i.test(name)) ctx.fail(service.at(role!.path), 'anonymousEditor', data);
  },
});
