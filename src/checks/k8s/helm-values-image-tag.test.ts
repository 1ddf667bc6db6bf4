import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { helmValuesImageTag } from './helm-values-image-tag.js';

const DIGEST = 'sha256:0284f0b136443c05db0691d390e677652053116d2b1ae3753138fcf68fbeac76';

/**
 * A chart around its values file: only a folder with Chart.yaml and templates/ is a chart (a NOTES.txt
 * template, as a YAML one would add the chart's skipped note to the results).
 */
const chart = (values: string, appVersion = '"1.4.2"') => ({
  'chart/Chart.yaml': `apiVersion: v2\nname: shop\nversion: 0.1.0\nappVersion: ${appVersion}\n`,
  'chart/templates/NOTES.txt': 'image {{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}\n',
  'chart/values.yaml': values,
});

checkCases(helmValuesImageTag, {
  pass: [
    {
      name: 'a version tag, a digest (or sha) beside latest, an empty tag that falls back on a versioned appVersion (microservices-demo), a component switched off',
      input: chart(yaml`
        image:
          repository: ghcr.io/acme/api
          tag: 1.4.2
        redis:
          image:
            registry: docker.io
            repository: bitnami/redis
            tag: latest
            digest: ${DIGEST}
        images:
          repository: us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo
          tag: ""
        permissionInitContainer:
          image:
            registry: quay.io
            repository: prometheus/busybox
            tag: latest
            sha: ${DIGEST}
        metrics:
          enabled: false
          image:
            repository: bitnami/exporter
            tag: latest`),
    },
    {
      name: 'an untagged reference (the template may append a tag), a templated tag, a repository outside an image key',
      input: chart(yaml`
        busybox:
          image: busybox
        image:
          repository: ghcr.io/acme/api
          tag: "{{ .Chart.AppVersion }}"
        git:
          repository: https://github.com/acme/site
          tag: latest`),
    },
    {
      name: 'a values.yaml outside a chart is not a chart default',
      input: { 'deploy/values.yaml': 'image:\n  repository: nginx\n  tag: latest\n' },
    },
    {
      name: 'an empty tag when the chart has no appVersion: what renders is unknown',
      input: {
        'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
        'chart/templates/NOTES.txt': 'Installed.\n',
        'chart/values.yaml': 'image:\n  repository: nginx\n',
      },
    },
  ],
  fail: [
    {
      name: 'the tag latest, at the top and per component, in values.yaml and values-prod.yaml',
      input: {
        ...chart(yaml`
          image:
            repository: ghcr.io/acme/api
            tag: latest
          worker:
            initImage:
              repository: busybox
              tag: Latest`),
        'chart/values-prod.yaml': 'image:\n  repository: ghcr.io/acme/api\n  tag: latest\n',
      },
      failures: [
        { messageId: 'latestTag', line: 3 },
        { messageId: 'latestTag', line: 3 },
        { messageId: 'latestTag', line: 7 },
      ],
    },
    {
      name: 'an empty tag when the chart appVersion is latest, and a whole reference by :latest',
      input: chart(
        yaml`
          image:
            repository: ghcr.io/acme/api
            tag: ""
          sidecar:
            image: "docker.io/library/nginx:latest"`,
        'latest',
      ),
      failures: [
        { messageId: 'latestAppVersion', line: 3 },
        { messageId: 'latestReference', line: 5 },
      ],
    },
  ],
});
