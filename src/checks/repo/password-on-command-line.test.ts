import { checkCases } from '../../testing/check-cases.js';
import { passwordOnCommandLine } from './password-on-command-line.js';

checkCases(passwordOnCommandLine, {
  pass: [
    {
      name: 'passwords from variables, files and stdin',
      input: [
        'kubectl -n "$NS" create secret generic honeydue-secrets \\',
        '  --from-literal=SECRET_KEY="$SECRET_KEY" \\',
        '  --from-literal=POSTGRES_PASSWORD="$POSTGRES_PASSWORD" --from-literal=APP_ENV=production',
        'kubectl create secret docker-registry gitea-credentials --docker-password="${REGISTRY_TOKEN:?required}"',
        'echo "$REGISTRY_TOKEN" | docker login "$REGISTRY" -u ci --password-stdin',
        'mysql -u app -p"$DB_PASSWORD" app < schema.sql',
        'mysql --password app   # prompts',
        'PGPASSWORD="$(cat /run/secrets/pg)" psql -h db -U app',
        'redis-cli -a "$REDIS_PASSWORD" ping',
        'curl -u "deploy:$TOKEN" https://ci.example.com/api',
        'htpasswd -nb "$ADMIN_USER" "$(cfg .admin.password)" > users',
        'sshpass -e ssh deploy@host',
        '',
      ].join('\n'),
    },
    {
      name: 'usage text, comments and placeholders',
      input: [
        '# mysql -uroot -proot works locally',
        'echo "usage: deploy.sh --password=<pw>"',
        'vault login --token=<your-token>',
        'mysql -P3306 -h db',
        '',
      ].join('\n'),
    },
    { name: 'empty', input: '' },
  ],
  fail: [
    {
      name: 'literal passwords for database and cache clients',
      input: [
        'mysqldump -uroot -pHunter2prod honeydue > dump.sql',
        'PGPASSWORD=s3cretPg psql -h db -U app -c "select 1"',
        'redis-cli -h redis -a s3cr3t-redis-pass FLUSHALL',
        'export MYSQL_PWD=rootpw123',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'literal', line: 1, column: 18 },
        { messageId: 'envLiteral', line: 2, column: 1 },
        { messageId: 'literal', line: 3, column: 23 },
        { messageId: 'envLiteral', line: 4, column: 8 },
      ],
    },
    {
      name: 'curl, sshpass, htpasswd batch mode, kubectl literals and generic flags',
      input: [
        'curl -fsS -u admin:Tr0ub4dor https://ci.example.com/api',
        'sudo sshpass -p "pa55w0rd" ssh root@203.0.113.5',
        'htpasswd -nbB admin Sup3rSecret > users',
        'kubectl create secret generic db --from-literal=DB_PASSWORD=pg-Pr0d-2026 \\',
        '  --dry-run=client -o yaml | kubectl apply -f -',
        'helm upgrade app ./chart --set x=1 --db-password hunter2-prod',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'literal', line: 1 },
        { messageId: 'literal', line: 2 },
        { messageId: 'literal', line: 3 },
        { messageId: 'literal', line: 4 },
        { messageId: 'literal', line: 6 },
      ],
    },
    {
      name: 'the command after kubectl exec … -- is the one that gets the password',
      input: 'kubectl exec -it mariadb-0 -- mysql -uroot -pS3cretRoot2026 app -e "show tables"\n',
      failures: [{ messageId: 'literal', line: 1, column: 44 }],
    },
  ],
});
