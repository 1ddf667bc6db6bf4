import { describe, expect, it } from 'vitest';
import { harden, tree } from './cli.js';

/** Issue 9, defect 18 (--dns-server): a bad address is bad input (exit 2, one clear line), never an internal error. */
describe('scan --dns-server', () => {
  const dir = tree({ 'harden.yaml': 'version: 1\ntargets:\n  domains: [example.test]\n' });

  it.each(['999.1.1.1:99999', '999.1.1.1:53', '127.0.0.1:0', '127.0.0.1:65536', '[::1]:99999', '[fe80::zz]:53', '127.0.0.1', 'localhost:53'])('refuses %s', (server) => {
    const run = harden(['scan', dir, '--dns-server', server, '--fail-on', 'none']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`--dns-server: expected an IP address and port (127.0.0.1:5353, [::1]:53; ports 1 to 65535), got "${server}"`);
  });
});
