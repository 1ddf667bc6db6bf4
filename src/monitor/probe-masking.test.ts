import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../testing/http-server.js';
import { prepareMonitor, runProbe } from './probe-runner.js';
import { monitor, testEnv } from '../testing/probes.js';

// Fake credentials, assembled at run time so this file does not trip secret scanners.
const API_KEY = 'K3yQ9w' + 'Zr71LmXp0';
const HEADER_TOKEN = 'tk_' + 'Hd8Nq2Vb6Rm4';
const SECRET_HEADER = 'sh_' + 'Pz5Xc1Wy7Tn3';

/** A target that echoes what it was sent: the query string, and the headers' values, in a JSON status. */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer((request, response) => {
    const status = `denied ${request.url} for ${request.headers['x-auth-token']} and ${request.headers['x-vault']}; key ${new URL(request.url ?? '/', 'http://x').searchParams.get('api_key')}`;
    response.writeHead(200, { 'content-type': 'application/json', 'x-echo': String(request.headers['x-auth-token']) }).end(JSON.stringify({ status }));
  });
});
afterAll(() => server.close());

describe('monitor credentials (issue 9, defect 8)', () => {
  it('shows query parameters with credential-like names masked in the target', () => {
    const prepared = prepareMonitor(monitor({ http: `https://deploy:pw-${API_KEY}@api.example.com/health?api_key=${API_KEY}&region=eu&sig=${API_KEY}` }));
    expect(prepared.target).toBe('https://***@api.example.com/health?api_key=K3yQ…&region=eu&sig=K3yQ…');
  });

  it('masks the URL\'s credentials and the credential headers in a reason that echoes them', async () => {
    vi.stubEnv('HARDEN_TEST_VAULT', SECRET_HEADER);
    try {
      const fields = {
        http: { url: `${server.origin}/health?api_key=${API_KEY}`, headers: { 'X-Auth-Token': HEADER_TOKEN }, secretHeaders: { 'X-Vault': 'env:HARDEN_TEST_VAULT' } },
        expect: ["body.status == 'ok'"],
      };
      const sample = await runProbe(prepareMonitor(monitor(fields)), testEnv());
      expect(sample.ok).toBe(false);
      expect(sample.reason).toContain('denied /health?api_key=K3yQ… for tk_H…');
      for (const secret of [API_KEY, HEADER_TOKEN, SECRET_HEADER]) expect(sample.reason).not.toContain(secret.slice(4, 12));
      const header = await runProbe(prepareMonitor(monitor({ ...fields, expect: ["header.x-echo == 'none'"] })), testEnv());
      expect(header.reason).toBe("header.x-echo == 'none': got 'tk_H…'");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
