import { describe, expect, it } from 'vitest';
import { recorded } from '../../targets/host/recorded.js';
import { RecordedHost, runHostCheck } from '../../testing/recorded-host.js';
import { pendingUpdates } from './pending-updates.js';

const UP_TO_DATE = 'Listing...\n';

describe('host/pending-updates', () => {
  it('fails pending security updates (recorded apt list --upgradable)', async () => {
    const outcome = await runHostCheck(pendingUpdates, new RecordedHost({ commands: { aptUpgradable: recorded('apt-list-upgradable.txt') } }));
    expect(outcome.failures.map((f) => f.messageId)).toEqual(['security']);
    expect(outcome.failures[0]!.message).toMatch(/^88 security update\(s\) pending: apt, apt-transport-https, .* and 76 more$/);
    expect(outcome.failures[0]!.evidence).toContain('liblzma5 5.4.1-1 -> 5.4.1-1+deb12u2');
    expect(outcome.data).toEqual({ pending: 138, security: 88, rebootRequired: false });
  });

  it('fails a pending reboot, naming the packages that asked', async () => {
    const host = new RecordedHost({
      commands: { aptUpgradable: UP_TO_DATE },
      files: { '/var/run/reboot-required': '*** System restart required ***\n', '/var/run/reboot-required.pkgs': 'linux-image-6.1.0-18-amd64\nlibc6\nlinux-image-6.1.0-18-amd64\n' },
    });
    const outcome = await runHostCheck(pendingUpdates, host);
    expect(outcome.failures.map((f) => f.message)).toEqual(['A reboot is required to finish installed updates: asked by linux-image-6.1.0-18-amd64, libc6']);
  });

  it('reads the reboot flag where the plan points (paths.rebootRequired)', async () => {
    const host = new RecordedHost({ commands: { aptUpgradable: UP_TO_DATE }, files: { '/run/reboot-required': '*** System restart required ***\n', '/run/reboot-required.pkgs': 'libc6\n' }, paths: { rebootRequired: '/run/reboot-required' } });
    expect((await runHostCheck(pendingUpdates, host)).failures.map((f) => f.message)).toEqual(['A reboot is required to finish installed updates: asked by libc6']);
  });

  it('passes an up-to-date host with only non-security updates', async () => {
    const outcome = await runHostCheck(pendingUpdates, new RecordedHost({ commands: { aptUpgradable: `${UP_TO_DATE}snapd/jammy-updates 2.61 amd64 [upgradable from: 2.58]\n` } }));
    expect(outcome).toMatchObject({ status: 'pass', evidence: '1 update(s) pending, none from a security archive; no reboot required' });
  });

  it('says apt is absent instead of passing (non-Debian hosts)', async () => {
    expect(await runHostCheck(pendingUpdates, new RecordedHost({}))).toMatchObject({
      status: 'error',
      error: 'pending updates cannot be read: apt is not installed (exit 127) (harden reads apt: Debian, Ubuntu)',
    });
  });
});
