import type { IncomingMessage } from 'node:http';

export type Role = 'viewer' | 'operator' | 'admin';

export interface Principal {
  readonly user: string;
  readonly role: Role;
  readonly via: 'session' | 'token';
  readonly csrf: string;
}

/** The request's principal (session cookie or `Authorization: Bearer <token>`), or undefined. */
export type Authenticate = (request: IncomingMessage) => Promise<Principal | undefined>;

export const ROLE_RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Sent by the pages' live refresh (live-script.ts): such a request never counts as activity. */
export const LIVE_REFRESH_HEADER = 'x-harden-live';
