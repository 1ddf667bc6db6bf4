import { dirname } from 'node:path';
import { catalog } from '../checks/index.js';
import { InputError } from '../errors.js';
import { loadPlan, type LoadedPlan } from '../plan/load.js';
import { jsonLogger } from '../monitor/log.js';
import type { Store } from '../monitor/store.js';
import { ServerAuth } from '../server/auth/server-auth.js';
import { startStatusServer } from '../server/server.js';
import { authStoreOf } from '../store/auth.js';
import { resolveSecret, SecretError } from '../targets/secret-ref.js';
import type { StatusPlan } from '../status/schema.js';
import { findPlan, requirePlan } from './context.js';
import { hostPort, openStore, runDaemon } from './monitor-action.js';
import type { ServeOptions } from './serve-options.js';
import { modified, plainHttpWarning, readTls, securityContacts } from './serve-inputs.js';
import { startServerThread } from './server-thread.js';
import { scheduleVerify } from './scheduled-verify.js';
import { takeSignals } from './startup-signals.js';

export async function serve(options: ServeOptions): Promise<number> {
  hostPort(options.listen, '--listen');
  if (options.monitor) {
    // Bad server options end the command before the daemon starts; the server thread reads them again for itself.
    readTls(options);
    securityContacts(options.securityContact);
    if (options.publicUrl !== undefined) originOf(options.publicUrl);
    return runDaemon(
      { plan: options.plan, database: options.database, metrics: options.metrics, ca: options.ca, debug: options.debug, watch: true, statsEvery: options.statsEvery },
      ({ log, fail }) => startServerThread(options, log, fail),
    );
  }
  return serveOnly(options);
}

/**
 * The status server, sign-in and scheduled verify on connections of their own to the store (read-only for the
 * pages, writable for sessions): what --no-monitor runs, and what the server thread beside the daemon runs.
 */
export async function openServer(options: ServeOptions, log: ReturnType<typeof jsonLogger>): Promise<{ url: string; close(): Promise<void> }> {
  const tls = readTls(options);
  const contacts = securityContacts(options.securityContact);
  const publicUrl = options.publicUrl === undefined ? undefined : originOf(options.publicUrl);
  const loaded = await requirePlan(findPlan(options.plan, undefined), new Date());
  // Sign-ins write sessions: a writable connection for the auth tables (opened first: it applies pending migrations).
  const writable = await openStore(loaded, options);
  const store = await openStore(loaded, options, { readOnly: true }).catch(async (error: unknown) => {
    await writable.close().catch(() => undefined);
    throw error;
  });
  const closeStores = async () => {
    await writable.close().catch(() => undefined);
    await store.close().catch(() => undefined);
  };
  try {
    let served = '';
    const oidc = singleSignOn(loaded, options.listen, () => publicUrl ?? served);
    const auth = new ServerAuth({ store: authStoreOf(writable), log, ...(oidc ? { oidc } : {}), ...(loaded.plan.serve.trustedProxies ? { trustedProxies: loaded.plan.serve.trustedProxies } : {}) });
    // Said before listening, so it is never read after the line that says the pages are served.
    const plainHttp = plainHttpWarning(options, tls !== undefined);
    if (plainHttp) log('warn', plainHttp, {});
    const server = await startStatusServer({ listen: options.listen, store, writable, tls, plan: followPlan(loaded, log), log, auth, warm: true, ...(contacts ? { securityContacts: contacts } : {}) }).catch((error: NodeJS.ErrnoException) => {
      throw new InputError([`--listen ${options.listen}: ${error.code === 'EADDRINUSE' ? 'the address is in use' : error.message}`]);
    });
    served = server.url;
    log('info', 'status pages served', { url: `${server.url}/status`, api: `${server.url}/api/v1/openapi.json` });
    if (auth.oidcRedirectUri) log('info', 'single sign-on: register this redirect URI at the provider', { issuer: oidc?.config.issuer, redirectUri: auth.oidcRedirectUri });
    if ((await authStoreOf(writable).users()).length === 0) log('info', 'nobody can sign in yet: add a user with "harden user add NAME --role admin"', { login: `${server.url}/login` });
    const verifying = scheduleVerify(loaded, options, log);
    return {
      url: server.url,
      close: async () => {
        verifying?.stop();
        await server.close();
        log('info', 'status server stopped', {});
        await closeStores();
      },
    };
  } catch (error) {
    await closeStores();
    throw error;
  }
}

/** --public-url: the origin users reach harden serve at (behind a proxy, not the listen address). */
function originOf(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError([`--public-url ${value}: expected a URL such as https://status.example.com`]);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username || url.password)
    throw new InputError([`--public-url ${value}: expected an origin (https://host[:port]), without a path: harden serve answers at the root`]);
  return url.origin;
}

/**
 * The plan's serve.oidc with its client secret resolved. The redirect URI is under --public-url,
 * else under the address served (which must then be one a browser can reach: not 0.0.0.0 or ::).
 */
function singleSignOn(loaded: LoadedPlan, listen: string, publicUrl: () => string): ConstructorParameters<typeof ServerAuth>[0]['oidc'] {
  const config = loaded.plan.serve.oidc;
  if (!config) return undefined;
  if (/^(0\.0\.0\.0|\[::\]):/.test(listen) && publicUrl() === '')
    throw new InputError([`serve.oidc: listening on ${listen}, the provider's redirect URI needs --public-url (the URL users reach harden serve at)`]);
  let clientSecret: string | undefined;
  try {
    clientSecret = config.clientSecret === undefined ? undefined : resolveSecret(config.clientSecret, dirname(loaded.file));
  } catch (error) {
    if (error instanceof SecretError) throw new InputError([`serve.oidc.clientSecret cannot be used (${error.message})`]);
    throw error;
  }
  return { config, ...(clientSecret === undefined ? {} : { clientSecret }), publicUrl };
}

/** --no-monitor: the server alone (the daemon runs elsewhere), until SIGTERM or SIGINT. */
async function serveOnly(options: ServeOptions): Promise<number> {
  const log = jsonLogger((line) => process.stdout.write(line));
  let stop: (() => void) | undefined;
  let stopped = false;
  const stopHandlingSignals = takeSignals((signal) => {
    if (signal === 'SIGHUP') return;
    stopped = true;
    stop?.();
  });
  try {
    if (stopped) return 0;
    const server = await openServer(options, log);
    await new Promise<void>((resolve) => {
      stop = resolve;
      if (stopped) resolve();
    });
    await server.close();
    return 0;
  } finally {
    stopHandlingSignals();
  }
}

/** The plan as the pages show it: re-read when its file changes; one that no longer loads is logged and the last good one kept. */
function followPlan(loaded: LoadedPlan, log: ReturnType<typeof jsonLogger>): () => StatusPlan {
  let plan: StatusPlan = loaded.plan;
  let seen = modified(loaded.file);
  return () => {
    const now = modified(loaded.file);
    if (now === seen) return plan;
    seen = now;
    try {
      plan = loadPlan(loaded.file, { catalog, now: new Date() }).plan;
    } catch (error) {
      log('error', 'plan reload failed; the status pages keep the previous plan', { problems: error instanceof InputError ? error.lines : [String(error)] });
    }
    return plan;
  };
}
