import { describe, expect, it } from 'vitest';
import { recorded } from '../../targets/host/recorded.js';
import { RecordedHost, runHostCheck } from '../../testing/recorded-host.js';
import { sysctl } from './sysctl.js';

const CONTAINER = recorded('sysctl-a.txt');
const HARDENED = [
  'kernel.kptr_restrict = 1', 'kernel.dmesg_restrict = 1', 'kernel.unprivileged_bpf_disabled = 2', 'kernel.randomize_va_space = 2', 'kernel.yama.ptrace_scope = 1',
  'fs.suid_dumpable = 0', 'fs.protected_hardlinks = 1', 'fs.protected_symlinks = 1', 'fs.protected_fifos = 1', 'fs.protected_regular = 2',
  'net.ipv4.conf.all.rp_filter = 2', 'net.ipv4.conf.default.rp_filter = 1', 'net.ipv4.conf.all.accept_redirects = 0', 'net.ipv4.conf.default.accept_redirects = 0',
  'net.ipv6.conf.all.accept_redirects = 0', 'net.ipv6.conf.default.accept_redirects = 0', 'net.ipv4.conf.all.send_redirects = 0', 'net.ipv4.conf.default.send_redirects = 0',
  'net.ipv4.conf.all.accept_source_route = 0', 'net.ipv4.conf.default.accept_source_route = 0', 'net.ipv6.conf.all.accept_source_route = 0', 'net.ipv4.tcp_syncookies = 1',
  'net.ipv4.icmp_echo_ignore_broadcasts = 1', 'net.ipv4.ip_forward = 1', 'net.bridge.bridge-nf-call-iptables = 1',
].join('\n');

describe('host/sysctl', () => {
  it('fails each baseline parameter the host (recorded: a Debian 12 container) sets otherwise', async () => {
    const outcome = await runHostCheck(sysctl, new RecordedHost({ commands: { sysctlAll: CONTAINER } }));
    expect(outcome.failures.map((f) => `${f.data.key}=${f.data.value}`)).toEqual([
      'kernel.kptr_restrict=0',
      'fs.protected_symlinks=0',
      'fs.protected_fifos=0',
      'fs.protected_regular=0',
      'net.ipv4.conf.all.rp_filter=0',
      'net.ipv4.conf.default.rp_filter=0',
      'net.ipv4.conf.all.accept_redirects=1',
      'net.ipv4.conf.default.accept_redirects=1',
      'net.ipv6.conf.all.accept_redirects=1',
      'net.ipv6.conf.default.accept_redirects=1',
      'net.ipv4.conf.all.send_redirects=1',
      'net.ipv4.conf.default.send_redirects=1',
      'net.ipv4.conf.default.accept_source_route=1',
    ]);
    expect(outcome.failures[0]!.message).toBe('kernel.kptr_restrict = 0; the baseline is 1 or 2 (KSPP recommended settings; Lynis KRNL-6000)');
    expect(outcome.evidence).toBe('22 baseline parameters measured; not reported by the host: kernel.yama.ptrace_scope');
  });

  it('passes a hardened k3s node: ip_forward and bridge netfilter on, loose rp_filter', async () => {
    const outcome = await runHostCheck(sysctl, new RecordedHost({ commands: { sysctlAll: HARDENED } }));
    expect(outcome.status).toBe('pass');
    expect(outcome.data).toEqual({ measured: 23, unmeasured: 0 });
  });

  it('skips the parameters a team sets otherwise on purpose', async () => {
    const outcome = await runHostCheck(sysctl, new RecordedHost({ commands: { sysctlAll: HARDENED.replace('kernel.dmesg_restrict = 1', 'kernel.dmesg_restrict = 0') } }), { skip: ['kernel.dmesg_restrict'] });
    expect(outcome.status).toBe('pass');
  });

  it('says so when sysctl is absent', async () => {
    expect(await runHostCheck(sysctl, new RecordedHost({}))).toMatchObject({ status: 'error', error: 'kernel parameters cannot be read: sysctl is not installed (exit 127)' });
  });
});
