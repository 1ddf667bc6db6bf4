import { z } from 'zod';
import { addressRanges } from '../targets/host/address-ranges.js';
import { secretRef } from '../targets/secret-ref.js';

const groupList = z.array(z.string().min(1)).default([]);

/**
 * Single sign-on for `harden serve` (OpenID Connect, authorization code + PKCE). A claim of the
 * ID token (or userinfo) is mapped to a role: the highest role whose list holds one of its
 * values; "*" matches anyone signed in by the provider. No match: the sign-in is refused.
 */
export const oidcSchema = z
  .object({
    /** The provider's issuer URL (its /.well-known/openid-configuration is read). */
    issuer: z.url({ protocol: /^https$/, error: 'the issuer is an https:// URL' }),
    clientId: z.string().min(1),
    /** A reference (env:NAME or file:PATH); none: a public client (PKCE only). */
    clientSecret: secretRef.optional(),
    scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'a scope is one word')).default(['openid', 'email', 'groups']),
    /** The button's text: "Sign in with <name>". */
    name: z.string().min(1).max(60).default('single sign-on'),
    roles: z
      .object({
        /** The claim holding the user's groups (a string or a list of strings). */
        claim: z.string().min(1).default('groups'),
        admin: groupList,
        operator: groupList,
        viewer: groupList,
      })
      .strict(),
    /** The claim naming the user in harden (sessions, logs): email by default, else the subject. */
    userClaim: z.string().min(1).default('email'),
  })
  .strict();

export const serveSchema = z
  .object({
    oidc: oidcSchema.optional(),
    /**
     * The proxies in front of harden serve (`cloudflare`, CIDRs, or a list): sign-in failures are
     * counted per client by the address they forward in X-Forwarded-For; without this, by the peer's.
     */
    trustedProxies: addressRanges.optional(),
  })
  .strict();

/** The plan's `serve:` section: how `harden serve` signs users in (composed into the plan's schema). */
export const servePlanShape = {
  serve: serveSchema.default({}),
};

export type OidcConfig = z.output<typeof oidcSchema>;
export type ServeConfig = z.output<typeof serveSchema>;
