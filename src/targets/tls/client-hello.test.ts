import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ALERT, clientHello, readAnswer, SCSV, sendHello } from './client-hello.js';

/** A TLS record holding one handshake message. */
function record(type: number, body: Buffer): Buffer {
  const message = Buffer.concat([Buffer.from([type, 0, body.length >> 8, body.length & 0xff]), body]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x03, message.length >> 8, message.length & 0xff]), message]);
}

/** ServerHello choosing `suite`, with the renegotiation_info extension when asked. */
function serverHello(suite: number, renegotiation = false): Buffer {
  const extensions = renegotiation ? Buffer.from([0xff, 0x01, 0x00, 0x01, 0x00]) : Buffer.alloc(0);
  return record(2, Buffer.concat([Buffer.from([0x03, 0x03]), Buffer.alloc(32, 7), Buffer.from([0, suite >> 8, suite & 0xff, 0, extensions.length >> 8, extensions.length & 0xff]), extensions]));
}

describe('hand-built ClientHello', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('offers exactly the given suites, with the renegotiation SCSV and SNI for a name', () => {
    const hello = clientHello({ servername: 'shop.example.test', suites: [0x000a, 0x0005] });
    expect(hello.subarray(0, 3)).toEqual(Buffer.from([0x16, 0x03, 0x01]));
    expect(hello.readUInt16BE(3)).toBe(hello.length - 5);
    const suitesAt = 5 + 4 + 2 + 32 + 1;
    expect(hello.readUInt16BE(suitesAt)).toBe(6);
    expect([hello.readUInt16BE(suitesAt + 2), hello.readUInt16BE(suitesAt + 4), hello.readUInt16BE(suitesAt + 6)]).toEqual([0x000a, 0x0005, SCSV.renegotiation]);
    expect(hello.includes(Buffer.from('shop.example.test'))).toBe(true);
  });

  it('reads the chosen suite, secure renegotiation, an alert, and waits for more bytes', () => {
    expect(readAnswer(serverHello(0x000a, true))).toEqual({ kind: 'serverHello', version: 0x0303, suite: 0x000a, secureRenegotiation: true });
    expect(readAnswer(serverHello(0xc02f))).toMatchObject({ suite: 0xc02f, secureRenegotiation: false });
    expect(readAnswer(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, ALERT.handshakeFailure]))).toEqual({ kind: 'alert', description: 40 });
    expect(readAnswer(serverHello(0x000a).subarray(0, 20))).toBeUndefined();
    // DHE: the answer waits for the ServerKeyExchange, whose first field is the prime.
    const dhe = serverHello(0x009e);
    expect(readAnswer(dhe)).toBeUndefined();
    const prime = Buffer.concat([Buffer.from([0x00, 0x80]), Buffer.alloc(128, 0xff)]);
    expect(readAnswer(Buffer.concat([dhe, record(12, prime)]))).toMatchObject({ suite: 0x009e, dhBits: 1024 });
  });

  it('sends the hello over TCP and reports a server that hangs up as closed', async () => {
    const replies: Buffer[] = [serverHello(0x000a, true)];
    server = createServer((socket) => {
      socket.once('data', () => {
        const reply = replies.shift();
        if (reply) socket.end(reply);
        else socket.end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const options = { host: '127.0.0.1', port, servername: undefined, suites: [0x000a], timeoutMs: 2000 };
    expect(await sendHello(options)).toMatchObject({ kind: 'serverHello', suite: 0x000a });
    expect(await sendHello(options)).toEqual({ kind: 'closed' });
  });
});
