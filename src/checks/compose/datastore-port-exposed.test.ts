import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { datastorePortExposed } from './datastore-port-exposed.js';

checkCases(datastorePortExposed, {
  pass: [
    yaml`
      services:
        postgres:
          image: postgres:16
          ports:
            - "127.0.0.1:5432:5432"
        redis:
          image: redis:7-alpine
          ports:
            - target: 6379
              published: "6379"
              host_ip: 127.0.0.1
        valkey:
          image: valkey/valkey:8
          ports:
            - "[::1]:6380:6379"`,
    {
      name: 'a datastore without published ports, reached over the compose network',
      input: yaml`
        services:
          db:
            image: docker.io/bitnami/postgresql:16
            expose: ["5432"]
          app:
            build: .
            ports: ["8080:8080"]`,
    },
    {
      name: 'interpolation: a loopback default is used, an address without default cannot be told',
      input: yaml`
        services:
          mysql:
            image: mysql:8.4
            ports:
              - "\${MYSQL_BIND:-127.0.0.1}:\${MYSQL_PORT:-3306}:3306"
          mongo:
            image: mongo:7
            ports:
              - "\${MONGO_BIND_IP}:27017:27017"`,
    },
    {
      name: 'a specific non-loopback address is a deliberate choice, not all interfaces',
      input: yaml`
        services:
          cache:
            image: memcached:1.6
            ports: ["10.0.0.5:11211:11211"]`,
    },
    {
      name: 'not a datastore, and odd shapes',
      input: yaml`
        services:
          web:
            image: nginx:1.27
            ports: ["80:80", "443:443"]
          worker:
            build: ./worker
          broken: "not a service"
          odd:
            image: redis
            ports: "6379:6379"
          odder:
            image: [redis]
            ports: [null, true, {}, { published: 80 }]`,
    },
  ],
  fail: [
    {
      name: 'short syntax on all interfaces, in every spelling',
      input: yaml`
        # local development stack
        services:
          postgres:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: postgres
            ports:
              - "5432:5432"
              - "0.0.0.0:5433:5432"
              - "[::]:5434:5432"
              - "5435"
              - 5436
              - "127.0.0.1:5437:5432/tcp"`,
      failures: [
        { messageId: 'allInterfaces', line: 8 },
        { messageId: 'allInterfaces', line: 9 },
        { messageId: 'allInterfaces', line: 10 },
        { messageId: 'allInterfaces', line: 11 },
        { messageId: 'allInterfaces', line: 12 },
      ],
    },
    {
      name: 'long syntax without host_ip or with 0.0.0.0; a registry with a port in the image',
      input: yaml`
        services:
          cache:
            image: registry.local:5000/mirror/redis:7
            ports:
              - target: 6379
                published: 6379
              - target: 6380
                host_ip: 0.0.0.0
                published: "6380"
                protocol: tcp
              - target: 6381
                host_ip: 127.0.0.1`,
      failures: [
        { messageId: 'allInterfaces', line: 5 },
        { messageId: 'allInterfaces', line: 7 },
      ],
    },
    {
      name: 'found by the well-known port when the image says nothing; ranges',
      input: yaml`
        services:
          db:
            build: ./db
            ports:
              - "3306:3306/tcp"
          legacy:
            image: acme/orders-store:2.1
            ports:
              - "8080:8080"
              - "27017-27019:27017-27019"`,
      failures: [
        { messageId: 'allInterfaces', line: 5 },
        { messageId: 'allInterfaces', line: 10 },
      ],
    },
    {
      name: 'a Vault dev server and a management UI of a datastore image',
      input: yaml`
        services:
          vault:
            image: hashicorp/vault:1.17
            command: server -dev -dev-listen-address=0.0.0.0:8200
            ports:
              - "8200:8200"
          rabbitmq:
            image: rabbitmq:3-management
            ports:
              - "127.0.0.1:5672:5672"
              - "15672:15672"`,
      failures: [
        { messageId: 'allInterfaces', line: 6 },
        { messageId: 'allInterfaces', line: 11 },
      ],
    },
    {
      name: 'host networking puts every listening port on the host',
      input: yaml`
        services:
          etcd:
            image: quay.io/coreos/etcd:v3.5.17
            network_mode: host`,
      failures: [{ messageId: 'hostNetwork', line: 4 }],
    },
    {
      name: 'a port published by the override, its host port a variable with a default',
      input: {
        'compose.yaml': 'services:\n  redis:\n    image: redis:7.4\n    command: redis-server --port 7000\n',
        'compose.override.yaml': '# local\nservices:\n  redis:\n    ports:\n      - "${REDIS_PORT:-6379}:6379"\n      - "7000:7000"\n',
      },
      failures: [
        { messageId: 'allInterfaces', line: 5 },
        { messageId: 'allInterfaces', line: 6 },
      ],
    },
  ],
});
