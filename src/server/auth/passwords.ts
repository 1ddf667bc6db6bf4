import { argon2id, hash, verify } from 'argon2';
import { randomSecret } from './secrets.js';

/** argon2id cost: the library's defaults (64 MiB, 3 passes, 4 lanes), over OWASP's minimum; tests pass a cheaper one. */
export interface PasswordCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const DEFAULT_COST: PasswordCost = { memoryCost: 65_536, timeCost: 3, parallelism: 4 };

export function hashPassword(password: string, cost: PasswordCost = DEFAULT_COST): Promise<string> {
  return hash(password, { type: argon2id, ...cost });
}

/**
 * Checks passwords in about the same time whether the user exists or not: an unknown user's
 * password is checked against a hash of a random password made with the same cost.
 */
export class PasswordChecker {
  #dummy: Promise<string> | undefined;

  constructor(private readonly cost: PasswordCost = DEFAULT_COST) {}

  async check(passwordHash: string | undefined, password: string): Promise<boolean> {
    const target = passwordHash ?? (await (this.#dummy ??= hashPassword(randomSecret(), this.cost)));
    const ok = await verify(target, password).catch(() => false);
    return ok && passwordHash !== undefined;
  }
}

/** Passwords too short to resist guessing are refused when a user is added. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'the password must have at least 12 characters';
  if (password.length > 1024) return 'the password must have at most 1024 characters';
  return undefined;
}
