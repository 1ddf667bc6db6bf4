import { isIP } from 'node:net';
import { z } from 'zod';
import { hostPort } from '../config-fields.js';
import { connectTimed, splitHostPort, type ConnectTimings } from './connect.js';
import { defineProbe, type Observation } from './define.js';
import { ProbeError } from './errors.js';
import { trustFor } from './trust.js';

/** `tls: host:port`, or with the name to send as SNI. */
const tlsConfig = z.union([
  hostPort().transform((text) => ({ address: text, servername: undefined as string | undefined })),
  z.object({ address: hostPort(), servername: z.string().optional() }).strict(),
]);

/** TLS: a handshake with host:port (SNI `servername`, else the host); the chain must verify. */
export const tlsProbe = defineProbe({
  config: tlsConfig,
  target: (tls) => (tls.servername ? `${tls.address} (${tls.servername})` : tls.address),
  async observe({ address, servername }, { env, signal }) {
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
