import type { EvidenceKind } from '../plan/evidence.js';
import { allOf, normalizeWords, phrase, type WordPattern } from './words.js';

/** How a tracker names each kind of claim, most specific kinds first (an item is the first that matches). */
const VOCABULARY: readonly [EvidenceKind, readonly (string | readonly string[])[]][] = [
  ['backup', ['backup*', 'back up', 'snapshot*', 'restore drill', 'restore test', 'disaster recovery', 'pg_dump', 'pgbackrest', 'restic', 'borg', 'velero', 'point in time recovery', 'PITR', ['restore', 'database']]],
  ['secret-rotation', ['rotat*', 'unrotated', 'key rollover', ['secret*', 'expir*'], ['credential*', 'expir*'], 'secrets manager', 'vault', 'sops', 'sealed secret*', 'external secrets']],
  ['monitoring', ['uptime', 'monitoring', 'alerting', 'alert*', 'on-call', 'pager', 'status page', 'grafana', 'prometheus', 'alertmanager', 'sentry', 'observability', 'log aggregation', 'loki', 'healthcheck endpoint', 'synthetic check*', 'better stack', 'uptime kuma']],
  ['host', ['ssh', 'sshd', 'fail2ban', 'ufw', 'iptables', 'nftables', 'firewalld', 'unattended-upgrades', 'unattended upgrades', 'apt upgrade', 'os patch*', 'patching', 'kernel', 'sysctl', 'sudo', 'sudoers', 'auditd', 'apparmor', 'selinux', 'node os', 'os hardening', 'bastion', ['host', 'harden*'], ['node', 'harden*'], ['server', 'harden*'], 'lynis', 'cis benchmark', 'swap', 'ntp', 'chrony', 'port 22', '/etc/']],
  ['cluster', ['kubectl', 'kube-bench', 'kubelet', 'kube-apiserver', 'control plane', 'control-plane', 'etcd', 'admission controller', 'pod security admission', 'cluster audit', 'audit log*', 'cni', 'cilium', 'calico', 'flannel', 'service mesh', 'istio', 'linkerd', ['cluster', 'upgrade']]],
  ['cloud-provider', ['cloudflare', 'cdn', 'waf', 'security group*', 'vpc', 'private network', 'cloud firewall', 'hetzner', 'aws', 'gcp', 'azure', 'digitalocean', 'lightsail', 'ec2', 's3 bucket', 'iam', 'load balancer', 'dns provider', 'registrar', 'full strict', 'origin certificate', 'origin ca', 'ddos']],
  ['api-behaviour', ['endpoint*', 'rate limit*', 'rate-limit*', 'throttl*', 'pagination', 'page size', 'enumeration', 'idor', 'lockout', 'brute force', 'brute-force', 'mass assignment', 'unknown fields', 'graphql', 'rest api', ['api', 'returns'], ['api', 'accepts'], '/api/', 'status code', '401', '403', '429', 'cors']],
  ['application-code', ['race', 'race condition', 'atomic', 'transaction*', 'sql injection', 'sqli', 'xss', 'csrf', 'ssrf', 'deserializ*', 'serializer', 'validation', 'validate*', 'verif* token', 'token verif*', 'jwt', 'oauth', 'oidc', 'id token', 'password hash*', 'bcrypt', 'argon2', 'plaintext', 'hashed', 'receipt', 'replay', 'session*', 'cookie flag*', 'input sanitiz*', 'business logic', 'handler', 'middleware', 'orm', 'query', 'migration*', 'refactor*', 'dependency', 'dependencies', 'cve', 'npm audit', 'outdated', 'unit test*', 'code review']],
  ['decision', ['runbook', 'policy', 'document*', 'procedure', 'process', 'training', 'incident response', 'playbook', 'accept*', 'decide*', 'decision', 'review', 'audit', 'pentest', 'penetration test', 'threat model*', 'inventory', 'ownership', 'owner', 'compliance', 'soc 2', 'iso 27001', 'gdpr', 'changelog', 'readme']],
];

const PATTERNS: readonly [EvidenceKind, readonly WordPattern[]][] = VOCABULARY.map(([kind, names]) => [kind, names.map((name) => (typeof name === 'string' ? phrase(name) : allOf(name)))]);

/** The kind of evidence an item's claim needs, with the name that told; undefined when nothing says. */
export function evidenceKindOf(title: string, text: string): { kind: EvidenceKind; name: string } | undefined {
  for (const words of [normalizeWords(title), normalizeWords(`${title}\n${text}`)]) {
    for (const [kind, patterns] of PATTERNS) {
      const name = patterns.find((pattern) => pattern.matches(words));
      if (name) return { kind, name: name.text };
    }
  }
  return undefined;
}
