// Writes docs/checks.md from the check metadata (npm run docs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { catalogMarkdown } from '../src/checks/docs.js';
import { CHECKS } from '../src/checks/index.js';

mkdirSync('docs', { recursive: true });
writeFileSync('docs/checks.md', `${catalogMarkdown(CHECKS)}\n`);
console.log(`docs/checks.md: ${CHECKS.length} checks`);
