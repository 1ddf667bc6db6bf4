import pc from 'picocolors';
import { messageSeverity, messageText } from '../checks/define.js';
import { catalogMarkdown, optionDocs } from '../checks/docs.js';
import { catalog, CHECKS } from '../checks/index.js';
import { displayLines, displayText } from '../display-text.js';
import { InputError } from '../errors.js';

export function listChecks(options: { json?: boolean; markdown?: boolean }): void {
  const checks = [...CHECKS].sort((a, b) => a.id.localeCompare(b.id));
  if (options.markdown) {
    process.stdout.write(`${catalogMarkdown(checks)}\n`);
    return;
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(checks.map(({ id, title, severity, target, domain, refs }) => ({ id, title, severity, target, domain, refs })), null, 2)}\n`);
    return;
  }
  const width = Math.max(...checks.map((c) => c.id.length));
  for (const check of checks) process.stdout.write(`${displayText(`${check.id.padEnd(width)}  ${check.severity.padEnd(8)}  ${check.title}`)}\n`);
  process.stdout.write(`\n${checks.length} checks. "harden explain ID" for why and how to fix.\n`);
}

export function explainCheck(id: string): void {
  const check = catalog.get(id);
  if (!check) {
    const near = [...catalog.keys()].filter((known) => known.includes(id.split('/').at(-1) ?? id));
    throw new InputError([`unknown check id "${id}"${near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}`]);
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const c = pc.createColors(color);

  // Catalog text is shown as text: escaped before any colour is added around it.
  const t = displayLines;
  const lines = [
    `${c.bold(t(check.id))} — ${t(check.title)}`,
    `severity ${check.severity} · target ${check.target}${check.kinds ? ` · kinds ${check.kinds.join(', ')}` : ''}`,
    '',
    c.bold('Why'),
    t(check.why),
    '',
    c.bold('Fix'),
    t(check.fix),
    '',
    c.bold('Reports'),
    ...Object.keys(check.messages).map((messageId) => t(`  ${messageId}: ${messageText(check, messageId)}${messageSeverity(check, messageId) !== check.severity ? ` (${messageSeverity(check, messageId)})` : ''}`)),
  ];
  const params = optionDocs(check);
  if (params.length > 0) lines.push('', c.bold('Parameters (item checks: with:)'), ...params.map((p) => t(`  ${p.name}${p.default !== undefined ? ` (default ${JSON.stringify(p.default)})` : ''}${p.description ? `: ${p.description}` : ''}`)));
  lines.push('', c.bold('References'), ...check.refs.map((ref) => `  ${t(ref)}`));
  lines.push('', c.bold('Suppress'), `  manifest annotation  harden.dev/ignore: "${check.id}: reason"`, `  comment above line   # harden-ignore ${check.id} reason`, `  plan waiver          waivers: [{ check: ${check.id}, where: PATH, reason: ..., expires: YYYY-MM-DD }]`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
