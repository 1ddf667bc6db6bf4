/**
 * The most harden reads of its inputs. Each limit is far above what a real file needs and
 * low enough that reading a hostile one stays bounded in time and memory.
 */

const MB = 1024 * 1024;

/** A scanned file (manifest, Dockerfile, script, any file of the tree). */
export const MAX_FILE_BYTES = 10 * MB;

/** A plan: a file like the scanned ones (10,000 monitors take about 1.3 MB). */
export const MAX_PLAN_BYTES = MAX_FILE_BYTES;

/** A Markdown tracker for `harden import` (a tracker of 2,000 items is about 250 KB). */
export const MAX_TRACKER_BYTES = 1 * MB;

/**
 * Items one import writes: the plan written from a tracker of one-line items is 12 times its
 * size, and checking it costs about 80 bytes of memory per byte of plan.
 */
export const MAX_TRACKER_ITEMS = 10_000;

/**
 * Collections inside collections in one YAML document (a Kubernetes CRD schema nests about
 * 40 deep); the YAML library's recursion overflows the stack near 800.
 */
export const MAX_YAML_DEPTH = 256;

/** Lists and block quotes inside one another in a Markdown tracker (real ones nest 3 or 4 deep). */
export const MAX_MARKDOWN_NESTING = 32;

export function formatBytes(bytes: number): string {
  return bytes >= MB ? `${+(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
