import type { Result } from '../engine/result.js';
import { routes, startServer } from './http-server.js';
import { createLocalCa } from './local-ca.js';

export interface HeaderSites {
  /** One site URL per case: https://127.0.0.1:PORT/<case>. */
  sites: string[];
  /** Trust this CA in runLiveCheck. */
  ca: string[];
  origin: string;
  /** Each case's failure message ids, sorted (empty for a pass, ['error'] for an error), by case name. */
  byCase(results: readonly Result[]): Record<string, string[]>;
  close(): Promise<void>;
}

/**
 * One HTTPS server on 127.0.0.1 (local CA) answering each case's path with that case's headers:
 * header checks run on many header sets with one server and one runLiveCheck.
 */
export async function headerSites(cases: Record<string, Record<string, string | string[]>>, body = '<!doctype html><title>t</title>'): Promise<HeaderSites> {
  const ca = await createLocalCa();
  const server = await startServer(
    routes(Object.fromEntries(Object.entries(cases).map(([name, headers]) => [`/${name}`, { headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body }]))),
    { tls: await ca.issue({ hosts: ['localhost'], ips: ['127.0.0.1'] }) },
  );
  const urlOf = (name: string) => `${server.origin}/${name}`;
  return {
    sites: Object.keys(cases).map(urlOf),
    ca: [ca.cert],
    origin: server.origin,
    byCase(results) {
      const byCase: Record<string, string[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
      for (const result of results) {
        const name = decodeURIComponent(new URL(result.target).pathname.slice(1));
        if (result.status === 'fail') byCase[name]!.push(result.messageId!);
        else if (result.status === 'error') byCase[name]!.push('error');
      }
      for (const ids of Object.values(byCase)) ids.sort();
      return byCase;
    },
    close: () => server.close(),
  };
}
