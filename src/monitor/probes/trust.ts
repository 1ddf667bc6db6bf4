import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import type { ProbeEnv } from './define.js';

// Memoised per env: building a context parses every root certificate, far too much per probe.
const contexts = new WeakMap<ProbeEnv, SecureContext | undefined>();

/** The system roots plus env.ca; undefined (Node's default context) when env.ca is empty. */
export function trustFor(env: ProbeEnv): SecureContext | undefined {
  if (!contexts.has(env)) contexts.set(env, env.ca.length ? createSecureContext({ ca: [...rootCertificates, ...env.ca] }) : undefined);
  return contexts.get(env);
}
