import { z } from 'zod';
import { stringList } from '../schema-fields.js';
import { hostSchema } from './host/config.js';
import { domainSchema, serviceSchema, siteSchema } from './live/config.js';

/**
 * Where the plan's targets are: the repository's files (globs relative to root; defaults find
 * the usual ones) and the live sites, domains and services its checks may reach.
 */
export const targetsSchema = z
  .object({
    root: z.string().default('.'),
    manifests: stringList.optional(),
    dockerfiles: stringList.optional(),
    compose: stringList.optional(),
    workflows: stringList.optional(),
    scripts: stringList.optional(),
    configs: stringList.optional(),
    tree: stringList.optional(),
    exclude: stringList.optional(),
    sites: z.array(siteSchema).default([]),
    domains: z.array(domainSchema).default([]),
    services: z.array(serviceSchema).default([]),
    hosts: z.array(hostSchema).default([]),
  })
  .strict();

export type PlanTargets = z.output<typeof targetsSchema>;
