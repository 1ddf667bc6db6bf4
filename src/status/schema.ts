import { z } from 'zod';
import { name } from '../monitor/config-fields.js';
import type { MonitoringPlan } from '../monitor/schema.js';

/**
 * The plan's `statusPages:` section: public pages `harden serve` shows at /status/<slug>, each
 * over some monitors. Targets (URLs, hosts) stay off a page unless it says `showUrls: true`.
 */
export const statusPageSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a slug uses lower-case letters, digits and "-" (it is the page\'s path: /status/<slug>)'),
    title: z.string().min(1),
    description: z.string().optional(),
    monitors: z.array(name).min(1, 'a status page shows at least one monitor'),
    /** Show each monitor's target (without credentials or query) on the page. */
    showUrls: z.boolean().default(false),
  })
  .strict();

export const statusPlanShape = {
  statusPages: z.array(statusPageSchema).default([]),
};

export type StatusPage = z.output<typeof statusPageSchema>;

/** What the status pages read of a plan: the monitoring sections, the pages and the project's name. */
export type StatusPlan = MonitoringPlan & { statusPages: StatusPage[]; project?: string | undefined };

/** Cross-references of `statusPages:`: unique slugs, known monitors, each once a page. */
export function validateStatusPages(plan: StatusPlan): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const monitors = new Set(plan.monitors.map((monitor) => monitor.name));
  const slugs = new Map<string, number>();
  plan.statusPages.forEach((page, i) => {
    if (slugs.has(page.slug)) issues.push({ path: ['statusPages', i, 'slug'], message: `duplicate status page "${page.slug}" (first at page ${slugs.get(page.slug)! + 1})` });
    else slugs.set(page.slug, i);
    const listed = new Set<string>();
    page.monitors.forEach((monitor, j) => {
      const path = ['statusPages', i, 'monitors', j];
      if (!monitors.has(monitor)) issues.push({ path, message: `unknown monitor "${monitor}" (${knownMonitors(monitors)})` });
      else if (listed.has(monitor)) issues.push({ path, message: `monitor "${monitor}" is already on this page` });
      listed.add(monitor);
    });
  });
  return issues;
}

function knownMonitors(monitors: ReadonlySet<string>): string {
  if (monitors.size === 0) return 'the plan has no monitors';
  const names = [...monitors];
  return `the plan's monitors: ${names.slice(0, 8).join(', ')}${names.length > 8 ? `, and ${names.length - 8} more` : ''}`;
}
