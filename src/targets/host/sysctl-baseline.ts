/** One kernel parameter of the baseline: which values pass, and why. */
export interface SysctlExpectation {
  readonly key: string;
  readonly accepts: readonly string[];
  readonly ref: string;
}

const CIS_NET = 'CIS Linux benchmarks, network parameters';
const CIS_PROC = 'CIS Linux benchmarks, process hardening';
const KSPP = 'KSPP recommended settings';

/**
 * A small baseline from the CIS Linux benchmarks and the Kernel Self Protection Project's
 * recommended settings, every value one the distributions' kernels support and k3s runs with.
 * Left out on purpose: net.ipv4.ip_forward and net.bridge.* (Kubernetes nodes route pod
 * traffic), IPv6 router advertisements (cloud networks configure addresses with them),
 * kernel.unprivileged_userns_clone and user.max_user_namespaces (rootless containers use them).
 * rp_filter accepts loose mode (2): CNIs and multi-homed hosts need it, and it still drops
 * packets from unroutable sources (RFC 3704).
 */
export const SYSCTL_BASELINE: readonly SysctlExpectation[] = [
  { key: 'kernel.kptr_restrict', accepts: ['1', '2'], ref: `${KSPP}; Lynis KRNL-6000` },
  { key: 'kernel.dmesg_restrict', accepts: ['1'], ref: `${KSPP}; Lynis KRNL-6000` },
  { key: 'kernel.unprivileged_bpf_disabled', accepts: ['1', '2'], ref: KSPP },
  { key: 'kernel.randomize_va_space', accepts: ['2'], ref: `${CIS_PROC}: ASLR` },
  { key: 'kernel.yama.ptrace_scope', accepts: ['1', '2', '3'], ref: `${CIS_PROC}; ${KSPP}` },
  { key: 'fs.suid_dumpable', accepts: ['0'], ref: `${CIS_PROC}: core dumps` },
  { key: 'fs.protected_hardlinks', accepts: ['1'], ref: KSPP },
  { key: 'fs.protected_symlinks', accepts: ['1'], ref: KSPP },
  { key: 'fs.protected_fifos', accepts: ['1', '2'], ref: KSPP },
  { key: 'fs.protected_regular', accepts: ['1', '2'], ref: KSPP },
  { key: 'net.ipv4.conf.all.rp_filter', accepts: ['1', '2'], ref: `${CIS_NET}: reverse path filtering` },
  { key: 'net.ipv4.conf.default.rp_filter', accepts: ['1', '2'], ref: `${CIS_NET}: reverse path filtering` },
  { key: 'net.ipv4.conf.all.accept_redirects', accepts: ['0'], ref: `${CIS_NET}: ICMP redirects` },
  { key: 'net.ipv4.conf.default.accept_redirects', accepts: ['0'], ref: `${CIS_NET}: ICMP redirects` },
  { key: 'net.ipv6.conf.all.accept_redirects', accepts: ['0'], ref: `${CIS_NET}: ICMP redirects` },
  { key: 'net.ipv6.conf.default.accept_redirects', accepts: ['0'], ref: `${CIS_NET}: ICMP redirects` },
  { key: 'net.ipv4.conf.all.send_redirects', accepts: ['0'], ref: `${CIS_NET}: packet redirect sending` },
  { key: 'net.ipv4.conf.default.send_redirects', accepts: ['0'], ref: `${CIS_NET}: packet redirect sending` },
  { key: 'net.ipv4.conf.all.accept_source_route', accepts: ['0'], ref: `${CIS_NET}: source routed packets` },
  { key: 'net.ipv4.conf.default.accept_source_route', accepts: ['0'], ref: `${CIS_NET}: source routed packets` },
  { key: 'net.ipv6.conf.all.accept_source_route', accepts: ['0'], ref: `${CIS_NET}: source routed packets` },
  { key: 'net.ipv4.tcp_syncookies', accepts: ['1'], ref: `${CIS_NET}: TCP SYN cookies` },
  { key: 'net.ipv4.icmp_echo_ignore_broadcasts', accepts: ['1'], ref: `${CIS_NET}: broadcast ICMP` },
];
