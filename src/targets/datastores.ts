import { parseImageRef } from './docker/image-ref.js';

/**
 * What a datastore looks like from outside, shared by the compose and Kubernetes exposure
 * checks: its image names and its well-known ports.
 */

/** Image path segments that name a datastore (or a secrets/coordination store) and its usual forks and repackagings. */
const DATASTORE_IMAGE =
  /^(postgres(ql)?|postgis|timescaledb(-ha)?|mysql(-server)?|mariadb|percona(-server)?|redis(-stack(-server)?)?|valkey|keydb|dragonfly|mongo(db)?|memcached|elasticsearch|opensearch|rabbitmq|cassandra|scylla|etcd|vault|minio|clickhouse(-server)?|influxdb|couchdb|couchbase(-server)?|neo4j|cockroach(db)?|mssql|arangodb|zookeeper|(cp-)?kafka)$/;

/** Well-known container ports of datastores, for services whose image says nothing (custom or `build:`). */
export const DATASTORE_PORTS: ReadonlyMap<number, string> = new Map<number, string>([
  [5432, 'PostgreSQL'],
  [3306, 'MySQL'],
  [6379, 'Redis'],
  [27017, 'MongoDB'],
  [11211, 'Memcached'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch'],
  [5672, 'RabbitMQ'],
  [15672, 'RabbitMQ'],
  [9042, 'Cassandra'],
  [2379, 'etcd'],
  [2380, 'etcd'],
  [8200, 'Vault'],
  [8123, 'ClickHouse'],
  [8086, 'InfluxDB'],
  [5984, 'CouchDB'],
  [7474, 'Neo4j'],
  [7687, 'Neo4j'],
  [26257, 'CockroachDB'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [2181, 'ZooKeeper'],
  [9092, 'Kafka'],
]);

/** The datastore an image runs (`postgres`, `redis`, ...), from its repository path; undefined for anything else. */
export function datastoreOfImage(image: string | undefined): string | undefined {
  const ref = image === undefined ? undefined : parseImageRef(image);
  return ref?.repository
    .toLowerCase()
    .split('/')
    .find((segment) => DATASTORE_IMAGE.test(segment));
}

/** The datastore that usually listens on `port`. */
export function datastoreOfPort(port: number): string | undefined {
  return DATASTORE_PORTS.get(port);
}
