import { portMappingsOf, rangeIncludes, type PortRange } from '../../targets/compose/ports.js';
import { DATASTORE_PORTS, datastoreOfImage } from '../../targets/datastores.js';
import { DATASTORE_EXPOSED_NAMES, DATASTORE_EXPOSED_UNLESS } from '../../targets/net/claims.js';
import { defineCheck } from '../define.js';

export const datastorePortExposed = defineCheck({
  id: 'compose/datastore-port-exposed',
  title: 'Datastores in compose files publish ports on loopback only',
  severity: 'high',
  target: 'compose-service',
  why:
    'A port published without a host address listens on every interface of the machine: the office or cafe Wi-Fi for ' +
    'a laptop, the internet for a server. Docker writes its own iptables rules for published ports, so ufw or ' +
    'firewalld rules do not stop it. Development databases, caches and Vault dev servers usually run with default or ' +
    'no credentials, and scanners find them within hours.',
  fix: [
    'Bind the published port to loopback (other services on the compose network reach it by service name anyway):',
    '',
    '    ports:',
    '      - "127.0.0.1:5432:5432"',
    '',
    'or, in long syntax, host_ip: 127.0.0.1; or drop ports entirely when only other containers connect to it.',
  ].join('\n'),
  refs: [
    'CIS Docker Benchmark, container runtime: ensure that incoming container traffic is bound to a specific host interface',
    'OWASP Docker Security Cheat Sheet: rule #5a, bind ports to localhost',
    'Docker documentation, Packet filtering and firewalls: published ports bypass ufw/firewalld',
    'Compose Specification: ports (short and long syntax)',
  ],
  messages: {
    allInterfaces: 'service "{service}" publishes {store} port {port} on all interfaces',
    hostNetwork: 'service "{service}" ({store}) uses network_mode: host, so it listens on every host interface',
  },
  claims: [
    {
      about: 'datastore ports not published to every interface',
      names: [...DATASTORE_EXPOSED_NAMES, ['publish*', 'port*', 'loopback'], ['publish*', 'port*', '127.0.0.1'], ['bind*', 'port*', 'localhost'], ['Docker', 'bypass*', 'UFW']],
      unless: DATASTORE_EXPOSED_UNLESS,
    },
  ],
  evaluate(service, ctx) {
    const imageStore = datastoreOfImage(service.image);
    const exposed = portMappingsOf(service).flatMap((mapping) => {
      const store = imageStore ?? datastoreOfPortRange(mapping.target);
      return store ? [{ mapping, store }] : [];
    });
    if (!imageStore && exposed.length === 0) return ctx.notApplicable();
    if (imageStore && service.spec.network_mode === 'host') ctx.fail(service.at('network_mode'), 'hostNetwork', { service: service.name, store: imageStore });
    for (const { mapping, store } of exposed) {
      if (mapping.host.kind === 'all-interfaces') ctx.fail(service.at(['ports', mapping.index]), 'allInterfaces', { service: service.name, store, port: mapping.written });
    }
  },
});

function datastoreOfPortRange(target: PortRange | undefined): string | undefined {
  if (!target) return undefined;
  for (const [port, store] of DATASTORE_PORTS) if (rangeIncludes(target, port)) return store;
  return undefined;
}
