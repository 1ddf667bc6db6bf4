import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { grafanaAnonymousAdmin } from './grafana-anonymous-admin.js';

checkCases(grafanaAnonymousAdmin, {
  pass: [
    yaml`
      services:
        public-dashboards:
          image: grafana/grafana:11.4.0
          environment:
            GF_AUTH_ANONYMOUS_ENABLED: "true"
            GF_AUTH_ANONYMOUS_ORG_ROLE: Viewer
        closed:
          image: grafana/grafana:11.4.0
          environment:
            - GF_AUTH_ANONYMOUS_ENABLED=false
            - GF_AUTH_ANONYMOUS_ORG_ROLE=Admin
        unknown:
          image: grafana/grafana:11.4.0
          environment:
            - GF_AUTH_ANONYMOUS_ENABLED=true
            - GF_AUTH_ANONYMOUS_ORG_ROLE=\${GRAFANA_ROLE}`,
  ],
  fail: [
    {
      name: 'podinfo otel/docker-compose.yaml: anonymous Admin; Editor as the default of a variable',
      input: {
        'otel/docker-compose.yaml': yaml`
          services:
            grafana:
              image: grafana/grafana:10.4.0
              ports:
                - "3000:3000"
              environment:
                - GF_AUTH_ANONYMOUS_ENABLED=true
                - GF_AUTH_ANONYMOUS_ORG_ROLE=Admin
            grafana2:
              image: grafana/grafana:10.4.0
              environment:
                GF_AUTH_ANONYMOUS_ENABLED: true
                GF_AUTH_ANONYMOUS_ORG_ROLE: \${ROLE:-Editor}`,
      },
      failures: [
        { messageId: 'anonymousRole', line: 8 },
        { messageId: 'anonymousEditor', line: 13 },
      ],
    },
  ],
});
