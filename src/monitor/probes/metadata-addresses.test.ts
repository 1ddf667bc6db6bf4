import { describe, expect, it } from 'vitest';
import { connectTimed } from './connect.js';
import { metadataAddressReason } from './metadata-addresses.js';

describe('metadataAddressReason', () => {
  it('refuses link-local IPv4 and IPv6 addresses and the EC2 IPv6 metadata address, in any spelling', () => {
    for (const address of ['169.254.169.254', '169.254.0.1', '::ffff:169.254.169.254', '::ffff:a9fe:101', 'fe80::1', 'FE80::abcd:1', 'febf::1', 'fd00:ec2::254', 'fd00:0ec2:0:0:0:0:0:0254', '[fd00:ec2::254]'])
      expect(metadataAddressReason(address), address).toMatch(/refused$/);
  });

  it('lets any other address through', () => {
    for (const address of ['127.0.0.1', '10.0.0.1', '169.253.255.255', '::1', '::ffff:127.0.0.1', 'fd00:ec2::253', 'fec0::1', '2001:db8::1']) expect(metadataAddressReason(address), address).toBeUndefined();
  });

  it('is checked on the addresses a name resolves to, before connecting', async () => {
    const refuse = (address: string) => (address === '127.0.0.1' || address === '::1' ? `refused ${address}` : undefined);
    await expect(connectTimed({ host: 'localhost', port: 9, signal: new AbortController().signal, refuse }, {})).rejects.toThrow(/^refused (127\.0\.0\.1|::1)$/);
    await expect(connectTimed({ host: '127.0.0.1', port: 9, signal: new AbortController().signal, refuse }, {})).rejects.toThrow('refused 127.0.0.1');
  });
});
