import { seededRandom } from '../src/targets/probe/timing-stats.js';

/**
 * A remediation tracker of `items` rows in the shape teams write them (stage headings over
 * tables of ID, severity, finding, status, notes; "Verify:" lines in the notes), its words
 * drawn from the phrasings of the trackers in test/linking/trackers: claims a repository check
 * measures (naming an application of the synthetic repository, `app-N`, so links are scoped by
 * where:), claims of live checks with the host or domain to measure, and claims no harden check
 * reads (application code, hosts, backups, rotation, decisions). The same seed writes the same text.
 */
export function syntheticTracker(items: number, apps: number, seed = 1): string {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // One row's names: its title and its Verify line name the same host.
  const slots = () => ({
    app: `app-${Math.floor(random() * apps)}`,
    ns: `team-${Math.floor(random() * 40)}`,
    host: `${pick(HOSTS)}.${pick(DOMAINS)}`,
    domain: pick(DOMAINS),
    route: pick(ROUTES),
    secret: pick(SECRETS),
  });
  const fill = (template: string, names: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, slot: string) => names[slot] ?? slot);
  const lines = ['# Security remediation tracker', '', 'Status legend: ☐ open · ◐ in progress · ☑ done · ⊘ accepted risk.', ''];
  for (let row = 0; row < items; row++) {
    if (row % ROWS_PER_STAGE === 0) {
      lines.push(`### Stage ${row / ROWS_PER_STAGE} — ${pick(STAGES)}`, '', '| ID | Sev | Finding | Status | Notes |', '|---|---|---|---|---|');
    }
    const shape = random();
    const names = slots();
    const [prefix, title, verify] =
      shape < 0.45 ? ['K8S', fill(pick(REPO_CLAIMS), names), ''] : shape < 0.65 ? ['LIVE', ...pick(LIVE_CLAIMS).map((part) => fill(part, names))] : [pick(['CODE', 'OPS']), fill(pick(UNMEASURED), names), ''];
    // A pipe inside a table cell is escaped, as Markdown tables need (and trackers do).
    const note = [verify ? `Verify: \`${verify.replaceAll('|', '\\|')}\`` : '', random() < 0.3 ? pick(NOTES) : ''].filter(Boolean).join(' · ');
    lines.push(`| ${prefix}-${row + 1} | ${pick(SEVERITIES)} | ${title} | ${pick(STATUSES)} | ${note} |`);
    if (row % ROWS_PER_STAGE === ROWS_PER_STAGE - 1) lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

const ROWS_PER_STAGE = 40;

const STAGES = ['DNS & edge', 'Cluster provisioning', 'Secrets & config', 'Kubernetes manifests', 'Images & supply chain', 'Application code', 'Operations'];
const SEVERITIES = ['CRIT', 'HIGH', 'HIGH', 'MED', 'MED', 'MED', 'LOW', 'LOW', 'INFO', '—'];
const STATUSES = ['☑', '☑', '☑', '☐', '☐', '◐', '⊘'];
const DOMAINS = ['shopfront.io', 'shopfront-mail.com', 'example-saas.dev'];
const HOSTS = ['api', 'admin', 'app', 'www', 'status'];
const ROUTES = ['/login', '/api/export', '/admin/users', '/password-reset', '/api/upload', '/oauth/callback'];
const SECRETS = ['database', 'Stripe', 'SMTP', 'JWT signing', 'S3', 'registry'];

/** Claims a static check of the synthetic repository measures, several phrasings each. */
const REPO_CLAIMS = [
  '{app} container runs as root',
  'Containers of {app} missing runAsNonRoot',
  '{app} pods run as root user (runAsUser 0)',
  '{app} image pinned by tag, not digest',
  'Pin the {app} image to an immutable digest',
  '{app} uses a :latest image',
  'automountServiceAccountToken not disabled for {app}',
  'Secret {app}-db referenced but never created',
  'readOnlyRootFilesystem not set on {app}',
  'allowPrivilegeEscalation not disabled on {app}',
  'No CPU/memory limits on {app}',
  'Secrets injected as env vars in {app}, not file mounts',
  'imagePullPolicy not set on {app}',
  'seccomp profile missing for {app}',
  '{app} does not drop ALL capabilities',
  'Default-deny NetworkPolicy missing in {ns}',
  'Service {app} selects no pods',
  'Ingress {app} routes to a missing Service',
];

/** Claims of live checks, with the Verify line trackers give them. */
const LIVE_CLAIMS: readonly (readonly [string, string])[] = [
  ['No DMARC record — email spoofing open', 'dig +short TXT _dmarc.{domain}'],
  ['SPF ends ?all (neutral — fails open) on {domain}', 'dig +short TXT {domain}'],
  ['No CAA records — any CA may issue certs', 'dig CAA {domain}'],
  ['HSTS not preload-eligible on {host}', 'curl -sI https://{host}/ | grep -i strict-transport-security'],
  ['Strict-Transport-Security header missing on {host}', 'curl -sI https://{host}/'],
  ['Redis runs with no authentication', 'redis-cli -h {host} ping'],
  ['TLS 1.0/1.1 still accepted by {host}', 'openssl s_client -connect {host}:443 -tls1_1'],
  ['No /.well-known/security.txt on {host}', 'curl -s https://{host}/.well-known/security.txt'],
  ['x-powered-by header leaks the framework on {host}', 'curl -sI https://{host}/ | grep -i x-powered-by'],
  ['Aggressive caching of the admin shell on {host}', 'curl -sI https://{host}/ | grep -i cache'],
];

/** Claims no harden check reads: the application's code and behaviour, hosts, backups, rotation, decisions. */
const UNMEASURED = [
  'Rate limit the {route} endpoint',
  'SQL injection in the {route} handler',
  'IDOR on {route}: any user reads any record',
  'Password reset tokens never expire',
  'JWT secret hardcoded in the auth module',
  'Rotate the {secret} credentials after the leak',
  'Node OS hardening: SSH, fail2ban, unattended-upgrades',
  'etcd snapshot backups not encrypted',
  'Database backups never restored in a test',
  'Cloud firewall rules not verified',
  'Write the incident response runbook',
  'Alert on a 5xx spike in Grafana',
  'Quarterly access review of the admin accounts',
  'Enable MFA on the cloud console',
  'CORS allows any origin on {route}',
  'Session cookie missing SameSite on {route}',
];

const NOTES = ['Owner @ops', 'Fixed in #1234', 'Tracked with the vendor', 'Done 2026-05-12', 'Needs a maintenance window', 'See runbook', 'Found by the May audit'];
