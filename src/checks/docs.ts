import { z } from 'zod';
import { messageSeverity, messageText, type AnyCheck } from './define.js';

interface OptionDoc {
  name: string;
  default?: unknown;
  description?: string;
}

/** The parameters an item's `with:` may set, from the check's zod options. */
export function optionDocs(check: AnyCheck): OptionDoc[] {
  const schema = z.toJSONSchema(check.options, { io: 'input' }) as { properties?: Record<string, { description?: string; default?: unknown }> };
  return Object.entries(schema.properties ?? {}).map(([name, p]) => ({ name, ...(p.default !== undefined ? { default: p.default } : {}), ...(p.description ? { description: p.description } : {}) }));
}

/** One check's documentation page section, generated from its metadata. */
export function checkMarkdown(check: AnyCheck): string {
  const lines = [
    `### \`${check.id}\` — ${check.title}`,
    '',
    `Severity **${check.severity}** · target \`${check.target}\`${check.kinds ? ` · kinds ${check.kinds.map((kind) => `\`${kind}\``).join(', ')}` : ''}`,
    '',
    check.why,
    '',
    '**Fix.** ' + check.fix.trim(),
    '',
    '**Reports**',
    '',
    ...Object.keys(check.messages).map((id) => `- \`${id}\`: ${messageText(check, id)}${messageSeverity(check, id) !== check.severity ? ` (${messageSeverity(check, id)})` : ''}`),
  ];
  const options = optionDocs(check);
  if (options.length > 0)
    lines.push('', '**Parameters** (`with:` on a plan item)', '', ...options.map((o) => `- \`${o.name}\`${o.default !== undefined ? ` (default \`${JSON.stringify(o.default)}\`)` : ''}${o.description ? `: ${o.description}` : ''}`));
  if (check.peers?.length) lines.push('', `**Equivalent rules:** ${check.peers.map((p) => `${p.tool} \`${p.rule}\``).join(', ')}`);
  lines.push('', '**References:** ' + check.refs.join('; '));
  return lines.join('\n');
}

/** docs/checks.md: the whole catalog by domain. */
export function catalogMarkdown(checks: readonly AnyCheck[]): string {
  const sorted = [...checks].sort((a, b) => a.id.localeCompare(b.id));
  const domains = [...new Set(sorted.map((c) => c.domain))];
  const index = ['| Check | Severity | Title |', '|---|---|---|', ...sorted.map((c) => `| [\`${c.id}\`](#${anchor(c)}) | ${c.severity} | ${c.title.replaceAll('|', '\\|')} |`)];
  const sections = domains.map((domain) => [`## ${domain}`, '', ...sorted.filter((c) => c.domain === domain).map(checkMarkdown).flatMap((s) => [s, ''])].join('\n'));
  return [
    '# harden check catalog',
    '',
    `Generated from the checks' metadata by \`npm run docs\`; do not edit by hand. ${sorted.length} checks.`,
    '',
    ...index,
    '',
    ...sections,
  ].join('\n');
}

function anchor(check: AnyCheck): string {
  return `${check.id} — ${check.title}`
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replaceAll(' ', '-');
}
