import { describe, expect, it } from 'vitest';
import { jsonLogger } from './log.js';

describe('jsonLogger', () => {
  it('masks credentials in the message and in every field, nested ones too (issue 9, defect 8)', () => {
    const lines: string[] = [];
    const log = jsonLogger((line) => lines.push(line), { now: () => 0 });
    const token = 'Tk' + '9aB8cD7eF6gH';
    log('error', `plan reload failed for https://api.example.com/?api_key=${token}`, {
      problems: [`harden.yaml:3:5: "https://api.example.com/?token=${token}" is not a URL`],
      target: `https://u:${token}@api.example.com/health`,
      attempts: 2,
    });
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'error',
      msg: 'plan reload failed for https://api.example.com/?api_key=Tk9a…',
      problems: ['harden.yaml:3:5: "https://api.example.com/?token=Tk9a…" is not a URL'],
      target: 'https://u:Tk9a…@api.example.com/health',
      attempts: 2,
    });
  });
});
