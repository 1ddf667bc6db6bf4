import { describe, expect, it } from 'vitest';
import { DASHBOARD_CSS } from './stylesheet.js';
import { DASHBOARD_JS } from './script.js';

describe('the dashboard\'s stylesheet and script', () => {
  it('colours only with the status stylesheet\'s variables (whose contrast its test holds), and loads nothing else', () => {
    expect(DASHBOARD_CSS).not.toMatch(/#[0-9a-f]{3,6}\b|rgb|hsl|url\(|@import/i);
    expect(DASHBOARD_CSS).toMatch(/var\(--fg\)/);
  });

  it('draws charts with the status colours, fetching only same-origin JSON', () => {
    for (const colour of DASHBOARD_JS.match(/#[0-9a-f]{6}/g) ?? []) expect(['#0969da', '#1a7f37', '#57606a', '#cf222e']).toContain(colour);
    expect(DASHBOARD_JS).toContain("credentials: 'same-origin'");
    expect(DASHBOARD_JS).not.toMatch(/innerHTML|eval\(|https?:\/\//);
  });
});
