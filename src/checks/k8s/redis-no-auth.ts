import { REDIS_AUTH_NAMES, REDIS_AUTH_UNLESS } from '../../targets/net/claims.js';
import { parseImageRef } from '../../targets/docker/image-ref.js';
import { asArray, asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** Images whose default command is a Redis-protocol server that starts without a password. */
const REDIS_IMAGES = new Set(['redis', 'redis-stack-server', 'valkey', 'keydb', 'dragonfly']);
const SERVERS = new Set(['redis-server', 'valkey-server', 'keydb-server', 'dragonfly']);
/** Environment variables the images of Bitnami and others read a password from. */
const PASSWORD_VARIABLES = /^(REDIS|VALKEY|KEYDB)_PASSWORD(_FILE)?$|^REDIS_ARGS$|^DFLY_requirepass$/;

const words = (value: unknown) => asArray(value).map((word) => asString(word) ?? '');

export const redisNoAuth = defineCheck({
  id: 'k8s/redis-no-auth',
  title: 'Redis starts with a password',
  severity: 'critical',
  target: 'k8s-container',
  why:
    'redis-server without requirepass (or ACL users) answers every command from anyone who reaches its port: any pod in ' +
    'the cluster without a NetworkPolicy, a NodePort, a port-forward. It holds sessions, queued jobs and cached data, and ' +
    'CONFIG SET / MODULE LOAD / SLAVEOF turn that access into writing files on the node or running code. Redis 7 keeps ' +
    'protected mode only for a server bound to all interfaces without a password, which the official image disables.',
  fix: [
    'Start it with a password read from a Secret, never written in the manifest:',
    '',
    '    command: ["sh", "-c", "exec redis-server --requirepass \\"$(cat /etc/redis/secret/password)\\""]',
    '',
    'or load a redis.conf that includes a requirepass or ACL file mounted from a Secret (`redis-server /etc/redis/redis.conf`).',
    'Bitnami images read REDIS_PASSWORD (from a secretKeyRef); never set ALLOW_EMPTY_PASSWORD=yes.',
  ].join('\n'),
  refs: ['https://redis.io/docs/latest/operate/oss_and_stack/management/security/ (authentication, protected mode)', 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/', 'Bitnami Redis image: REDIS_PASSWORD, ALLOW_EMPTY_PASSWORD'],
  messages: {
    noPassword: 'container "{container}" starts {server} with no password (no --requirepass, no config file, no password variable): anyone who reaches port 6379 can read and rewrite its data',
    emptyAllowed: 'container "{container}" sets ALLOW_EMPTY_PASSWORD=yes: Redis accepts every client without a password',
  },
  claims: [{ about: 'Redis requires authentication', names: REDIS_AUTH_NAMES, unless: REDIS_AUTH_UNLESS }],
  evaluate(container, ctx) {
    const command = words(container.spec.command);
    const args = words(container.spec.args);
    const image = parseImageRef(asString(container.spec.image) ?? '');
    const line = [...command, ...args];
    const runsServer = line.some((word) => SERVERS.has(word.split('/').at(-1) ?? word) || /\b(redis|valkey|keydb)-server\b/.test(word));
    const imageDefault = command.length === 0 && image !== undefined && REDIS_IMAGES.has(image.name);
    if (!runsServer && !imageDefault) return ctx.notApplicable();
    const env = asArray(container.spec.env).map((entry) => asRecord(entry));
    const variable = (name: string) => env.find((entry) => asString(entry?.name) === name);
    if (/^yes$/i.test(asString(variable('ALLOW_EMPTY_PASSWORD')?.value) ?? '')) {
      ctx.fail(container.at(['env', env.indexOf(variable('ALLOW_EMPTY_PASSWORD'))]), 'emptyAllowed', { container: container.name });
      return;
    }
    const hasPassword = line.some((word) => /--requirepass|--aclfile|\brequirepass\b/.test(word));
    // A config file may set requirepass (or include a file that does): what it says is not in the manifest.
    const hasConfig = line.some((word) => /\.conf$/.test(word)) || asArray(container.spec.envFrom).length > 0;
    const hasVariable = env.some((entry) => PASSWORD_VARIABLES.test(asString(entry?.name) ?? ''));
    if (hasPassword || hasConfig || hasVariable) return;
    const at = container.spec.command !== undefined ? container.at('command') : container.at('image');
    ctx.fail(at, 'noPassword', { container: container.name, server: image?.name && REDIS_IMAGES.has(image.name) ? image.name : 'redis-server' });
  },
});
