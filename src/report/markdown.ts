import { displayText } from '../display-text.js';
import { isOpenFailure } from '../engine/result.js';
import { escapeMarkdown, renderRegister } from '../plan/markdown/render.js';
import { formatLocation } from '../targets/location.js';
import { defineFormat } from './define.js';

/**
 * With a plan: the plan as a Markdown register, measured by the run's verdicts.
 * Without one: the run's failures as a Markdown table.
 */
export const markdownFormat = defineFormat({
  id: 'markdown',
  description: 'the plan as a Markdown register (SECURITY.md style), or a failure table without a plan',
  extension: 'md',
  render(run, context) {
    if (context.plan) {
      const input = { plan: context.plan.plan, now: context.now };
      return renderRegister(run.verdicts ? { ...input, verdicts: run.verdicts } : input);
    }
    const failures = run.findings.filter(isOpenFailure);
    const rows = failures.map((r) => `| ${r.severity} | ${code(r.checkId)} | ${cell(r.message)} | ${code(formatLocation(r.location))} |`);
    return [`# harden scan of ${cell(run.root)}`, '', `${failures.length} failures.`, '', '| Severity | Check | Finding | Where |', '|---|---|---|---|', ...rows, ''].join('\n');
  },
});

/** Text in a table cell (or a heading): on one line, control characters escaped, pipes never splitting it. */
function cell(text: string): string {
  return escapeMarkdown(displayText(text));
}

/** A code span in a table cell: only the pipe needs escaping there (GFM splits cells first). */
function code(text: string): string {
  return `\`${displayText(text).replaceAll('`', "'").replaceAll('|', '\\|')}\``;
}
