import { createSecureContext, type SecureContext } from 'node:tls';
import { trustedWith } from '../../targets/tls/trust.js';
import type { ProbeEnv } from './define.js';

// Memoised per CA list: building a context parses every root certificate, far too much per probe.
const contexts = new WeakMap<readonly string[], SecureContext>();

/** The system roots plus env.ca; undefined (Node's default context) when env.ca is empty. */
export function trustFor(env: ProbeEnv): SecureContext | undefined {
  if (env.ca.length === 0) return undefined;
  let context = contexts.get(env.ca);
  if (!context) {
    context = createSecureContext({ ca: trustedWith(env.ca) });
    contexts.set(env.ca, context);
  }
  return context;
}
