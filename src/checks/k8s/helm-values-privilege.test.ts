import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { helmValuesPrivilege } from './helm-values-privilege.js';

/** A chart around its values file (a NOTES.txt template: a YAML one would add the chart's skipped note). */
const chart = (values: string) => ({
  'chart/Chart.yaml': 'apiVersion: v2\nname: agent\nversion: 0.1.0\n',
  'chart/templates/NOTES.txt': 'Installed {{ .Chart.Name }}.\n',
  'chart/values.yaml': values,
});

checkCases(helmValuesPrivilege, {
  pass: [
    {
      name: 'the helm create scaffold: empty contexts, commented-out settings (podinfo)',
      input: chart(yaml`
        podSecurityContext: {}
          # fsGroup: 2000
        securityContext: {}
          # capabilities:
          #   drop:
          #   - ALL
          # runAsNonRoot: true
          # runAsUser: 1000
        service:
          type: ClusterIP`),
    },
    {
      name: 'least privilege set, a flag named after securityContext (microservices-demo), a context and a component Bitnami leaves disabled',
      input: chart(yaml`
        securityContext:
          enable: true
        podSecurityContext:
          runAsNonRoot: true
          runAsUser: 1001
        containerSecurityContext:
          allowPrivilegeEscalation: false
          privileged: false
          capabilities:
            drop: [ALL]
            add: [NET_BIND_SERVICE]
        metrics:
          containerSecurityContext:
            enabled: false
            runAsUser: 0
        volumePermissions:
          enabled: false
          containerSecurityContext:
            runAsUser: 0
          hostNetwork: true
        hostNetwork: false
        hostPID: "true"`),
    },
    {
      name: 'privileged outside a security context is a chart flag whose meaning the templates decide',
      input: chart('agent:\n  privileged: true\n  runAsUser: 0\n'),
    },
    {
      name: 'a values.yaml outside a chart is not a chart default',
      input: { 'deploy/values.yaml': 'securityContext:\n  privileged: true\nhostNetwork: true\n' },
    },
  ],
  fail: [
    {
      name: 'privilege granted by the defaults of the chart and of a component, in a list of extra containers; privileged and root as the user once, not also as escalation and root allowed',
      input: chart(yaml`
        hostNetwork: true
        podSecurityContext:
          runAsNonRoot: false
          runAsUser: 0
        containerSecurityContext:
          enabled: true
          privileged: true
          allowPrivilegeEscalation: true
          capabilities:
            add: ["NET_BIND_SERVICE", "cap_sys_admin", NET_ADMIN]
        exporter:
          enabled: true
          hostPID: true
          extraContainers:
            - name: debug
              securityContext:
                runAsNonRoot: false
                allowPrivilegeEscalation: true
                capabilities:
                  add: [ALL]`),
      failures: [
        { messageId: 'hostNamespace', line: 1 },
        { messageId: 'rootUser', line: 4 },
        { messageId: 'privileged', line: 7 },
        { messageId: 'dangerousCapability', line: 10 },
        { messageId: 'dangerousCapability', line: 10 },
        { messageId: 'hostNamespace', line: 13 },
        { messageId: 'runAsNonRootOff', line: 17 },
        { messageId: 'privilegeEscalation', line: 18 },
        { messageId: 'dangerousCapability', line: 20 },
      ],
    },
  ],
});
