import type { Claim } from '../../claim.js';

/*
 * What plan items claim about datastores and the ports they listen on, shared by the live
 * probes and by the compose and Kubernetes checks that read the same exposure or
 * authentication in the repository.
 */

const DATASTORES = ['database*', 'datastore*', 'DB', 'Redis', 'Postgre*', 'MySQL', 'MariaDB', 'Mongo*', 'Elasticsearch', 'OpenSearch', 'Memcached', 'RabbitMQ', 'Kafka', 'etcd', 'Cassandra', 'CouchDB', 'ClickHouse'];
const EXPOSED = ['expos*', 'publicly', 'internet', 'open to the world'];

/** A datastore is not reachable from the internet ("Redis exposed to the internet", "database port publicly reachable"). */
export const DATASTORE_EXPOSED_NAMES: Claim['names'] = [
  ...DATASTORES.flatMap((store) => EXPOSED.map((exposed) => [store, exposed])),
  'database port*',
  ['port*', 'all interfaces'],
  ['port*', '0.0.0.0'],
];

/** "Redis password exposed" is about the credential, not the port. */
export const DATASTORE_EXPOSED_UNLESS: Claim['names'] = ['password*', 'credential*', 'secret*', 'token*'];

/** Redis asks for a password ("Redis runs with no authentication", "`--requirepass`", "REDIS_PASSWORD"). */
export const REDIS_AUTH_NAMES: Claim['names'] = [
  'requirepass',
  ['Redis', 'auth*'],
  ['Redis', 'password*'],
  ['Redis', 'unauthenticated'],
  ['Redis', 'ACL*'],
  ['Redis', 'NOAUTH'],
  ['Redis', 'protected-mode'],
  ['redis-cli', 'ping'],
];

/** Rotating the password is another claim (secret rotation). */
export const REDIS_AUTH_UNLESS: Claim['names'] = ['rotat*'];

/** PostgreSQL asks for a credential (no `trust` line in pg_hba.conf). */
export const POSTGRES_AUTH_NAMES: Claim['names'] = [
  'pg_hba',
  'POSTGRES_HOST_AUTH_METHOD',
  ['Postgre*', 'trust auth*'],
  ['Postgre*', 'without password'],
  ['Postgre*', 'without a password'],
  ['Postgre*', 'no password'],
  ['Postgre*', 'unauthenticated'],
  ['Postgre*', 'scram'],
  ['psql', 'without password'],
];
