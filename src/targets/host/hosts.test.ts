import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yaml } from '../../testing/dedent.js';
import { loadPlanText, planErrors } from '../../testing/plans.js';
import { startSshd, type RunningSshd } from '../../testing/sshd.js';
import { CLOUDFLARE_RANGES } from './address-ranges.js';
import { hostSchema } from './config.js';
import { HostTargets } from './hosts.js';
import { SshSession } from './ssh-session.js';

describe('hosts over SSH (real sshd on 127.0.0.1)', () => {
  let sshd: RunningSshd;
  beforeAll(async () => {
    sshd = await startSshd();
    sshd.write({ 'etc/k3s/token': { content: 'K10secret::server:abc\n', mode: 0o600 }, 'etc/k3s/config.yaml': 'write-kubeconfig-mode: "0644"\n' });
  }, 120_000);
  afterAll(async () => sshd?.close());

  const targets = (extra: Record<string, unknown> = {}, timeoutMs = 5000) => new HostTargets([hostSchema.parse(sshd.planHost(extra))], { timeoutMs, planDir: sshd.dir });

  it('stats, reads and lists files over SFTP, each once, on one connection', async () => {
    const hosts = targets();
    try {
      const [host] = hosts.targets;
      const token = `${sshd.root}/etc/k3s/token`;
      expect(await host!.stat(token)).toMatchObject({ path: token, mode: 0o600, isFile: true, isDirectory: false, size: 22 });
      expect(await host!.stat(`${sshd.root}/etc/k3s`)).toMatchObject({ isDirectory: true });
      expect(await host!.stat(`${sshd.root}/nowhere`)).toBeUndefined();
      expect(await host!.readFile(`${sshd.root}/etc/k3s/config.yaml`)).toBe('write-kubeconfig-mode: "0644"\n');
      expect(await host!.readFile(`${sshd.root}/nowhere`)).toBeUndefined();
      expect(await host!.listDir(`${sshd.root}/etc/k3s`)).toEqual(['config.yaml', 'token']);
      expect(await host!.listDir(`${sshd.root}/nowhere`)).toBeUndefined();
      const read = host!.readFile(token);
      expect(host!.readFile(token)).toBe(read);
      expect(await read).toBe('K10secret::server:abc\n');
      expect(host).toMatchObject({ identity: `127.0.0.1:${sshd.port} test-sshd-${sshd.port}`, location: { kind: 'host', host: '127.0.0.1', port: sshd.port }, declaredAt: ['targets', 'hosts', 0] });
    } finally {
      hosts.close();
    }
  });

  it('runs commands on parallel channels; a missing one exits 127', async () => {
    const session = new SshSession(hostSchema.parse(sshd.planHost()), { timeoutMs: 5000, planDir: sshd.dir });
    try {
      const outputs = await Promise.all(Array.from({ length: 8 }, (_, i) => session.exec(`echo ${i}`)));
      expect(outputs.map((o) => o.stdout.trim())).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
      expect((await session.exec('harden-no-such-tool --version')).exitCode).toBe(127);
    } finally {
      session.close();
    }
  });

  it('times a command out', async () => {
    const session = new SshSession(hostSchema.parse(sshd.planHost()), { timeoutMs: 300, planDir: sshd.dir });
    try {
      await expect(session.exec('sleep 5')).rejects.toThrow(/did not finish within 300 ms/);
    } finally {
      session.close();
    }
  });

  it('accepts a host key listed in known_hosts', async () => {
    const hosts = targets({ hostKey: undefined, knownHosts: `file:${sshd.knownHostsFile}` });
    try {
      expect(await hosts.targets[0]!.listDir(sshd.root)).toEqual(['etc']);
    } finally {
      hosts.close();
    }
  });

  it('refuses an unknown host key, naming the fingerprint and how to pin it', async () => {
    const hosts = targets({ hostKey: undefined, knownHosts: `file:${sshd.dir}/authorized_keys` });
    await expect(hosts.targets[0]!.stat('/')).rejects.toThrow(`unknown host key ssh-ed25519 ${sshd.hostKeyFingerprint}: not in file:${sshd.dir}/authorized_keys and never trusted on first use; pin it after checking it on the host`);
  });

  it('refuses a host key other than the pinned one', async () => {
    const pinned = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
    const hosts = targets({ hostKey: pinned });
    await expect(hosts.targets[0]!.stat('/')).rejects.toThrow(`HOST KEY MISMATCH: the plan pins ${pinned}, the host presented ssh-ed25519 ${sshd.hostKeyFingerprint}`);
  });

  it('says which method failed to authenticate, never the key', async () => {
    const hosts = targets({ identity: `file:${sshd.dir}/ssh_host_ed25519_key` });
    const error = await hosts.targets[0]!.stat('/').catch((e: Error) => e);
    expect(String(error)).toContain(`authentication failed (tried publickey with the key of file:${sshd.dir}/ssh_host_ed25519_key)`);
    expect(String(error)).not.toContain('PRIVATE KEY');
  });

  it('reports a refused connection', async () => {
    const hosts = new HostTargets([hostSchema.parse(sshd.planHost({ ssh: `${sshd.user}@127.0.0.1:9` }))], { timeoutMs: 2000, planDir: sshd.dir });
    await expect(hosts.targets[0]!.stat('/')).rejects.toThrow(`${sshd.user}@[127.0.0.1]:9: connection refused`);
  });
});

describe('targets.hosts', () => {
  const base = { name: 'web-1', ssh: 'deploy@203.0.113.7', agent: true, hostKey: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU' };
  it('reads user@host[:port], IPv6 in brackets', () => {
    expect(hostSchema.parse(base).ssh).toEqual({ user: 'deploy', host: '203.0.113.7', port: 22 });
    expect(hostSchema.parse({ ...base, ssh: 'root@[2001:db8::1]:2222' }).ssh).toEqual({ user: 'root', host: '2001:db8::1', port: 2222 });
    expect(hostSchema.safeParse({ ...base, ssh: '203.0.113.7' }).success).toBe(false);
  });
  it('needs a way to authenticate and a known host key; secrets only as references', () => {
    expect(hostSchema.safeParse({ ...base, agent: undefined }).error?.issues[0]?.message).toMatch(/identity/);
    expect(hostSchema.safeParse({ ...base, hostKey: undefined }).error?.issues[0]?.message).toMatch(/unknown host keys are refused/);
    expect(hostSchema.safeParse({ ...base, identity: '-----BEGIN OPENSSH PRIVATE KEY-----' }).success).toBe(false);
    expect(hostSchema.safeParse({ ...base, paths: { sshdConfig: 'etc/ssh' } }).success).toBe(false);
  });

  const plan = (restrictPorts: string) => yaml`
    targets:
      hosts:
        - name: web-1
          ssh: deploy@203.0.113.7
          agent: true
          hostKey: SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU
          restrictPorts: ${restrictPorts}
  `;

  it('resolves restrictPorts (a range name, a CIDR, or a list of either) to CIDRs when the plan loads', () => {
    const { plan: loaded } = loadPlanText(plan('{ 443: cloudflare, 6443: 10.0.0.0/16, 10250: [Cloudflare, "2001:db8::/32"] }'));
    const cloudflare = [...CLOUDFLARE_RANGES.ipv4, ...CLOUDFLARE_RANGES.ipv6];
    expect(loaded.targets.hosts[0]!.restrictPorts).toEqual({ 443: cloudflare, 6443: ['10.0.0.0/16'], 10250: [...cloudflare, '2001:db8::/32'] });
    const hosts = new HostTargets(loaded.targets.hosts, { timeoutMs: 1000, planDir: '.' });
    expect(hosts.targets[0]!.expect.restrictPorts).toEqual({ 443: cloudflare, 6443: ['10.0.0.0/16'], 10250: [...cloudflare, '2001:db8::/32'] });
  });

  it('rejects an unknown range name or a bad CIDR at its line', () => {
    expect(planErrors(plan('{ 443: cloudfare }'))).toEqual(['harden.yaml:7:24: 443: "cloudfare" is neither a CIDR nor a known range name (cloudflare)']);
    expect(planErrors(plan('\n            443: [cloudflare, 10.0.0.0/33]\n            70000: 10.0.0.0/8'))).toEqual([
      'harden.yaml:8:27: "10.0.0.0/33" is neither a CIDR nor a known range name (cloudflare)',
      'harden.yaml:9:9: 70000: a key of restrictPorts is a port number (1-65535)',
    ]);
  });
});
