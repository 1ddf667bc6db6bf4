import { describe, expect, it } from 'vitest';
import { listedTwin, schemeTwin } from './site-origins.js';

const urls = (...list: string[]) => list.map((u) => new URL(u));

describe('schemeTwin', () => {
  it('defaults to the other scheme\'s port on the same host, keeping the path', () => {
    expect(schemeTwin(new URL('https://example.com:8443/app?x=1'), [])!.toString()).toBe('http://example.com/app?x=1');
    expect(schemeTwin(new URL('http://example.com/'), [])!.toString()).toBe('https://example.com/');
  });
  it('takes the plan\'s own site in the other scheme on the same host name, whatever its port', () => {
    const plan = urls('https://127.0.0.1:9443/', 'http://localhost:9080/', 'http://127.0.0.1:9080/');
    expect(schemeTwin(plan[0]!, plan)!.toString()).toBe('http://127.0.0.1:9080/');
    expect(listedTwin(plan[0]!, plan)?.toString()).toBe('http://127.0.0.1:9080/');
    expect(listedTwin(plan[1]!, plan)).toBeUndefined();
  });
});
