/**
 * The ids of the report formats, in the order help texts list them (src/report/index.ts holds
 * the formats in the same order; a test says so). Apart, so a command's options know them
 * without loading a format.
 */
export const FORMAT_IDS = ['terminal', 'markdown', 'json', 'sarif', 'junit'] as const;
