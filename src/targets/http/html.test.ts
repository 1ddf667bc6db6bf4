import { describe, expect, it } from 'vitest';
import { htmlTags, metaPolicies } from './html.js';

describe('html tag scanning', () => {
  it('finds meta policies, quoted or bare, with entities decoded, and skips comments', () => {
    const html = `<!-- <meta http-equiv="Content-Security-Policy" content="default-src *"> -->
      <META HTTP-EQUIV='content-security-policy' CONTENT="default-src 'self'; img-src &quot;x&quot;">
      <meta name=referrer content=no-referrer>
      <meta http-equiv="refresh" content="5">`;
    expect(metaPolicies(html)).toEqual({ csp: [`default-src 'self'; img-src "x"`], referrer: 'no-referrer' });
  });
  it('reads script attributes, a > inside a quoted value included', () => {
    const tags = htmlTags(`<script src="/a.js" data-x="1>2" integrity="sha384-abc" async></script><script>inline()</script>`);
    expect(tags.map((t) => Object.fromEntries(t.attributes))).toEqual([{ src: '/a.js', 'data-x': '1>2', integrity: 'sha384-abc', async: '' }, {}]);
  });
});
