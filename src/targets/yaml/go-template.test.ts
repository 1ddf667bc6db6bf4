import { describe, expect, it } from 'vitest';
import { yaml } from '../../testing/dedent.js';
import { goTemplateLine } from './go-template.js';

describe('goTemplateLine', () => {
  it('finds template actions in the YAML structure: a value, a line, an unquoted value, a list item', () => {
    expect(goTemplateLine('kind: Service\nspec:\n  selector:\n    app: {{ include "chart.name" . }}\n')).toBe(4);
    expect(goTemplateLine('{{- if .Values.enabled }}\napiVersion: v1\n')).toBe(1);
    expect(goTemplateLine('metadata:\n  name: etcd-{{cell}}\n')).toBe(2);
    expect(goTemplateLine('http:\n  routers:\n    r:\n      rule: Host(`traefik.{{env "DOMAINNAME"}}`)\n')).toBe(4);
    expect(goTemplateLine('args:\n  - {{ .Values.arg }}\n')).toBe(2);
  });

  it('leaves alone actions that are data: quoted or block scalars, comments, GitHub Actions expressions, flow maps', () => {
    const data = yaml`
      annotations:
        summary: "{{ $labels.pod }} is down"
        other: '{{ x }}'
      description: |
        {{ $labels.instance }} has been down for 5 minutes
      folded: >-
        {{ y }}
      run: echo \${{ github.sha }}
      if: \${{ always() }}
      # {{ a comment }}
      selector: { app: web }
      list: [ {a: b} ]
    `;
    expect(goTemplateLine(data)).toBeUndefined();
  });

  it('finds a quoted value cut short by the quotes of its action', () => {
    expect(goTemplateLine('forwardAuth:\n  address: "https://auth.{{env "DOMAINNAME"}}"\n')).toBe(2);
    expect(goTemplateLine("title: '{{ template \"slack.title\" . }}'\n")).toBeUndefined();
  });

  it('leaves alone prose with actions: the descriptions of alerting rules (kube-prometheus PrometheusRule)', () => {
    const rule = yaml`
      - alert: PrometheusBadConfig
        annotations:
          description: Prometheus {{$labels.namespace}}/{{$labels.pod}} has failed to reload its configuration.
          summary: Failed Prometheus configuration reload.
    `;
    expect(goTemplateLine(rule)).toBeUndefined();
  });
});
