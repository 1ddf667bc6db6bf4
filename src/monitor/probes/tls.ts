import type { Monitor } from '../../plan/monitor-schema.js';
import { connectTimed, splitHostPort, type ConnectTimings } from './connect.js';
import { defineProbe, type Observation } from './define.js';
import { ProbeError } from './errors.js';
import { trustFor } from './trust.js';
import { isIP } from 'node:net';

/** TLS: a handshake with host:port (SNI `servername`, else the host); the chain must verify. */
export const tlsProbe = defineProbe({
  kind: 'tls',
  target: (monitor) => {
    const tls = tlsOf(monitor);
    return tls.servername ? `${tls.address} (${tls.servername})` : tls.address;
  },
  async observe(monitor, env, signal) {
    const { address, servername } = tlsOf(monitor);
    const { host, port } = splitHostPort(address);
    const started = performance.now();
    const timings: ConnectTimings = {};
    const socket = await connectTimed({ host, port, signal, tls: { servername: servername ?? (isIP(host) ? undefined : host), secureContext: trustFor(env) } }, timings);
    const latencyMs = performance.now() - started;
    socket.destroy();
    if (timings.certExpiresAt === undefined) throw new ProbeError('the server sent no certificate');
    const observation: Observation = { latencyMs, phases: { dnsMs: timings.dnsMs ?? 0, connectMs: timings.connectMs ?? 0, tlsMs: timings.tlsMs ?? 0 }, certExpiresAt: timings.certExpiresAt };
    return observation;
  },
});

function tlsOf(monitor: Monitor): NonNullable<Monitor['tls']> {
  if (!monitor.tls) throw new Error(`monitor ${monitor.name} is not a tls monitor`);
  return monitor.tls;
}
