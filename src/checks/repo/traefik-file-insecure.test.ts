import { checkCases } from '../../testing/check-cases.js';
import { text } from '../../testing/dedent.js';
import { traefikFileInsecure } from './traefik-file-insecure.js';

checkCases(traefikFileInsecure, {
  pass: [
    {
      name: 'a dashboard behind a router, a transport with its CA, a compose file and a manifest that look alike',
      input: {
        'appdata/traefik3/traefik.yml': text`
          entryPoints:
            websecure:
              address: ":443"
          api:
            dashboard: true
          providers:
            file:
              directory: /rules`,
        'appdata/traefik3/rules/transports.yml': text`
          http:
            serversTransports:
              pve:
                serverName: pve.lan
                rootCAs:
                  - /certs/pve-ca.pem`,
        'k8s/transport.yaml': text`
          apiVersion: traefik.io/v1alpha1
          kind: ServersTransport
          metadata:
            name: pve
          spec:
            insecureSkipVerify: true`,
      },
    },
  ],
  fail: [
    {
      name: 'insecure API, skip-verify in the static and the dynamic configuration (templated rule, docker-traefik)',
      input: {
        'traefik/traefik.yml': text`
          api:
            dashboard: true
            insecure: true
          serversTransport:
            insecureSkipVerify: true
          entryPoints:
            web:
              address: ":80"`,
        'appdata/traefik3/rules/hs/app-proxmox.yml': text`
          http:
            routers:
              proxmox-rtr:
                rule: "Host(\`pve.{{env "DOMAINNAME_HS"}}\`)"
                service: proxmox-svc
                tls:
                  certResolver: dns-cloudflare
            services:
              proxmox-svc:
                loadBalancer:
                  serversTransport: pve
                  servers:
                    - url: "https://192.168.1.100:8006/"
            serversTransports:
              pve:
                insecureSkipVerify: true`,
      },
      failures: [
        { messageId: 'skipVerify', line: 16, column: 7 },
        { messageId: 'apiInsecure', line: 3, column: 3 },
        { messageId: 'skipVerify', line: 5, column: 3 },
      ],
    },
  ],
});
