import { describe, expect, it } from 'vitest';
import { text } from '../../testing/dedent.js';
import { tomlLocator } from './toml-locator.js';

describe('tomlLocator', () => {
  const locate = tomlLocator(text`
    # Traefik
    InsecureSkipVerify = true
    [api]
      dashboard = true
    [http.middlewares.secure.headers]
      frameDeny = true
      customResponseHeaders = [
        "a = [1]",
      ]
      stsSeconds = 63072000
    [http.serversTransports."pve.lan"]
      tls.insecureSkipVerify = true
    [[acme.domains]]
      main = "example.com"
    [[acme.domains]]
      main = "*.example.com"
    [note]
      text = """
    fake = 1
    """
      after = 2`);

  it('finds keys under table headers, dotted and quoted keys, and arrays of tables by index', () => {
    expect(locate(['InsecureSkipVerify'])).toEqual({ line: 2, column: 1 });
    expect(locate(['api', 'dashboard'])).toEqual({ line: 4, column: 3 });
    expect(locate(['http', 'middlewares', 'secure', 'headers'])).toEqual({ line: 5, column: 1 });
    expect(locate(['http', 'middlewares', 'secure'])).toEqual({ line: 5, column: 1 });
    expect(locate(['http', 'middlewares', 'secure', 'headers', 'stsSeconds'])).toEqual({ line: 10, column: 3 });
    expect(locate(['http', 'serversTransports', 'pve.lan', 'tls', 'insecureSkipVerify'])).toEqual({ line: 12, column: 3 });
    expect(locate(['acme', 'domains', 1, 'main'])).toEqual({ line: 16, column: 3 });
    expect(locate(['insecureSkipVerify'])).toEqual({ line: 2, column: 1 });
  });

  it('skips multi-line values and falls back to the nearest written ancestor, then the first line', () => {
    expect(locate(['fake'])).toEqual({ line: 1, column: 1 });
    expect(locate(['note', 'after'])).toEqual({ line: 21, column: 3 });
    expect(locate(['http', 'middlewares', 'secure', 'headers', 'customResponseHeaders', 'X-Frame'])).toEqual({ line: 7, column: 3 });
  });
});
