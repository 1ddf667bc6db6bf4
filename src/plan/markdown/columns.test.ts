import { describe, expect, it } from 'vitest';
import { mapColumns, roleOfHeader } from './columns.js';

const role = (header: string) => roleOfHeader(header)?.role;

describe('column roles from header words', () => {
  it.each(['Concern', 'Topic', 'Requirement', 'Measure', 'Control', 'Issue', 'Item', 'Task', 'Description', 'Risk', 'Vulnerability', 'Recommendation', 'Observation'])(
    '%s names the item',
    (header) => expect(role(header)).toBe('title'),
  );

  it.each([
    ['Remediation status', 'status'], ['Current state', 'status'], ['Implementation status', 'status'], ['Control owner', 'owner'],
    ['Risk owner', 'owner'], ['Risk rating', 'severity'], ['Finding ID', 'id'], ['Control #', 'id'], ['Date identified', 'found'],
    ['Reported on', 'found'], ['Target date', 'due'], ['Fix description', 'notes'], ['Control description', 'title'],
    ['Security concern', 'title'], ['Date closed', 'doneOn'], ['Measured', 'ignored'],
  ])('"%s" is the %s', (header, expected) => expect(role(header)).toBe(expected));

  it('takes the best title among several, the others as notes', () => {
    expect(mapColumns(['Description', 'Finding', 'Status']).roles).toMatchObject({ title: 1, notes: 0, status: 2 });
    expect(mapColumns(['Control', 'Requirement', 'Evidence', 'Status'])).toMatchObject({ roles: { title: 0, notes: 2, status: 3 }, labelled: [1] });
  });
});

describe('column roles from cells, where the header says nothing harden knows', () => {
  it('reads a column of boxes as the status, of severities as the severity, of ids as the id', () => {
    const columns = mapColumns(['Key?', 'Title', '✓', 'Impact', 'Thing'], [
      ['OPS-1', 'Turn on HSTS', '☑', 'High', 'OPS-1'],
      ['OPS-2', 'Pin images', '☐', 'Low', 'OPS-2'],
    ]);
    expect(columns).toEqual({ roles: { id: 0, title: 1, status: 2, severity: 3 }, labelled: [4], unknown: ['Thing'] });
    expect(mapColumns(['Thing', 'Title'], [['OPS-1', 'Turn on HSTS']]).roles).toEqual({ id: 0, title: 1 });
  });

  it('reads a "Risk" column of High/Low as the severity when another column names the item', () => {
    expect(mapColumns(['Finding', 'Risk', 'Status'], [['No MFA', 'High', 'Open']]).roles).toEqual({ title: 0, severity: 1, status: 2 });
    expect(mapColumns(['Risk', 'Description', 'Status'], [['High', 'No MFA on the VPN', 'Open']]).roles).toEqual({ title: 1, severity: 0, status: 2 });
  });

  it('prefers the rating in words to a CVSS score', () => {
    const columns = mapColumns(['Ref', 'Vulnerability', 'Risk', 'CVSS', 'Status'], [['PT-1', 'SQLi', 'Critical', '9.1', 'Open']]);
    expect(columns).toMatchObject({ roles: { id: 0, title: 1, severity: 2, status: 4 }, labelled: [3] });
    expect(mapColumns(['Ref', 'Vulnerability', 'CVSS'], [['PT-1', 'SQLi', '9.1']]).roles.severity).toBe(2);
  });

  it('reads no status in a matrix of boxes (features by product)', () => {
    const columns = mapColumns(['Feature', 'Vault', 'AWS SM'], [['Rotation', '✅', '✅'], ['Audit log', '✅', '❌']]);
    expect(columns.roles.status).toBeUndefined();
  });
});
