import type { Monitor } from '../../plan/monitor-schema.js';
import { connectTimed, splitHostPort, type ConnectTimings } from './connect.js';
import { defineProbe } from './define.js';

/** TCP: a connect, closed at once; nothing is sent. */
export const tcpProbe = defineProbe({
  kind: 'tcp',
  target: (monitor) => addressOf(monitor),
  async observe(monitor, _env, signal) {
    const started = performance.now();
    const timings: ConnectTimings = {};
    const socket = await connectTimed({ ...splitHostPort(addressOf(monitor)), signal }, timings);
    const latencyMs = performance.now() - started;
    socket.destroy();
    return { latencyMs, phases: { dnsMs: timings.dnsMs ?? 0, connectMs: timings.connectMs ?? 0 } };
  },
});

function addressOf(monitor: Monitor): string {
  if (!monitor.tcp) throw new Error(`monitor ${monitor.name} is not a tcp monitor`);
  return monitor.tcp;
}
