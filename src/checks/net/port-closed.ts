import { DATASTORE_EXPOSED_NAMES, DATASTORE_EXPOSED_UNLESS } from '../../targets/net/claims.js';
import { tcpReachability } from '../../targets/net/tcp.js';
import { defineCheck } from '../define.js';

export const portClosed = defineCheck({
  id: 'net/port-closed',
  title: 'Ports the plan lists as closed refuse connections from where harden runs',
  severity: 'high',
  target: 'service',
  why:
    'A service entry of kind tcp (the plan\'s "host:port" shorthand) names a port that must NOT be reachable from where harden runs: ' +
    'typically a datastore, admin or metrics port on a public address. Databases, caches and queues reachable from the Internet are found ' +
    'by mass scanners within hours and are a leading cause of data breaches and ransom wipes. The check only opens a TCP connection and ' +
    'closes it at once; it passes when the connection is refused or times out, and fails when anything accepts it.',
  fix:
    'Bind the service to a private interface or 127.0.0.1 (e.g. `bind 127.0.0.1` / `listen_addresses = \'localhost\'`), publish container ports ' +
    'on 127.0.0.1 only (`127.0.0.1:5432:5432`), and drop the port at the firewall or security group (`ufw deny 5432/tcp`).',
  refs: ['CIS Controls v8 4.4 and 12.2 (firewall and network exposure)', 'OWASP Top 10 2021 A05 Security Misconfiguration', 'NIST SP 800-41r1 (firewall policy)'],
  messages: {
    open: '{host}:{port} accepts TCP connections from here; it is listed as a port that must be closed',
  },
  claims: [
    {
      about: 'the port is closed from outside',
      names: [
        ...DATASTORE_EXPOSED_NAMES,
        'open ports',
        'port scan*',
        'nmap',
        'UFW',
        'iptables',
        'nftables',
        'security group*',
        'host firewall',
        'cloud firewall',
        ['firewall', 'rule*'],
        ['firewall', 'database*'],
        ['firewall', 'Postgre*'],
        ['firewall', 'Redis'],
        ['firewall', 'MySQL'],
        ['port*', 'closed'],
        ['close', 'port*'],
        ['port*', 'public interface*'],
        ['port*', 'blocked'],
        ['port*', 'not reachable'],
        ['port*', 'unreachable'],
        ['port*', 'firewall*'],
        ['SSH', 'port*'],
        ['origin', 'IP restriction*'],
        ['origin', 'allowlist'],
        ['origin', 'allow-list'],
        ['origin', 'whitelist*'],
        ['origin', 'lock* down'],
        ['origin', 'direct* access*'],
        ['origin', 'direct-connect*'],
        ['origin', 'Cloudflare IP'],
        ['origin', 'Cloudflare IPs'],
      ],
      unless: [...DATASTORE_EXPOSED_UNLESS, 'web application firewall', 'WAF'],
    },
  ],
  async evaluate(service, ctx) {
    if (service.kind !== 'tcp') {
      ctx.notApplicable();
      return;
    }
    const reach = await tcpReachability(service.host, service.port, service.timeoutMs);
    if (reach.state === 'open') ctx.fail(service.location, 'open', { host: service.host, port: service.port }, `TCP connect to ${service.host}:${service.port} succeeded`);
  },
});
