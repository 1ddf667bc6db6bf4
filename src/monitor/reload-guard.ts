import { readFileSync } from 'node:fs';
import { parseYaml } from '../targets/yaml/source.js';

/**
 * Whether the plan file says `monitors: []` in so many words. A reload that would remove every
 * monitor is taken only then: an editor saving an empty or truncated file on the way to the
 * real one must not close every open incident and page "resolved".
 */
export function declaresNoMonitors(file: string): boolean {
  try {
    const data = parseYaml(readFileSync(file, 'utf8')).documents[0]?.data;
    return typeof data === 'object' && data !== null && Array.isArray((data as { monitors?: unknown }).monitors) && (data as { monitors: unknown[] }).monitors.length === 0;
  } catch {
    return false;
  }
}
