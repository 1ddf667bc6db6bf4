import { connect, type Socket } from 'node:net';

/** What a TCP connect attempt found: only `open` means a listener answered. */
export type TcpReachability =
  | { state: 'open' }
  | { state: 'refused' }
  | { state: 'timeout' }
  | { state: 'unreachable'; code: string };

/** Tries one TCP connect and closes it at once; sends nothing. */
export function tcpReachability(host: string, port: number, timeoutMs: number): Promise<TcpReachability> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: TcpReachability) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ state: 'timeout' }), timeoutMs);
    socket.once('connect', () => done({ state: 'open' }));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' ? { state: 'refused' } : { state: 'unreachable', code: error.code ?? error.message }));
  });
}

/**
 * Connects, writes `request`, and collects bytes until `complete` says the reply is whole
 * (or the peer closes); then writes `farewell` (if any) and closes. Rejects on connect
 * errors and when the whole exchange exceeds timeoutMs.
 */
export function tcpExchange(
  host: string,
  port: number,
  options: { request: Buffer; complete: (received: Buffer) => boolean; farewell?: Buffer; timeoutMs: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!error && options.farewell && socket.writable) socket.end(options.farewell);
      else socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
      if (error) reject(error);
      else resolve(received);
    };
    const timer = setTimeout(() => finish(new Error(`${host}:${port}: no complete reply within ${options.timeoutMs} ms`)), options.timeoutMs);
    socket.once('connect', () => socket.write(options.request));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length > 64 * 1024) finish(new Error(`${host}:${port}: reply larger than 64 KiB`));
      else if (options.complete(received)) finish();
    });
    socket.once('end', () => (received.length ? finish() : finish(new Error(`${host}:${port} closed the connection without a reply`))));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(new Error(`${host}:${port}: ${error.code ?? error.message}`)));
  });
}
