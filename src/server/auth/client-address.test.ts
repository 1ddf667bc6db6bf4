import { describe, expect, it } from 'vitest';
import { clientAddress, trustedProxies } from './client-address.js';

const request = (peer: string, forwarded?: string | string[]) => ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as Parameters<typeof clientAddress>[0];

describe('the client a sign-in is counted against', () => {
  const proxies = trustedProxies(['127.0.0.1/32', '10.0.0.0/8', '2606:4700::/32']);

  it.each([
    ['no trusted proxies: the peer, X-Forwarded-For ignored', request('198.51.100.7', '203.0.113.9'), undefined, '198.51.100.7'],
    ['a peer that is not a trusted proxy: itself, whatever it forwards', request('198.51.100.7', '203.0.113.9'), proxies, '198.51.100.7'],
    ['behind one trusted proxy: the address it received from', request('127.0.0.1', '203.0.113.9'), proxies, '203.0.113.9'],
    ['behind a chain of trusted proxies: the nearest address that is not one', request('127.0.0.1', '203.0.113.9, 10.1.2.3'), proxies, '203.0.113.9'],
    ['a client writing its own X-Forwarded-For: what is left of the first untrusted hop is not believed', request('127.0.0.1', '192.0.2.66, 203.0.113.9'), proxies, '203.0.113.9'],
    ['headers sent twice are read as one list', request('127.0.0.1', ['192.0.2.66', '203.0.113.9, 10.1.2.3']), proxies, '203.0.113.9'],
    ['an IPv6 proxy range and an IPv4-mapped peer', request('::ffff:127.0.0.1', '2001:db8::5, 2606:4700:10::1'), proxies, '2001:db8::5'],
    ['a hop that is not an address: the last trusted hop', request('127.0.0.1', 'evil, 10.1.2.3'), proxies, '10.1.2.3'],
    ['no header: the proxy itself', request('127.0.0.1'), proxies, '127.0.0.1'],
    ['hops with ports, as some proxies write them', request('127.0.0.1', '203.0.113.7:52311, [2606:4700::1]:443'), proxies, '203.0.113.7'],
    ['a bracketed IPv6 client with a port', request('127.0.0.1', '[2001:db8::7]:4711'), proxies, '2001:db8::7'],
    ['an IPv6 client in another spelling: one address, one count', request('127.0.0.1', '2001:DB8:0:0::7'), proxies, '2001:db8::7'],
  ])('%s', (_name, input, trusted, expected) => {
    expect(clientAddress(input, trusted)).toBe(expected);
  });
});
