import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { PasswordChecker } from '../src/server/auth/passwords.js';
import { acceptTotp, totpCode } from '../src/server/auth/totp.js';
import { LoginLimiter } from '../src/server/auth/rate-limit.js';
import { authStoreOf } from '../src/store/auth.js';
import { openStore } from '../src/store/open.js';

const dir = mkdtempSync(join(tmpdir(), 'harden-user-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('harden user add reads the password from stdin and keeps only its argon2id hash', async () => {
  const database = join(dir, 'harden.db');
  const run = spawnSync(process.execPath, [resolve('bin/harden.js'), 'user', 'add', 'ada', '--role', 'admin', '--database', database], {
    input: 'a long enough password\n',
    env: { ...process.env, NO_COLOR: '1', HARDEN_DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe('user ada added (admin)\n');
  expect(run.status).toBe(0);
  const store = await openStore({ sqlite: database, readOnly: true });
  try {
    const user = (await authStoreOf(store).user('ada'))!;
    expect(user.role).toBe('admin');
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(await new PasswordChecker().check(user.passwordHash, 'a long enough password')).toBe(true);
  } finally {
    await store.close();
  }
});

it('harden user list says which users sign in by single sign-on', async () => {
  const database = join(dir, 'list.db');
  const store = await openStore({ sqlite: database });
  try {
    await store.migrate();
    await authStoreOf(store).ssoUser({ name: 'sso@example.test', role: 'operator', source: 'oidc', at: Date.UTC(2026, 11, 7) });
  } finally {
    await store.close();
  }
  const run = spawnSync(process.execPath, [resolve('bin/harden.js'), 'user', 'list', '--database', database], { env: { ...process.env, NO_COLOR: '1', HARDEN_DATABASE_URL: '' }, encoding: 'utf8', timeout: 20_000 });
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^sso@example\.test\toperator\tsingle sign-on\tadded 2026-12-07/);
});

it('harden user unlock forgets the failed sign-ins that lock a user out, on every serve process of the database', async () => {
  const database = join(dir, 'unlock.db');
  const store = await openStore({ sqlite: database });
  try {
    await store.migrate();
    await authStoreOf(store).addUser({ name: 'ada', role: 'admin', passwordHash: 'unused', at: Date.now() });
    const limiter = new LoginLimiter(authStoreOf(store));
    const now = Date.now();
    for (let i = 0; i < 5; i++) expect((await limiter.attempt('ada', '192.0.2.7', now)).retryAfter).toBe(0);
    expect((await limiter.attempt('ada', '192.0.2.7', now)).retryAfter).toBeGreaterThan(0);
    const run = spawnSync(process.execPath, [resolve('bin/harden.js'), 'user', 'unlock', 'ada', '--database', database], { env: { ...process.env, NO_COLOR: '1', HARDEN_DATABASE_URL: '' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('failed sign-ins of ada forgotten: sign-in is open again on every harden serve\n');
    expect((await limiter.attempt('ada', '192.0.2.7', now)).retryAfter).toBe(0);
  } finally {
    await store.close();
  }
});

it('a HARDEN_DATABASE_URL that is not a PostgreSQL URL is a one-line input error, not a connection attempt', () => {
  const run = spawnSync(process.execPath, [resolve('bin/harden.js'), 'user', 'list', '--database', join(dir, 'unused.db')], { env: { ...process.env, NO_COLOR: '1', HARDEN_DATABASE_URL: 'sqlite:///tmp/x.db' }, encoding: 'utf8', timeout: 20_000 });
  expect(run.stderr).toBe(
    `HARDEN_DATABASE_URL takes a PostgreSQL URL (postgres://user@host/database), got "sqlite:///tmp/x.db"; for SQLite leave it unset and name the file with --database FILE or the plan's monitoring.database\n`,
  );
  expect(run.status).toBe(2);
});

it('harden user unlock refuses a user that does not exist and a --client that is not an IP address', async () => {
  const database = join(dir, 'unlock-unknown.db');
  const store = await openStore({ sqlite: database });
  await store.migrate();
  await store.close();
  const unlock = (...args: string[]) => spawnSync(process.execPath, [resolve('bin/harden.js'), 'user', 'unlock', ...args, '--database', database], { env: { ...process.env, NO_COLOR: '1', HARDEN_DATABASE_URL: '' }, encoding: 'utf8', timeout: 20_000 });
  const nobody = unlock('nobody');
  expect(nobody.stderr).toBe('no user "nobody"\n');
  expect(nobody.stdout).toBe('');
  expect(nobody.status).toBe(2);
  const notAnIp = unlock('ada', '--client', 'notanip');
  expect(notAnIp.stderr).toBe('--client notanip: expected an IP address (192.0.2.7, 2001:db8::7)\n');
  expect(notAnIp.status).toBe(2);
});

it('the token and session commands say the plan\'s database holds the tokens and sessions', () => {
  const help = (...args: string[]) => spawnSync(process.execPath, [resolve('bin/harden.js'), ...args, '--help'], { encoding: 'utf8', timeout: 20_000 }).stdout;
  for (const command of ['add', 'list', 'revoke']) expect(help('token', command)).toContain('plan file whose monitoring.database holds the tokens');
  expect(help('session', 'revoke')).toContain('plan file whose monitoring.database holds the sessions');
  expect(help('user', 'add')).toContain('plan file whose monitoring.database holds the users');
});

it('harden user password, role and totp --off change a password user in place; a single sign-on user is the provider\'s', async () => {
  const database = join(dir, 'change.db');
  const cli = (args: string[], input = '') =>
    spawnSync(process.execPath, [resolve('bin/harden.js'), 'user', ...args, '--database', database], { input, env: { ...process.env, NO_COLOR: '1', HARDEN_DATABASE_URL: '' }, encoding: 'utf8', timeout: 20_000 });
  const store = await openStore({ sqlite: database });
  const auth = authStoreOf(store);
  try {
    await store.migrate();
    await auth.addUser({ name: 'ada', role: 'admin', passwordHash: 'the old hash', at: Date.now() });
    await auth.ssoUser({ name: 'sso@example.test', role: 'operator', source: 'oidc', at: Date.now() });
    await auth.createSession({ idHash: 'a'.repeat(64), user: 'ada', pendingTotp: false, at: Date.now(), expiresAt: Date.now() + 3_600_000 });

    expect(cli(['password', 'ada'], 'a brand new passphrase\n')).toMatchObject({ status: 0, stdout: 'password of ada changed, their sessions ended\n', stderr: '' });
    expect(await new PasswordChecker().check((await auth.user('ada'))!.passwordHash, 'a brand new passphrase')).toBe(true);
    expect(await auth.session('a'.repeat(64), Date.now())).toBeUndefined();
    expect(cli(['password', 'ada'], 'short\n')).toMatchObject({ status: 2 });

    expect(cli(['role', 'ada', 'viewer'])).toMatchObject({ status: 0, stdout: 'ada is now viewer, from their next request on\n' });
    expect((await auth.user('ada'))!.role).toBe('viewer');
    expect(cli(['role', 'ada', 'root'])).toMatchObject({ status: 2, stderr: expect.stringContaining("Allowed choices are viewer, operator, admin") });

    expect(cli(['totp', 'ada']).stdout).toMatch(/^otpauth:\/\/totp\/harden:ada\?.*secret=[A-Z2-7]+/);
    expect((await auth.user('ada'))!.totpSecret).toBeTruthy();
    expect(cli(['totp', 'ada', '--off'])).toMatchObject({ status: 0, stdout: 'TOTP of ada turned off: sign-in asks for the password only\n' });
    expect((await auth.user('ada'))!.totpSecret).toBeFalsy();

    for (const args of [['role', 'sso@example.test', 'admin'], ['password', 'sso@example.test'], ['role', 'nobody', 'admin'], ['totp', 'nobody', '--off']]) {
      const run = cli(args, 'a brand new passphrase\n');
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(args[1] === 'nobody' ? /no user "nobody"/ : /sso@example\.test signs in with single sign-on/);
    }
    expect((await auth.user('sso@example.test'))!.role).toBe('operator');
  } finally {
    await store.close();
  }
});

it.skipIf(spawnSync('script', ['--version']).status !== 0)('harden user totp at a terminal keeps the new secret only once the app shows a code of it', async () => {
  const database = join(dir, 'totp.db');
  const store = await openStore({ sqlite: database });
  const auth = authStoreOf(store);
  /** The command in a pseudo-terminal (util-linux script): it prints the URI, and the "app" answers with a code. */
  const atTerminal = (answer: (secret: string) => string) =>
    new Promise<{ output: string; status: number | null; secret: string }>((done) => {
      const child = spawn('script', ['-qec', `${process.execPath} ${resolve('bin/harden.js')} user totp ada --database ${database}`, '/dev/null'], { env: { ...process.env, NO_COLOR: '1', HARDEN_DATABASE_URL: '' } });
      let output = '';
      let secret = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (!secret && output.includes('Code the app shows now:')) {
          secret = /secret=([A-Z2-7]+)/.exec(output)![1]!;
          child.stdin.write(`${answer(secret)}\r`);
        }
      });
      const timer = setTimeout(() => child.kill(), 15_000);
      child.on('close', (status) => {
        clearTimeout(timer);
        done({ output, status, secret });
      });
    });
  try {
    await store.migrate();
    await auth.addUser({ name: 'ada', role: 'admin', passwordHash: 'unused', at: Date.now() });
    const wrongCode = (secret: string) => ['000000', '111111', '222222'].find((code) => acceptTotp(secret, code, Date.now()) === undefined)!;
    const refused = await atTerminal(wrongCode);
    expect(refused.status).toBe(2);
    expect(refused.output).toContain('that code is not one the new secret gives now, so TOTP of ada is left as it was (run this again)');
    expect((await auth.user('ada'))!.totpSecret).toBeFalsy();
    let codeAt = 0;
    const confirmed = await atTerminal((secret) => totpCode(secret, (codeAt = Date.now())));
    expect(confirmed.output).toContain('TOTP of ada on: sign-in now asks for a code');
    expect(confirmed.status).toBe(0);
    expect((await auth.user('ada'))!.totpSecret).toBe(confirmed.secret);
    // The code typed to confirm is spent: it cannot sign anyone in afterwards.
    expect(await auth.useTotpStep('ada', Math.floor(codeAt / 30_000))).toBe(false);
  } finally {
    await store.close();
  }
});

it('harden user and token commands other than add refuse a database file that does not exist, instead of creating one', () => {
  const typo = join(dir, 'typo.db');
  for (const args of [['user', 'list'], ['token', 'list'], ['user', 'remove', 'ada'], ['session', 'revoke', '--user', 'ada']]) {
    const run = spawnSync(process.execPath, [resolve('bin/harden.js'), ...args, '--database', typo], { env: { ...process.env, NO_COLOR: '1', HARDEN_DATABASE_URL: '' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr, args.join(' ')).toBe(`no database at ${typo} (harden user add creates one; --database or the plan's monitoring.database says where)\n`);
    expect(run.status).toBe(2);
  }
  expect(existsSync(typo)).toBe(false);
});
