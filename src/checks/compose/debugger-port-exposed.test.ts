import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { debuggerPortExposed } from './debugger-port-exposed.js';

checkCases(debuggerPortExposed, {
  pass: [
    yaml`
      services:
        backend:
          build: ./backend
          command: nodemon src/index.js --inspect=0.0.0.0:9229
          ports:
            - "127.0.0.1:9229:9229"
            - 8080:8080
        n8n:
          image: n8nio/n8n:1.70.3
          ports:
            - "5678:5678"
        java:
          image: eclipse-temurin:21
          ports:
            - "5005:5005"`,
    {
      name: 'JDWP and debugpy on loopback, a variable host address',
      input: yaml`
        services:
          api:
            image: eclipse-temurin:21
            environment:
              JAVA_TOOL_OPTIONS: -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005
            ports:
              - "127.0.0.1:5005:5005"
          worker:
            image: python:3.13
            command: python -m debugpy --listen 0.0.0.0:5678 worker.py
            ports:
              - "\${BIND_IP}:5678:5678"`,
    },
  ],
  fail: [
    {
      name: 'awesome-compose react-express-mysql: the inspector port published, started from package.json',
      input: yaml`
        services:
          backend:
            build:
              context: backend
              target: development
            ports:
              - 80:80
              - 9229:9229
              - 9230:9230`,
      failures: [{ messageId: 'debuggerPort', line: 8 }],
    },
    {
      name: 'ports the debugger command names: the inspector, JDWP in JAVA_TOOL_OPTIONS, debugpy, Delve',
      input: yaml`
        services:
          web:
            image: node:22
            command: ["node", "--inspect-brk=0.0.0.0:9339", "server.js"]
            ports:
              - "9339:9339"
          api:
            image: eclipse-temurin:21
            environment:
              - JAVA_TOOL_OPTIONS=-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:8000
            ports:
              - "8000:8000"
          worker:
            image: python:3.13
            command: python -m debugpy --listen 0.0.0.0:5678 worker.py
            ports:
              - "5678:5678"
          go:
            build: .
            command: dlv exec /app --headless --listen=:2345 --api-version=2
            ports:
              - target: 2345
                published: 2345`,
      failures: [
        { messageId: 'debuggerPort', line: 6 },
        { messageId: 'debuggerPort', line: 12 },
        { messageId: 'debuggerPort', line: 17 },
        { messageId: 'debuggerPort', line: 22 },
      ],
    },
  ],
});
