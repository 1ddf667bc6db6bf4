import { describe, expect, it } from 'vitest';
import type { ComposeService } from './compose.js';
import { portMappingsOf } from './ports.js';

function serviceWithPorts(ports: unknown): ComposeService {
  const location = { kind: 'file' as const, path: 'compose.yaml', line: 1, column: 1 };
  return { identity: 'compose.yaml#services.s', file: 'compose.yaml', name: 's', spec: { ports }, image: undefined, project: { files: ['compose.yaml'] }, location, at: () => location, written: () => undefined, variablesAt: () => [] };
}

const ALL = { kind: 'all-interfaces' };
const UNKNOWN = { kind: 'unknown' };
const address = (value: string) => ({ kind: 'address', address: value });

describe('portMappingsOf', () => {
  it.each([
    ['5432', ALL, { from: 5432, to: 5432 }],
    ['5432:5432', ALL, { from: 5432, to: 5432 }],
    ['15432:5432/tcp', ALL, { from: 5432, to: 5432 }],
    ['0.0.0.0:5432:5432', ALL, { from: 5432, to: 5432 }],
    ['[::]:5432:5432', ALL, { from: 5432, to: 5432 }],
    [':::5432:5432', ALL, { from: 5432, to: 5432 }],
    ['127.0.0.1:5432:5432', address('127.0.0.1'), { from: 5432, to: 5432 }],
    ['127.0.0.1::5432', address('127.0.0.1'), { from: 5432, to: 5432 }],
    ['[::1]:5432:5432', address('::1'), { from: 5432, to: 5432 }],
    ['::1:5432:5432', address('::1'), { from: 5432, to: 5432 }],
    ['9000-9010:9000-9010/udp', ALL, { from: 9000, to: 9010 }],
    ['${BIND:-127.0.0.1}:${PORT:-5432}:5432', address('127.0.0.1'), { from: 5432, to: 5432 }],
    ['${BIND:?set BIND}:5432:5432', UNKNOWN, { from: 5432, to: 5432 }],
    ['$BIND:5432:5432', UNKNOWN, { from: 5432, to: 5432 }],
    ['8080:${TARGET}', ALL, undefined],
  ])('short syntax %s', (written, host, target) => {
    expect(portMappingsOf(serviceWithPorts([written]))).toEqual([{ index: 0, written, host, target }]);
  });

  it('reads numbers and the long syntax', () => {
    const mappings = portMappingsOf(serviceWithPorts([6379, { target: 5432, published: '5432', host_ip: '127.0.0.1', protocol: 'tcp' }, { target: '80-81' }]));
    expect(mappings).toEqual([
      { index: 0, written: '6379', host: ALL, target: { from: 6379, to: 6379 } },
      { index: 1, written: '127.0.0.1:5432:5432/tcp', host: address('127.0.0.1'), target: { from: 5432, to: 5432 } },
      { index: 2, written: '80-81', host: ALL, target: { from: 80, to: 81 } },
    ]);
  });

  it('skips what is not a port entry and keeps the list index', () => {
    expect(portMappingsOf(serviceWithPorts('5432:5432'))).toEqual([]);
    expect(portMappingsOf(serviceWithPorts([null, true, '5432']))).toEqual([{ index: 2, written: '5432', host: ALL, target: { from: 5432, to: 5432 } }]);
  });
});
