import { DATASTORE_EXPOSED_NAMES, DATASTORE_EXPOSED_UNLESS } from '../../targets/net/claims.js';
import { DATASTORE_PORTS } from '../../targets/host/datastore-ports.js';
import { isLoopbackOnly, isPubliclyBound, parseListeningSockets, type ListeningSocket } from '../../targets/host/listening-sockets.js';
import { absence, runTool } from '../../targets/host/tool-output.js';
import { defineCheck } from '../define.js';

/** DHCP clients (68, 546) hold a wildcard UDP socket to receive their leases: a client, not a service. */
const CLIENT_PORTS = new Set(['udp/68', 'udp/546']);

export const listeningPorts = defineCheck({
  id: 'host/listening-ports',
  title: 'Only the ports the plan allows listen beyond loopback',
  severity: 'high',
  target: 'host',
  why:
    'Every socket listening on a non-loopback address is attack surface, whatever the firewall says today: a firewall rule dropped in a ' +
    'migration, a Docker-published port (which bypasses ufw) or a cloud security group opened "for a minute" exposes it at once. The check ' +
    'reads the sockets the host listens on (`ss -H -tuln`) and compares them with the plan\'s `allowPorts`. Without `allowPorts` it reports ' +
    'what listens as measured and fails only on datastores (Redis, PostgreSQL, MySQL, MongoDB, Elasticsearch, Memcached, the Docker API…) bound ' +
    'to every address or a public one: those are never meant to face the Internet. DHCP client sockets (UDP 68, 546) are not services and are ' +
    'not counted.',
  fix:
    'Bind internal services to 127.0.0.1 or a private interface (`bind 127.0.0.1`, `listen_addresses = \'localhost\'`, `-p 127.0.0.1:5432:5432` ' +
    'for containers), stop services the host does not need (`systemctl disable --now <unit>`), and list the ports that must be reachable in the ' +
    'plan: `targets.hosts[].allowPorts: [22, 80, 443]`.',
  refs: ['CIS Distribution Independent Linux Benchmark 2.2 (special purpose services) and 3.5 (firewall)', 'CIS Controls v8 4.8 (uninstall or disable unnecessary services)', 'Lynis NETW-3012 (listening ports)'],
  messages: {
    unexpected: { text: '{proto}/{port} listens on {addresses}; the plan allows {allowed}', severity: 'medium' },
    datastore: '{service} ({proto}/{port}) listens on {addresses}{reason}',
  },
  claims: [
    {
      about: 'only the allowed ports listen',
      names: ['listening ports', 'listening sockets', 'ss -tuln', 'netstat', ['only', 'port*', 'open'], ['port*', 'listen*'], ['unused', 'service*', 'disabled'], ['open ports', 'host*']],
      unless: ['web application firewall', 'WAF'],
    },
    { about: 'no datastore listens on a public address', names: DATASTORE_EXPOSED_NAMES, unless: DATASTORE_EXPOSED_UNLESS, messages: ['datastore'] },
  ],
  async evaluate(host, ctx) {
    const output = await runTool(host, 'listeningSockets');
    if (output.kind !== 'ok') throw new Error(`listening sockets cannot be read: ${absence(output)}`);
    const sockets = parseListeningSockets(output.stdout).filter((socket) => !isLoopbackOnly(socket) && !CLIENT_PORTS.has(`${socket.proto}/${socket.port}`));
    const byPort = new Map<string, ListeningSocket[]>();
    for (const socket of sockets) byPort.set(`${socket.proto}/${socket.port}`, [...(byPort.get(`${socket.proto}/${socket.port}`) ?? []), socket]);
    const allowed = host.expect.allowPorts;
    ctx.computed({ listening: [...byPort.keys()].join(', ') });
    ctx.measured(byPort.size === 0 ? 'nothing listens beyond loopback' : `listening beyond loopback: ${[...byPort].map(([key, list]) => `${key} (${addresses(list)})`).join(', ')}`);
    for (const list of byPort.values()) {
      const { proto, port } = list[0]!;
      if (allowed?.includes(port)) continue;
      const service = DATASTORE_PORTS[port];
      const evidence = list.map((socket) => `${socket.proto} ${socket.local}`).join('\n');
      const data = { proto, port, addresses: addresses(list) };
      if (service !== undefined && (allowed !== undefined || list.some(isPubliclyBound))) {
        const reason = allowed === undefined ? ', every address or a public one' : `; the plan allows ${allowed.join(', ') || 'none'}`;
        ctx.fail(host.location, 'datastore', { ...data, service, reason }, evidence);
      } else if (allowed !== undefined) ctx.fail(host.location, 'unexpected', { ...data, allowed: allowed.join(', ') || 'none' }, evidence);
    }
  },
});

function addresses(sockets: readonly ListeningSocket[]): string {
  return [...new Set(sockets.map((socket) => (socket.iface ? `${socket.address}%${socket.iface}` : socket.address)))].join(', ');
}
