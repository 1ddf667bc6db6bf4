import { Option, type Command } from 'commander';
import type { ServeOptions } from './serve-options.js';

export function registerServe(program: Command, exit: (code: number) => void): void {
  program
    .command('serve')
    .summary('the status page, badges, JSON API and the signed-in dashboard, with the monitor daemon inside')
    .description('Serve the plan\'s status pages (/status, /status/<slug>), badges (/badge/<monitor>/status.svg), the read-only API (/api/v1, OpenAPI at /api/v1/openapi.json) and, for signed-in users, the dashboard (/dashboard: monitors, incidents and their updates, the alert outbox, the plan register and its progress) from the monitor\'s store, running the monitor daemon in the same process unless --no-monitor.')
    .addOption(new Option('-p, --plan <file>', 'plan file (default: harden.yaml here)'))
    .addOption(new Option('--database <file>', 'SQLite database (default: the plan\'s monitoring.database, .harden/harden.db); HARDEN_DATABASE_URL selects PostgreSQL'))
    .option('--listen <host:port>', 'address to serve on', '127.0.0.1:8080')
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate chain (and send HSTS); with --tls-key')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert')
    .option('--tls-ocsp <file>', 'staple this DER OCSP response (refresh the file with "openssl ocsp"; re-read when it changes)')
    .option('--public-url <url>', 'the URL users reach this server at (behind a proxy); single sign-on\'s redirect URI is <url>/login/oidc/callback (default: the --listen address)')
    .option('--security-contact <uri...>', 'serve /.well-known/security.txt (RFC 9116) with these contact URIs (mailto:, https:, tel:)')
    .option('--no-monitor', 'do not run the monitor daemon here (another process runs "harden monitor" on the same database)')
    .option('--metrics <host:port|off>', 'the daemon\'s Prometheus endpoint, on its own listener (default: the plan\'s monitoring.metrics)')
    .option('--ca <file>', 'also trust the CA certificates (PEM) in this file for HTTPS and TLS monitors')
    .option('--stats-every <duration>', 'the daemon logs a "stats" line (probes/s, schedule lag, memory) this often', '60s')
    .option('--debug', 'log every sample')
    .addHelpText('after', `
Examples:
  harden serve                                   http://127.0.0.1:8080/status, monitor inside
  harden serve --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem
  harden serve --no-monitor                      pages only; "harden monitor" runs elsewhere

Badges: /badge/NAME/status.svg, uptime-24h.svg, uptime-7d.svg, uptime-30d.svg, response.svg.
Status pages: the plan's statusPages: [{ slug, title, monitors: [...], showUrls: false }].
Users: harden user add NAME --role admin|operator|viewer (then sign in at /login); harden token add NAME for the API.
Single sign-on: the plan's serve.oidc (issuer, clientId, clientSecret: env:NAME, roles from a claim).
Verify history: harden verify --record, or the plan's verify: { every: 6h } run here.
Behind a reverse proxy that terminates TLS, serve HTTP on 127.0.0.1 and let the proxy send HSTS.
SIGTERM/SIGINT stop it cleanly.`)
    .action(async (options: ServeOptions) => exit(await (await import('./serve-action.js')).serve(options)));
}
