/**
 * Ports of services that hold data or control a host and are attacked as soon as they are
 * reachable: called out by name when they listen beyond loopback. etcd (2379) is left out: k3s
 * and kubeadm serve it on node addresses behind client-certificate authentication.
 */
export const DATASTORE_PORTS: Readonly<Record<number, string>> = {
  2375: 'Docker API (no TLS)',
  3306: 'MySQL/MariaDB',
  5432: 'PostgreSQL',
  5672: 'RabbitMQ',
  5984: 'CouchDB',
  6379: 'Redis',
  9042: 'Cassandra',
  9092: 'Kafka',
  9200: 'Elasticsearch/OpenSearch',
  11211: 'Memcached',
  27017: 'MongoDB',
};
