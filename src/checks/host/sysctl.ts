import { z } from 'zod';
import { SYSCTL_BASELINE } from '../../targets/host/sysctl-baseline.js';
import { parseSysctl } from '../../targets/host/sysctl.js';
import { absence, runTool } from '../../targets/host/tool-output.js';
import { defineCheck } from '../define.js';

export const sysctl = defineCheck({
  id: 'host/sysctl',
  title: 'Kernel parameters meet a small hardening baseline (CIS, KSPP)',
  severity: 'medium',
  target: 'host',
  why:
    'A few kernel parameters close whole classes of attack at no cost: kernel pointers and the kernel log hidden from unprivileged users ' +
    '(kptr_restrict, dmesg_restrict: KASLR bypasses), no unprivileged BPF (a recurring source of local privilege escalation), full ASLR, ' +
    'ptrace limited to descendants, protected hardlinks/symlinks/FIFOs/regular files in sticky directories (TOCTOU attacks in /tmp), no ' +
    'setuid core dumps, reverse-path filtering, no ICMP redirects or source routing (traffic hijacking), SYN cookies. The check reads ' +
    '`sysctl -a` and compares 23 parameters with values from the CIS Linux benchmarks and the Kernel Self Protection Project. It does not ' +
    'look at net.ipv4.ip_forward or net.bridge.* (k3s and every Kubernetes node route pod traffic) nor IPv6 router advertisements; rp_filter ' +
    'may be loose (2). A parameter the host does not report (no Yama module, or readable by root only) is listed as not measured. Skip ' +
    'parameters deliberately set otherwise with `skip:`.',
  fix:
    'Put the baseline in /etc/sysctl.d/60-hardening.conf (e.g. `kernel.kptr_restrict = 1`, `net.ipv4.conf.all.accept_redirects = 0`) and ' +
    'load it with `sysctl --system`; check that no later file in /etc/sysctl.d or /usr/lib/sysctl.d sets it back.',
  refs: ['CIS Debian Linux 12 / Ubuntu Linux 22.04 Benchmarks 1.5 and 3.3', 'Kernel Self Protection Project, Recommended Settings (kspp.github.io/Recommended_Settings)', 'Lynis KRNL-6000 (sysctl values)'],
  messages: {
    weak: '{key} = {value}; the baseline is {expected} ({ref})',
  },
  claims: [
    {
      about: 'kernel parameters hardened',
      names: ['sysctl', 'kernel hardening', 'kptr_restrict', 'dmesg_restrict', 'unprivileged_bpf_disabled', 'rp_filter', 'accept_redirects', 'tcp_syncookies', 'SYN cookies', 'ASLR', 'randomize_va_space', 'KSPP', ['kernel', 'parameter*']],
    },
  ],
  options: z.object({ skip: z.array(z.string().min(1)).default([]) }).strict(),
  async evaluate(host, ctx, options) {
    const output = await runTool(host, 'sysctlAll');
    if (output.kind !== 'ok') throw new Error(`kernel parameters cannot be read: ${absence(output)}`);
    const values = parseSysctl(output.stdout);
    const unmeasured: string[] = [];
    let measured = 0;
    for (const expectation of SYSCTL_BASELINE) {
      if (options.skip.includes(expectation.key)) continue;
      const value = values.get(expectation.key);
      if (value === undefined) {
        unmeasured.push(expectation.key);
        continue;
      }
      measured += 1;
      if (!expectation.accepts.includes(value)) {
        ctx.fail(host.location, 'weak', { key: expectation.key, value, expected: expectation.accepts.join(' or '), ref: expectation.ref }, `${expectation.key} = ${value}`);
      }
    }
    ctx.computed({ measured, unmeasured: unmeasured.length });
    ctx.measured(`${measured} baseline parameters measured${unmeasured.length > 0 ? `; not reported by the host: ${unmeasured.join(', ')}` : ''}`);
  },
});
