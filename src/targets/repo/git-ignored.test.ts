import { describe, expect, it } from 'vitest';
import { parseGitignore } from './git-ignored.js';

const ignores = (text: string, path: string) => parseGitignore(text).reduce((ignored, rule) => (rule.pattern.test(path) ? !rule.negated : ignored), false);

describe('gitignore rules', () => {
  it('reads the shapes used for env files and secret folders', () => {
    expect(ignores('.env\n', '.env')).toBe(true);
    expect(ignores('.env\n', 'api/.env')).toBe(true);
    expect(ignores('.env*\n!.env.example\n', '.env.local')).toBe(true);
    expect(ignores('.env*\n!.env.example\n', '.env.example')).toBe(false);
    expect(ignores('*.env\n', 'deploy/prod.env')).toBe(true);
    expect(ignores('/config/.env\n', 'config/.env')).toBe(true);
    expect(ignores('/config/.env\n', 'api/config/.env')).toBe(false);
    expect(ignores('secrets/\n', 'secrets/.env')).toBe(true);
    expect(ignores('# .env\nnode_modules\n', '.env')).toBe(false);
    expect(ignores('**/.env\n', 'a/b/.env')).toBe(true);
  });
});
