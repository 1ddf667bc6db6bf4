import type { AuthStore, UserRecord } from '../../store/auth.js';
import { hashPassword, passwordProblem, type PasswordCost } from './passwords.js';
import { randomSecret, sha256Hex } from './secrets.js';
import type { Role } from './session.js';
import { acceptTotp, newTotpSecret, totpUri } from './totp.js';

/** API tokens start with this, so secret scanners and people recognize one. */
export const TOKEN_PREFIX = 'hdn_';

export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Adds a user with an argon2id hash of the password; the problem as text when it cannot. */
export async function addUser(store: AuthStore, input: { name: string; role: Role; password: string; at: number; cost?: PasswordCost }): Promise<string | undefined> {
  if (!USER_NAME.test(input.name)) return `user name "${input.name}": letters, digits, . _ @ - (at most 64)`;
  const problem = passwordProblem(input.password);
  if (problem) return problem;
  const added = await store.addUser({ name: input.name, role: input.role, passwordHash: await hashPassword(input.password, input.cost), at: input.at });
  return added ? undefined : `user "${input.name}" exists (remove it first to replace it)`;
}

/** Why this user's password cannot be set here: there is no such user, or the provider keeps it. */
export function passwordUserProblem(name: string, user: UserRecord | undefined): string | undefined {
  if (!user) return `no user "${name}"`;
  return user.source === 'password' ? undefined : `${name} signs in with single sign-on: the provider keeps their password`;
}

/** A password user's new password (argon2id), their sessions ended; the problem as text when it cannot. */
export async function changePassword(store: AuthStore, input: { name: string; password: string; cost?: PasswordCost }): Promise<string | undefined> {
  const problem = passwordUserProblem(input.name, await store.user(input.name)) ?? passwordProblem(input.password);
  if (problem) return problem;
  return (await store.setPassword(input.name, await hashPassword(input.password, input.cost))) ? undefined : `no user "${input.name}"`;
}

/** A password user's new role; the problem as text when it cannot (a single sign-on user's role is the provider's to say). */
export async function changeRole(store: AuthStore, name: string, role: Role): Promise<string | undefined> {
  const user = await store.user(name);
  if (!user) return `no user "${name}"`;
  if (user.source !== 'password') return `${name} signs in with single sign-on: their role follows serve.oidc.roles at each sign-in`;
  return (await store.setRole(name, role)) ? undefined : `no user "${name}"`;
}

/** A new TOTP secret for the user and the otpauth:// URI an app scans, not stored yet (see confirmTotp). */
export function newTotp(name: string): { secret: string; uri: string } {
  const secret = newTotpSecret();
  return { secret, uri: totpUri(name, secret) };
}

/**
 * Stores a new TOTP secret once the app that scanned it shows a code of it, so a mistyped or
 * unscanned secret never locks the user out; the problem as text when it is not stored.
 */
export async function confirmTotp(store: AuthStore, input: { name: string; secret: string; code: string; at: number }): Promise<string | undefined> {
  const step = acceptTotp(input.secret, input.code.trim(), input.at);
  if (step === undefined) return `that code is not one the new secret gives now, so TOTP of ${input.name} is left as it was (run this again)`;
  if (!(await store.setTotp(input.name, input.secret))) return `no user "${input.name}"`;
  // The code typed here is spent: it does not sign anyone in.
  await store.useTotpStep(input.name, step);
  return undefined;
}

/** A new TOTP secret for the user: the otpauth:// URI to show once, or undefined when there is no such user. */
export async function enrollTotp(store: AuthStore, name: string): Promise<string | undefined> {
  const { secret, uri } = newTotp(name);
  return (await store.setTotp(name, secret)) ? uri : undefined;
}

/** A new read-only API token: the value to show once (only its SHA-256 is kept), or undefined when the name is taken. */
export async function issueToken(store: AuthStore, name: string, at: number): Promise<string | undefined> {
  const token = `${TOKEN_PREFIX}${randomSecret()}`;
  return (await store.addToken({ name, tokenHash: sha256Hex(token), role: 'viewer', at })) ? token : undefined;
}
