import { checkCases } from '../../testing/check-cases.js';
import { adminServiceOnAllInterfaces } from './admin-service-on-all-interfaces.js';

checkCases(adminServiceOnAllInterfaces, {
  pass: [
    {
      name: 'loopback binds, protected services, an app server on 0.0.0.0, and a message',
      input: [
        'kubectl port-forward svc/grafana 3000:80 &',
        'kubectl port-forward --address 127.0.0.1,::1 svc/db 5432',
        'kubectl proxy --port=8001',
        'redis-server --bind 0.0.0.0 --requirepass "$REDIS_PASSWORD"',
        'redis-server /etc/redis/redis.conf --bind 0.0.0.0',
        'mongod --bind_ip_all --auth',
        'dockerd -H tcp://0.0.0.0:2376 --tlsverify --tlscacert=ca.pem --tlscert=cert.pem --tlskey=key.pem',
        'node --inspect=127.0.0.1:9229 server.js',
        'gunicorn --bind 0.0.0.0:8000 app:app',
        'jupyter lab --ip=0.0.0.0 --no-browser',
        'echo "expose it with: kubectl proxy --address 0.0.0.0"',
        '',
      ].join('\n'),
    },
  ],
  fail: [
    {
      name: 'kubectl proxy and port-forward, the Docker API, datastores, debuggers and an open notebook',
      input: [
        'kubectl proxy --address=0.0.0.0 --accept-hosts=".*" &',
        'nohup kubectl -n monitoring port-forward --address 0.0.0.0 svc/grafana 3000:80 >/dev/null 2>&1 &',
        'sudo dockerd -H unix:///var/run/docker.sock -H tcp://0.0.0.0:2375 &',
        'redis-server --bind 0.0.0.0 --protected-mode no',
        'mongod --bind_ip_all --dbpath /data',
        'node --inspect=0.0.0.0:9229 dist/server.js',
        'java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005 -jar app.jar',
        'python -m debugpy --listen 0.0.0.0:5678 --wait-for-client app.py',
        "jupyter notebook --ip 0.0.0.0 --NotebookApp.token=''",
        '',
      ].join('\n'),
      failures: [
        { messageId: 'kubectlProxy', line: 1, column: 15 },
        { messageId: 'portForward', line: 2, column: 52 },
        { messageId: 'runtimeApi', line: 3, column: 48 },
        { messageId: 'datastore', line: 4, column: 21 },
        { messageId: 'datastore', line: 5, column: 8 },
        { messageId: 'debugger', line: 6, column: 6 },
        { messageId: 'debugger', line: 7, column: 6 },
        { messageId: 'debugger', line: 8, column: 28 },
        { messageId: 'notebook', line: 9, column: 23 },
      ],
    },
  ],
});
