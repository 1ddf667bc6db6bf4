import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const ENSURE_SCRIPT = fileURLToPath(new URL('../../scripts/ensure-chromium.sh', import.meta.url));

/** Debian's chromium, headless (CHROMIUM_PATH to use another); installed by scripts/ensure-chromium.sh when missing. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!process.env.CHROMIUM_PATH) {
    const run = spawnSync('bash', [ENSURE_SCRIPT], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`scripts/ensure-chromium.sh failed (exit ${run.status ?? run.signal}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return chromium.launch({ executablePath, args: ['--no-sandbox'] });
}
