import { parseAptList, parseRebootPackages } from '../../targets/host/apt-updates.js';
import { absence, runTool } from '../../targets/host/tool-output.js';
import { defineCheck } from '../define.js';

const LISTED = 12;

export const pendingUpdates = defineCheck({
  id: 'host/pending-updates',
  title: 'No security updates are pending and no reboot is waiting to finish them',
  severity: 'high',
  target: 'host',
  why:
    'Most compromises of servers use vulnerabilities that already have a fix: a security update that is published but not installed, or ' +
    'installed but not running because the host was not rebooted (a new kernel, libc or OpenSSL stays unused until then). The check asks ' +
    'apt which installed packages have a newer version (`apt list --upgradable`, which changes nothing) and counts those offered by a ' +
    '`-security` archive, and reads /var/run/reboot-required and the packages that asked for it (reboot-required.pkgs, written by Debian ' +
    'and Ubuntu package scripts). apt answers from the package lists as last refreshed (apt-daily refreshes them daily when unattended-upgrades ' +
    'is set up). Hosts without apt (RHEL, Alpine) are reported as not measured, not passed.',
  fix:
    'Install them: `apt-get update && apt-get upgrade` (or enable unattended-upgrades for the security archive), then reboot when ' +
    '/var/run/reboot-required exists, one node at a time for a cluster (`kubectl drain`, reboot, `kubectl uncordon`; kured automates it).',
  refs: ['CIS Controls v8 7.3 and 7.4 (automated patch management)', 'CIS Debian/Ubuntu Linux Benchmarks 1.9 (updates installed)', 'Lynis PKGS-7392 (vulnerable packages), KRNL-5830 (reboot required)'],
  messages: {
    security: '{count} security update(s) pending: {packages}',
    reboot: { text: 'A reboot is required to finish installed updates{asked}', severity: 'medium' },
  },
  claims: [
    {
      about: 'security updates installed',
      names: ['pending updates', 'security updates', 'security patches', 'unpatched', 'apt upgrade', 'apt-get upgrade', ['patch*', 'OS'], ['patch*', 'host*'], ['patch*', 'server*'], ['patch*', 'kernel']],
      unless: ['unattended-upgrades', 'automatic updates', 'dependabot', 'renovate', 'npm audit'],
      messages: ['security'],
    },
    { about: 'no reboot pending', names: ['reboot-required', 'kured', ['reboot*', 'kernel update*']], messages: ['reboot'] },
  ],
  async evaluate(host, ctx) {
    const output = await runTool(host, 'aptUpgradable');
    if (output.kind !== 'ok') throw new Error(`pending updates cannot be read: ${absence(output)} (harden reads apt: Debian, Ubuntu)`);
    const updates = parseAptList(output.stdout);
    const security = updates.filter((update) => update.security);
    if (security.length > 0) {
      const names = security.map((update) => update.name).sort();
      const packages = names.length > LISTED ? `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more` : names.join(', ');
      ctx.fail(host.location, 'security', { count: security.length, packages }, security.map((u) => `${u.name} ${u.installed ?? '(new)'} -> ${u.candidate}`).join('\n'));
    }
    const rebootFlag = host.path('rebootRequired', '/var/run/reboot-required');
    const rebootRequired = await host.readFile(rebootFlag);
    if (rebootRequired !== undefined) {
      const asked = parseRebootPackages((await host.readFile(`${rebootFlag}.pkgs`)) ?? '');
      ctx.fail(host.location, 'reboot', { asked: asked.length > 0 ? `: asked by ${asked.join(', ')}` : '' }, rebootRequired.trim());
    }
    ctx.computed({ pending: updates.length, security: security.length, rebootRequired: rebootRequired !== undefined });
    if (security.length === 0 && rebootRequired === undefined) ctx.measured(`${updates.length} update(s) pending, none from a security archive; no reboot required`);
  },
});
