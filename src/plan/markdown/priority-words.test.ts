import { describe, expect, it } from 'vitest';
import { isSeverityPlaceholder, priorityInText, severityIn } from './priority-words.js';

describe('severityIn: a severity cell', () => {
  it.each([
    ['HIGH', 'high'], ['🔴 Critical', 'critical'], ['P0', 'critical'], ['P1 (high)', 'high'], ['P2', 'medium'], ['P3', 'low'],
    ['Sev 1', 'critical'], ['SEV-2', 'high'], ['sev3', 'medium'], ['Blocker', 'critical'], ['Major', 'high'], ['Minor', 'low'],
    ['Moderate', 'medium'], ['Informational', 'info'], ['High (CVSS 7.5)', 'high'], ['Medium (was High)', 'medium'],
    ['9.8', 'critical'], ['7.4', 'high'], ['5.3', 'medium'], ['3.1', 'low'],
  ])('%s → %s', (text, severity) => expect(severityIn(text)).toBe(severity));

  it('reads no severity in a placeholder or in other words', () => {
    for (const text of ['—', '-', '?', 'n/a', 'TBD', '', 'whenever']) expect(severityIn(text)).toBeUndefined();
    for (const text of ['—', '-', '?', 'n/a', 'TBD', 'unrated']) expect(isSeverityPlaceholder(text)).toBe(true);
    expect(isSeverityPlaceholder('low')).toBe(false);
  });
});

describe('priorityInText: a priority written in a task line', () => {
  it.each([
    ['pin base images (high) — notes', 'high', 'pin base images — notes'],
    ['SEC-3: rotate keys — P1', 'high', 'SEC-3: rotate keys'],
    ['P0: revoke the leaked token', 'critical', 'revoke the leaked token'],
    ['Rotate [P2] keys', 'medium', 'Rotate keys'],
    ['rotate keys `priority:high`', 'high', 'rotate keys'],
    ['Rotate keys, priority: low', 'low', 'Rotate keys'],
    ['Rotate keys - high priority', 'high', 'Rotate keys'],
    ['Turn on HSTS — major', 'high', 'Turn on HSTS'],
    ['Scan images (sev2)', 'high', 'Scan images'],
  ])('%s → %s, "%s"', (text, severity, rest) => expect(priorityInText(text)).toEqual({ severity, rest }));

  it('leaves words in running text alone', () => {
    for (const text of ['Enable HA (high availability)', 'Set the log level to `low`', 'No high-priority alerts yet', 'Move SSH off port 22 - low effort', 'A low-risk change'])
      expect(priorityInText(text)).toBeUndefined();
  });
});
