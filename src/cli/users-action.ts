import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { InputError } from '../errors.js';
import { displayText } from '../display-text.js';
import type { Store } from '../monitor/store.js';
import { addUser, changePassword, passwordUserProblem, changeRole, confirmTotp, enrollTotp, issueToken, newTotp } from '../server/auth/accounts.js';
import { plain } from '../server/auth/client-address.js';
import { unlockSignIn } from '../server/auth/rate-limit.js';
import type { Role } from '../server/auth/session.js';
import { authStoreOf, type AuthStore } from '../store/auth.js';
import { postgresUrl } from '../store/database-url.js';
import { storeFromEnvironment } from '../store/open.js';
import { findPlan, requirePlan } from './context.js';
import { sqlitePath, type PlanOptions } from './monitor-action.js';
import { readLine, readPassword } from './password-input.js';

export type AccountOptions = PlanOptions;

/**
 * The store the users live in: --database or HARDEN_DATABASE_URL without a plan, else the plan's monitoring.database.
 * Only adding a user or a token creates a SQLite file: any other command on a missing one is a mistyped path.
 */
async function withAuth(options: AccountOptions, work: (auth: AuthStore) => Promise<number>, { creates = false } = {}): Promise<number> {
  const postgres = postgresUrl() !== undefined;
  const path = options.database ?? (postgres ? '' : sqlitePath(await requirePlan(findPlan(options.plan, undefined), new Date()), options));
  if (!creates && !postgres && !existsSync(path)) throw new InputError([`no database at ${path} (harden user add creates one; --database or the plan's monitoring.database says where)`]);
  const store: Store = await storeFromEnvironment(path);
  try {
    await store.migrate();
    return await work(authStoreOf(store));
  } finally {
    await store.close().catch(() => undefined);
  }
}

const when = (at: number | undefined) => (at === undefined ? 'never' : new Date(at).toISOString().slice(0, 16).replace('T', ' '));

export async function userAdd(name: string, options: AccountOptions & { role: Role }): Promise<number> {
  const password = await readPassword(`Password for ${name}: `);
  return withAuth(options, async (auth) => {
    const problem = await addUser(auth, { name, role: options.role, password, at: Date.now() });
    if (problem) throw new InputError([problem]);
    process.stdout.write(`user ${name} added (${options.role})\n`);
    return 0;
  }, { creates: true });
}

export function userList(options: AccountOptions): Promise<number> {
  return withAuth(options, async (auth) => {
    const users = await auth.users();
    if (users.length === 0) process.stdout.write('no users (add one: harden user add NAME --role admin)\n');
    for (const user of users) process.stdout.write(`${displayText(user.name)}\t${user.role}\t${user.source === 'oidc' ? 'single sign-on' : user.totpSecret ? 'totp' : 'password only'}\tadded ${when(user.createdAt)}\n`);
    return 0;
  });
}

export function userPassword(name: string, options: AccountOptions): Promise<number> {
  return withAuth(options, async (auth) => {
    // Asked only for a user who has a password here: a mistyped name costs no prompt.
    const notHere = passwordUserProblem(name, await auth.user(name));
    if (notHere) throw new InputError([notHere]);
    const password = await readPassword(`New password for ${name}: `);
    const problem = await changePassword(auth, { name, password });
    if (problem) throw new InputError([problem]);
    process.stdout.write(`password of ${name} changed, their sessions ended\n`);
    return 0;
  });
}

export function userRole(name: string, role: Role, options: AccountOptions): Promise<number> {
  return withAuth(options, async (auth) => {
    const problem = await changeRole(auth, name, role);
    if (problem) throw new InputError([problem]);
    process.stdout.write(`${name} is now ${role}, from their next request on\n`);
    return 0;
  });
}

export function userRemove(name: string, options: AccountOptions): Promise<number> {
  return withAuth(options, async (auth) => {
    if (!(await auth.removeUser(name))) throw new InputError([`no user "${name}"`]);
    process.stdout.write(`user ${name} removed, their sessions ended\n`);
    return 0;
  });
}

export function userUnlock(name: string, options: AccountOptions & { client?: string }): Promise<number> {
  const client = options.client === undefined ? undefined : clientAddress(options.client);
  return withAuth(options, async (auth) => {
    if (!(await auth.user(name))) throw new InputError([`no user "${name}"`]);
    await unlockSignIn(auth, name, client);
    process.stdout.write(`failed sign-ins of ${name}${client === undefined ? '' : ` and from ${client}`} forgotten: sign-in is open again on every harden serve\n`);
    return 0;
  });
}

/** --client as sign-in failures are counted against it (client-address.ts): an IPv4 or IPv6 address in one spelling. */
function clientAddress(text: string): string {
  const address = plain(text.trim());
  if (isIP(address) === 0) throw new InputError([`--client ${text}: expected an IP address (192.0.2.7, 2001:db8::7)`]);
  return address;
}

export function userTotp(name: string, options: AccountOptions & { off?: boolean }): Promise<number> {
  return withAuth(options, async (auth) => {
    if (options.off) {
      if (!(await auth.setTotp(name, undefined))) throw new InputError([`no user "${name}"`]);
      process.stdout.write(`TOTP of ${name} turned off: sign-in asks for the password only\n`);
      return 0;
    }
    if (process.stdin.isTTY) {
      // At a terminal, the secret is kept only once the app shows a code of it: an unscanned one would lock the user out.
      if (!(await auth.user(name))) throw new InputError([`no user "${name}"`]);
      const { secret, uri } = newTotp(name);
      process.stdout.write(`${uri}\nScan it (or enter its secret) in an authenticator app; it is not shown again.\n`);
      const problem = await confirmTotp(auth, { name, secret, code: await readLine('Code the app shows now: '), at: Date.now() });
      if (problem) throw new InputError([problem]);
      process.stdout.write(`TOTP of ${name} on: sign-in now asks for a code; running this again replaces the secret.\n`);
      return 0;
    }
    const uri = await enrollTotp(auth, name);
    if (!uri) throw new InputError([`no user "${name}"`]);
    process.stdout.write(`${uri}\nScan it now (or enter its secret) in an authenticator app: it is not shown again. Sign-in now asks ${name} for a code; running this again replaces the secret.\n`);
    return 0;
  });
}

export function tokenAdd(name: string, options: AccountOptions): Promise<number> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) throw new InputError([`token name "${name}": letters, digits, . _ - (at most 64)`]);
  return withAuth(options, async (auth) => {
    const token = await issueToken(auth, name, Date.now());
    if (!token) throw new InputError([`a token "${name}" exists (revoke it first)`]);
    process.stdout.write(`${token}\nRead-only API token "${name}": send it as "Authorization: Bearer <token>" to /api/v1/. It is not shown again.\n`);
    return 0;
  }, { creates: true });
}

export function tokenList(options: AccountOptions): Promise<number> {
  return withAuth(options, async (auth) => {
    const tokens = await auth.tokens();
    if (tokens.length === 0) process.stdout.write('no API tokens\n');
    for (const token of tokens) process.stdout.write(`${displayText(token.name)}\t${token.role}\tcreated ${when(token.createdAt)}\tlast used ${when(token.lastUsedAt)}\n`);
    return 0;
  });
}

export function tokenRevoke(name: string, options: AccountOptions): Promise<number> {
  return withAuth(options, async (auth) => {
    if (!(await auth.revokeToken(name))) throw new InputError([`no token "${name}"`]);
    process.stdout.write(`token ${name} revoked\n`);
    return 0;
  });
}

export function sessionRevoke(options: AccountOptions & { user: string }): Promise<number> {
  return withAuth(options, async (auth) => {
    if (!(await auth.user(options.user))) throw new InputError([`no user "${options.user}"`]);
    const ended = await auth.revokeSessions(options.user);
    process.stdout.write(`${ended} session${ended === 1 ? '' : 's'} of ${options.user} ended\n`);
    return 0;
  });
}
