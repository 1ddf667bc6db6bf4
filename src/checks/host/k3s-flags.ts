import type { HostTarget } from '../../targets/host/host-target.js';
import { applyK3sCommandLine, applyK3sConfig, emptyK3sSettings, parseSecretsEncryptStatus, unitExecStart, type K3sSettings } from '../../targets/host/k3s-flags.js';
import { runTool } from '../../targets/host/tool-output.js';
import { defineCheck } from '../define.js';

export const k3sFlags = defineCheck({
  id: 'host/k3s-flags',
  title: 'k3s encrypts Secrets at rest and refuses anonymous requests to the API server and kubelet',
  severity: 'high',
  target: 'host',
  why:
    'Without `--secrets-encryption` a k3s server stores every Secret in plain text in its datastore (SQLite, etcd or an external database): ' +
    'a copy of /var/lib/rancher/k3s/server/db, an etcd snapshot or a database dump gives away every credential in the cluster. Anonymous ' +
    'requests to the API server or the kubelet (port 10250) are answered as `system:anonymous`; one RBAC or kubelet authorization slip then ' +
    'exposes the cluster or command execution in pods. k3s disables anonymous auth on both by default, so the check fails only when a flag ' +
    'turns it back on. It reads /etc/rancher/k3s/config.yaml and its config.yaml.d drop-ins, the systemd unit the install script writes, the ' +
    'running k3s command line, and `k3s secrets-encrypt status` when the SSH user may run it (root). Not applicable on hosts without k3s.',
  fix:
    'Servers: `secrets-encryption: true` in /etc/rancher/k3s/config.yaml (k3s cannot enable it on a running cluster without a restart; on an ' +
    'existing cluster follow `k3s secrets-encrypt enable` / `reencrypt` from the k3s documentation). Remove `anonymous-auth=true` from ' +
    '`kube-apiserver-arg` and `kubelet-arg`.',
  refs: ['K3s documentation: Secrets Encryption and k3s secrets-encrypt (docs.k3s.io)', 'K3s CIS Hardening Guide and Self-Assessment 1.2.1 (API server anonymous-auth), 4.2.1 (kubelet anonymous-auth)', 'CIS Kubernetes Benchmark 1.2.29-1.2.30 (encryption provider)'],
  messages: {
    encryptionOff: 'The k3s server does not encrypt Secrets at rest ({source})',
    apiserverAnonymous: 'The k3s API server accepts anonymous requests: anonymous-auth={value} ({source})',
    kubeletAnonymous: 'The kubelet accepts anonymous requests: anonymous-auth={value} ({source})',
  },
  claims: [
    {
      about: 'Secrets encrypted at rest',
      names: ['secrets-encryption', 'secrets-encrypt', 'encryption-provider-config', ['Secret*', 'encrypt*', 'rest'], ['etcd', 'encrypt*'], ['k3s', 'Secret*', 'encrypt*']],
      // An etcd snapshot's or a backup's encryption is another claim.
      unless: ['snapshot*', 'backup*'],
      messages: ['encryptionOff'],
    },
    {
      about: 'anonymous auth off',
      names: ['anonymous-auth', ['kubelet', 'anonymous'], ['API server', 'anonymous'], ['apiserver', 'anonymous']],
      messages: ['apiserverAnonymous', 'kubeletAnonymous'],
    },
  ],
  async evaluate(host, ctx) {
    const read = await readK3s(host);
    if (read === undefined) {
      ctx.notApplicable();
      return;
    }
    const { settings, unreadable, encryptStatus } = read;
    const origin = (key: string, fallback: string) => settings.origins.get(key) ?? fallback;
    const facts: string[] = [`k3s ${settings.role ?? 'server'}`];
    if (settings.role !== 'agent') {
      const providerConfig = settings.apiserverArgs.has('encryption-provider-config');
      if (encryptStatus !== undefined) {
        if (!encryptStatus) ctx.fail(host.location, 'encryptionOff', { source: 'k3s secrets-encrypt status: Disabled' });
        facts.push(`Secrets encryption ${encryptStatus ? 'enabled' : 'disabled'} (k3s secrets-encrypt status)`);
      } else if (settings.secretsEncryption === true || providerConfig) {
        facts.push(`Secrets encryption on (${providerConfig ? origin('kube-apiserver-arg:encryption-provider-config', '') : origin('secrets-encryption', '')})`);
      } else if (unreadable.length > 0) {
        throw new Error(`whether k3s encrypts Secrets cannot be told: ${unreadable.join(', ')} cannot be read and k3s secrets-encrypt status did not answer (connect as root)`);
      } else {
        const source = settings.secretsEncryption === false ? `secrets-encryption: false in ${origin('secrets-encryption', '')}` : `no secrets-encryption in ${read.sources.join(', ')}`;
        ctx.fail(host.location, 'encryptionOff', { source });
      }
      const apiserver = settings.apiserverArgs.get('anonymous-auth');
      if (apiserver === 'true') ctx.fail(host.location, 'apiserverAnonymous', { value: apiserver, source: origin('kube-apiserver-arg:anonymous-auth', '') });
      facts.push(`API server anonymous-auth ${apiserver ?? 'false (k3s default)'}`);
    }
    const kubelet = settings.kubeletArgs.get('anonymous-auth');
    if (kubelet === 'true') ctx.fail(host.location, 'kubeletAnonymous', { value: kubelet, source: origin('kubelet-arg:anonymous-auth', '') });
    facts.push(`kubelet anonymous-auth ${kubelet ?? 'false (k3s default)'}`);
    ctx.measured(facts.join('; '));
  },
});

interface K3sReading {
  settings: K3sSettings;
  /** Where settings were read, for evidence. */
  sources: string[];
  /** Files that exist but could not be read (config.yaml is 0600 root by default). */
  unreadable: string[];
  encryptStatus?: boolean;
}

/** Every place k3s takes its settings from, in the order k3s applies them; undefined when the host has no k3s. */
async function readK3s(host: HostTarget): Promise<K3sReading | undefined> {
  const settings = emptyK3sSettings();
  const sources: string[] = [];
  const unreadable: string[] = [];
  const config = host.path('k3sConfig', `${host.path('k3sConfigDir', '/etc/rancher/k3s')}/config.yaml`);
  const dropIns = `${config}.d`;
  const files = [config, ...((await host.listDir(dropIns)) ?? []).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => `${dropIns}/${name}`)];
  let found = false;
  for (const file of files) {
    const text = await host.readFile(file);
    if (text === undefined) {
      if (await host.stat(file)) {
        found = true;
        unreadable.push(file);
      }
      continue;
    }
    found = true;
    sources.push(file);
    applyK3sConfig(settings, text, file);
  }
  const unitDir = host.path('k3sUnits', '/etc/systemd/system');
  const units = { server: `${unitDir}/k3s.service`, agent: `${unitDir}/k3s-agent.service` };
  const serverUnit = await host.readFile(units.server);
  const agentUnit = await host.readFile(units.agent);
  for (const [path, unit] of [[units.server, serverUnit], [units.agent, agentUnit]] as const) {
    const execStart = unit === undefined ? undefined : unitExecStart(unit);
    if (execStart === undefined) continue;
    found = true;
    sources.push(path);
    applyK3sCommandLine(settings, execStart, path);
  }
  const ps = await runTool(host, 'processArgs');
  if (ps.kind === 'ok')
    for (const line of ps.stdout.split('\n').filter((line) => /(^|\/)k3s (server|agent)\b/.test(line.trim()))) {
      found = true;
      sources.push('the running k3s process');
      applyK3sCommandLine(settings, line, 'the running k3s process');
    }
  if (!found) return undefined;
  if (settings.role === undefined && agentUnit !== undefined && serverUnit === undefined) settings.role = 'agent';
  const status = settings.role === 'agent' ? undefined : await runTool(host, 'k3sSecretsEncryptStatus');
  const encryptStatus = status?.kind === 'ok' ? parseSecretsEncryptStatus(status.stdout) : undefined;
  return { settings, sources: [...new Set(sources)], unreadable, ...(encryptStatus === undefined ? {} : { encryptStatus }) };
}
