import { aptList, aptPartFile, aptValue, parseAptConf, type AptSetting } from '../../targets/host/apt-conf.js';
import { commandState, stderrLine } from '../../targets/host/command-state.js';
import type { HostTarget } from '../../targets/host/host-target.js';
import type { Location } from '../../targets/location.js';
import { remoteFileAt } from '../../targets/host/remote-file-location.js';
import { defineCheck } from '../define.js';

const ENABLE = 'APT::Periodic::Unattended-Upgrade';
const ORIGIN_LISTS = ['Unattended-Upgrade::Origins-Pattern', 'Unattended-Upgrade::Allowed-Origins'];
/** The security archive (Debian-Security, <codename>-security, Ubuntu ESM); Raspbian publishes its security fixes in its main archive. */
const SECURITY_ORIGIN = /security|\b(origin|label)=Raspbian\b/i;

export const unattendedUpgrades = defineCheck({
  id: 'host/unattended-upgrades',
  title: 'Security updates install themselves (unattended-upgrades on Debian and Ubuntu)',
  severity: 'medium',
  target: 'host',
  why:
    'Most intrusions into servers use vulnerabilities that had a fix for weeks: a host that installs security updates only when someone ' +
    'remembers stays exposed in between. On Debian and Ubuntu, unattended-upgrades installs them daily when it is installed, enabled ' +
    '(`APT::Periodic::Unattended-Upgrade "1"`, usually in /etc/apt/apt.conf.d/20auto-upgrades) and its origins include the security ' +
    'archive (`label=Debian-Security`, `${distro_codename}-security`). The check reads apt\'s merged configuration (`apt-config dump`, ' +
    'no root needed), or the apt.conf.d files where the plan points `paths.unattendedUpgrades`; hosts without dpkg are not evaluated.',
  fix: [
    'apt-get install unattended-upgrades && dpkg-reconfigure -plow unattended-upgrades, which writes /etc/apt/apt.conf.d/20auto-upgrades:',
    '',
    '    APT::Periodic::Update-Package-Lists "1";',
    '    APT::Periodic::Unattended-Upgrade "1";',
    '',
    'and keep the security origin in 50unattended-upgrades ("origin=Debian,codename=${distro_codename},label=Debian-Security"; on Ubuntu',
    '"${distro_id}:${distro_codename}-security"). Set Unattended-Upgrade::Automatic-Reboot or watch /var/run/reboot-required for kernel updates.',
  ].join('\n'),
  refs: ['CIS Debian Linux Benchmark 1.9 (updates, patches and additional security software)', 'Debian wiki UnattendedUpgrades', 'NIST SP 800-40r4 (enterprise patch management)'],
  messages: {
    notInstalled: 'unattended-upgrades is not installed: security updates wait for someone to install them',
    notEnabled: '{key} is "{value}" ({source}): unattended-upgrades does not run',
    noSecurityOrigin: 'no origin of unattended-upgrades ({source}) is the security archive: security updates are not installed automatically',
  },
  claims: [
    {
      about: 'automatic security updates',
      names: ['unattended-upgrades', 'auto-upgrades', 'dnf-automatic', 'yum-cron', ['automatic', 'security update*'], ['auto*', 'security patch*'], ['automatic', 'update*', 'host*'], ['automatic', 'update*', 'server*'], ['security update*', 'enabled']],
    },
  ],
  async evaluate(host, ctx) {
    const planned = host.path('unattendedUpgrades', '');
    const read = planned ? await filesSettings(host, planned) : await systemSettings(host);
    if (read === 'not-debian') return ctx.notApplicable();
    if (read === 'not-installed') {
      ctx.fail(host.location, 'notInstalled');
      return;
    }
    const { settings, source } = read;
    const enabled = aptValue(settings, ENABLE);
    const value = enabled?.value ?? '0';
    // apt accepts a number of days or "always"; "0", empty or unset turns it off.
    if (value === '' || value === '0' || !/^(\d+[smhd]?|always)$/i.test(value)) {
      ctx.fail(at(host, enabled), 'notEnabled', { key: ENABLE, value, source: enabled?.file ? `${enabled.file}:${enabled.line}` : enabled ? source : 'not set' });
    }
    const origins = ORIGIN_LISTS.flatMap((key) => aptList(settings, key));
    if (!origins.some((origin) => SECURITY_ORIGIN.test(origin.value))) {
      ctx.fail(at(host, origins[0]), 'noSecurityOrigin', { source }, origins.map((origin) => origin.value).join('; ').slice(0, 300) || 'no origins');
    }
    ctx.measured(`${ENABLE} "${value}"; ${origins.length} origin(s) (${source})`);
  },
});

function at(host: HostTarget, setting: AptSetting | undefined): Location {
  return setting?.file ? remoteFileAt(host, setting.file, setting.line) : host.location;
}

type Read = { settings: AptSetting[]; source: string } | 'not-debian' | 'not-installed';

async function systemSettings(host: HostTarget): Promise<Read> {
  const installed = await host.run('unattendedUpgradesPackage');
  const state = commandState(installed);
  if (state === 'missing') return 'not-debian';
  if (state !== 'ok' && !/no packages found/i.test(installed.stderr)) throw new Error(`dpkg-query failed: ${stderrLine(installed) || `exit ${installed.exitCode}`}`);
  if (!/install ok installed/.test(installed.stdout)) return 'not-installed';
  const dump = await host.run('aptConfig');
  if (commandState(dump) !== 'ok') throw new Error(`apt-config dump failed: ${stderrLine(dump) || `exit ${dump.exitCode}`}`);
  return { settings: parseAptConf(dump.stdout), source: 'apt-config dump' };
}

/** The plan's apt.conf.d directory, read in apt's order. */
async function filesSettings(host: HostTarget, dir: string): Promise<Read> {
  const names = await host.listDir(dir);
  if (!names) throw new Error(`${dir} (paths.unattendedUpgrades) does not exist or cannot be listed`);
  const settings: AptSetting[] = [];
  for (const name of names.filter(aptPartFile).sort()) {
    const text = await host.readFile(`${dir}/${name}`);
    if (text !== undefined) settings.push(...parseAptConf(text, `${dir}/${name}`));
  }
  return { settings, source: dir };
}
