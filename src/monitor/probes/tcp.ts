import { hostPort } from '../config-fields.js';
import { connectTimed, splitHostPort, type ConnectTimings } from './connect.js';
import { defineProbe } from './define.js';

/** TCP: a connect, closed at once; nothing is sent. */
export const tcpProbe = defineProbe({
  /** `tcp: host:port` */
  config: hostPort(),
  target: (address) => address,
  async observe(address, { signal }) {
    const started = performance.now();
    const timings: ConnectTimings = {};
    const socket = await connectTimed({ ...splitHostPort(address), signal }, timings);
    const latencyMs = performance.now() - started;
    socket.destroy();
    return { latencyMs, phases: { dnsMs: timings.dnsMs ?? 0, connectMs: timings.connectMs ?? 0 } };
  },
});
