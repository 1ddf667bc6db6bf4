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
        'appdata/traefik3/rules/routers.yml': text`
          http:
            routers:
              secure:
                rule: "Host(\`a.example.com\`)"
                entryPoints: [websecure]
                service: a
              redirected:
                rule: "Host(\`b.example.com\`)"
                entryPoints: [web]
                service: b
              unknown:
                rule: "Host(\`c.example.com\`)"
                entryPoints: [lan]
                service: c
              tls:
                rule: "Host(\`d.example.com\`)"
                service: d
                tls: {}`,
        'appdata/traefik3/compose.yml': text`
          services:
            traefik:
              image: traefik:v3.1
              command:
                - --entrypoints.web.address=:80
                - --entrypoints.web.http.redirections.entrypoint.to=websecure
                - --entrypoints.websecure.address=:443
                - --entrypoints.websecure.http.tls.certresolver=le`,
        'k8s/transport.yaml': text`
          apiVersion: traefik.io/v1alpha1
          kind: ServersTransport
          metadata:
            name: pve
          spec:
            insecureSkipVerify: true`,
      },
    },
    {
      name: 'TOML: Traefik v1 with auth on the API entry point, v2 routers with tls, an application config with an [api] table',
      input: {
        'traefik1/traefik.toml': text`
          defaultEntryPoints = ["https", "http"]
          [api]
            entryPoint = "traefik"
            dashboard = true
          [entryPoints]
            [entryPoints.traefik]
            address = ":8080"
              [entryPoints.traefik.auth.basic]
              usersFile = "/shared/.htpasswd"`,
        'traefik/rules/app.toml': text`
          [http.routers.app]
            rule = "Host(\`app.example.com\`)"
            entryPoints = ["web"]
            service = "app"
            [http.routers.app.tls]
              certResolver = "le"`,
        'config/app.toml': text`
          [api]
          port = 8080
          insecure = true`,
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
    {
      name: 'a router on an entry point that neither defaults to TLS nor redirects (static configuration file)',
      input: {
        'traefik/traefik.yml': text`
          entryPoints:
            web:
              address: ":80"
            websecure:
              address: ":443"
              http:
                tls: {}`,
        'traefik/rules/grafana.yml': text`
          http:
            routers:
              grafana:
                rule: "Host(\`grafana.example.com\`)"
                entryPoints: [web]
                service: grafana
              grafana-secure:
                rule: "Host(\`grafana.example.com\`)"
                entryPoints: [websecure]
                service: grafana`,
      },
      failures: [{ messageId: 'routerPlainHttp', line: 3, column: 5 }],
    },
    {
      name: 'TOML v2/v3: insecure API, skip-verify in the static and dynamic transports and a provider, a router served over plain HTTP',
      input: {
        'traefik/traefik.toml': text`
          [entryPoints.web]
            address = ":80"
          [api]
            insecure = true
          [serversTransport]
            insecureSkipVerify = true
          [providers.docker.tls]
            insecureSkipVerify = true`,
        'traefik/rules/app.toml': text`
          [http.routers.app]
            rule = "Host(\`app.example.com\`)"
            entryPoints = ["web"]
            service = "app"

          [http.serversTransports.pve]
            serverName = "pve.lan"
            insecureSkipVerify = true`,
      },
      failures: [
        { messageId: 'routerPlainHttp', line: 1, column: 1 },
        { messageId: 'skipVerify', line: 8, column: 3 },
        { messageId: 'apiInsecure', line: 4, column: 3 },
        { messageId: 'skipVerify', line: 6, column: 3 },
        { messageId: 'skipVerify', line: 8, column: 3 },
      ],
    },
    {
      name: 'TOML Traefik v1 (docker-traefik archives): top-level InsecureSkipVerify, [api] on an entry point without auth',
      input: {
        'traefik1/traefik.toml': text`
          #debug = true
          logLevel = "INFO"
          InsecureSkipVerify = true
          defaultEntryPoints = ["https", "http"]

          [api]
            entryPoint = "traefik"
            dashboard = true
            debug = false
            address = ":8080"

          [entryPoints]
            [entryPoints.http]
            address = ":80"
              [entryPoints.http.redirect]
              entryPoint = "https"
            [entryPoints.https]
            address = ":443"
              [entryPoints.https.tls]

          [file]
            directory = "/etc/traefik/rules/"
            watch = true`,
      },
      failures: [
        { messageId: 'skipVerify', line: 3, column: 1 },
        { messageId: 'apiV1', line: 6, column: 1 },
      ],
    },
  ],
});
