export type Role = 'viewer' | 'operator' | 'admin';
export interface Principal { readonly user: string; readonly role: Role; readonly via: 'session' | 'token'; readonly csrf: string }
/** The request's principal (session cookie or `Authorization: Bearer <token>`), or undefined. */
export type Authenticate = (request: import('node:http').IncomingMessage) => Promise<Principal | undefined>;
export const ROLE_RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };
