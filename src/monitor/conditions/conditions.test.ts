import { describe, expect, it } from 'vitest';
import type { MonitorKind } from '../model.js';
import type { Observation } from '../probes/define.js';
import { evaluateConditions, parseConditions } from './index.js';

const NOW = Date.UTC(2026, 10, 30);
const DAY = 86_400_000;

function check(kind: MonitorKind, texts: string[], observation: Partial<Observation>): string | undefined {
  const { conditions, errors } = parseConditions(texts, kind);
  expect(errors).toEqual([]);
  const verdict = evaluateConditions(conditions, { latencyMs: 0, ...observation }, NOW);
  if (verdict instanceof Promise) throw new Error('expected a verdict at once');
  return verdict;
}

function errorOf(kind: MonitorKind, text: string): { column: number; message: string } {
  const { errors } = parseConditions([text], kind);
  expect(errors).toHaveLength(1);
  return { column: errors[0]!.column, message: errors[0]!.message };
}

const http = (observation: Partial<Observation>, ...texts: string[]) => check('http', texts, { status: 200, ...observation });
const json = (body: unknown, ...texts: string[]) => check('http', texts, { status: 200, body: JSON.stringify(body) });

describe('numbers and durations', () => {
  it('compares status with every ordering operator', () => {
    expect(http({ status: 200 }, 'status == 200')).toBeUndefined();
    expect(http({ status: 503 }, 'status == 200')).toBe('status == 200: got 503');
    expect(http({ status: 301 }, 'status != 200')).toBeUndefined();
    expect(http({ status: 200 }, 'status != 200')).toBe('status != 200: got 200');
    expect(http({ status: 404 }, 'status < 400')).toBe('status < 400: got 404');
    expect(http({ status: 399 }, 'status<400')).toBeUndefined();
    expect(http({ status: 400 }, 'status <= 400', 'status >= 400', 'status > 399')).toBeUndefined();
    expect(http({ status: 399 }, 'status >= 400')).toBe('status >= 400: got 399');
  });
  it('compares latency and its phases with durations, a bare number being milliseconds', () => {
    expect(http({ latencyMs: 499 }, 'latency < 500ms')).toBeUndefined();
    expect(http({ latencyMs: 812.4 }, 'latency < 500ms')).toBe('latency < 500ms: took 812ms');
    expect(http({ latencyMs: 2500 }, 'latency < 1.5s')).toBe('latency < 1.5s: took 2.50s');
    expect(http({ latencyMs: 700 }, 'latency < 500')).toBe('latency < 500: took 700ms');
    const phases = { dnsMs: 1, connectMs: 2, tlsMs: 30, firstByteMs: 400 };
    expect(http({ phases }, 'latency.dns < 5ms', 'latency.connect < 5ms', 'latency.tls < 50ms')).toBeUndefined();
    expect(http({ phases }, 'latency.firstByte < 100ms')).toBe('latency.firstByte < 100ms: took 400ms');
    expect(http({}, 'latency.tls < 100ms')).toBe('latency.tls < 100ms: not measured');
  });
  it('measures cert.expires from now to notAfter', () => {
    expect(http({ certExpiresAt: NOW + 30 * DAY }, 'cert.expires > 14d')).toBeUndefined();
    expect(http({ certExpiresAt: NOW + 3 * DAY }, 'cert.expires > 14d')).toBe('cert.expires > 14d: expires in 3d');
    expect(http({ certExpiresAt: NOW - 2 * DAY - 3_600_000 }, 'cert.expires > 0d')).toBe('cert.expires > 0d: expired 2d 1h ago');
    expect(http({}, 'cert.expires > 14d')).toBe('cert.expires > 14d: no certificate');
    expect(check('tls', ['cert.expires >= 2w'], { certExpiresAt: NOW + 14 * DAY })).toBeUndefined();
  });
});

describe('text', () => {
  it('reads the body', () => {
    expect(http({ body: 'all ok' }, "body contains 'ok'", 'body contains "all"', "body !contains 'error'")).toBeUndefined();
    expect(http({ body: 'degraded' }, "body contains 'ok'")).toBe("body contains 'ok': not found");
    expect(http({ body: 'an error page' }, "body !contains 'error'")).toBe("body !contains 'error': found");
    expect(http({ body: 'ok' }, "body == 'ok'", "body != 'no'")).toBeUndefined();
    expect(http({ body: 'nope' }, "body == 'ok'")).toBe("body == 'ok': got 'nope'");
    expect(http({ body: 'Version 2.3' }, 'body matches /version \\d+\\.\\d+/i')).toBeUndefined();
    expect(http({ body: 'none' }, 'body matches /\\d/')).toBe('body matches /\\d/: no match');
    expect(http({ body: "it's \"quoted\"" }, "body contains 'it\\'s \"quoted\"'")).toBeUndefined();
  });
  it('reads headers by case-insensitive name, values joined', () => {
    const headers = new Map([
      ['content-type', ['application/json']],
      ['vary', ['accept', 'origin']],
    ]);
    expect(http({ headers }, "header.Content-Type == 'application/json'", "header.vary == 'accept, origin'", "header['content-type'] contains 'json'")).toBeUndefined();
    expect(http({ headers }, "header.content-type contains 'html'")).toBe("header.content-type contains 'html': got 'application/json'");
    expect(http({ headers }, "header.x-missing == 'a'")).toBe("header.x-missing == 'a': no such header");
    expect(http({ headers }, "header.x-missing != 'a'", "header.x-missing !contains 'a'")).toBeUndefined();
    expect(http({ headers }, 'header.vary matches /^accept/')).toBeUndefined();
  });
  it('matches with RE2: a pattern that backtracks for ever elsewhere answers at once', () => {
    const started = performance.now();
    expect(http({ body: `${'a'.repeat(40)}!` }, 'body matches /^(a+)+$/')).toBe('body matches /^(a+)+$/: no match');
    expect(http({ body: 'a'.repeat(40) }, 'body matches /^(a+)+$/')).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2000);
  });
  it('understands the i, m and s flags, JavaScript escapes and named groups', () => {
    expect(http({ body: 'Version 2\nOK' }, 'body matches /^ok$/im', 'body matches /2.ok/is', 'body matches /\\u0056ersion/', 'body matches /(?<major>\\d)/')).toBeUndefined();
    expect(http({ body: 'a\nb' }, 'body matches /a.b/')).toBe('body matches /a.b/: no match');
  });
  it('keeps a g or y flag from making matches stateful', () => {
    const { conditions } = parseConditions(['body matches /ok/g'], 'http');
    for (let i = 0; i < 3; i++) expect(evaluateConditions(conditions, { latencyMs: 1, status: 200, body: 'ok' }, NOW)).toBeUndefined();
  });
});

describe('JSON paths', () => {
  it('walks keys and indexes', () => {
    const body = { status: 'ok', checks: [{ name: 'db', up: true, ms: 3 }], 'x-y': null, count: 7 };
    expect(json(body, "body.status == 'ok'", 'body.checks[0].up == true', "body.checks[0].name == 'db'", 'body.count > 5', 'body.count <= 7')).toBeUndefined();
    expect(json(body, "body['x-y'] == null", 'body.x-y == null', 'body.checks[0].ms < 10', "body.checks[0].name matches /^d/")).toBeUndefined();
    expect(json([1, 2], 'body[1] == 2')).toBeUndefined();
    expect(json({ status: 'degraded' }, "body.status == 'ok'")).toBe("body.status == 'ok': got 'degraded'");
    expect(json({ status: 'ok' }, 'body.missing.deeper == 1')).toBe('body.missing.deeper == 1: got nothing');
    expect(json({ count: '7' }, 'body.count > 5')).toBe("body.count > 5: got '7'");
    expect(json({ up: false }, 'body.up == true')).toBe('body.up == true: got false');
  });
  it('contains looks into arrays and strings', () => {
    expect(json({ tags: ['a', 'b'], name: 'primary-db' }, "body.tags contains 'b'", "body.name contains 'db'", "body.tags !contains 'z'")).toBeUndefined();
    expect(json({ tags: ['a'] }, "body.tags contains 'b'")).toBe(`body.tags contains 'b': got ["a"]`);
  });
  it('parses the body once per evaluation, and says when it is not JSON', () => {
    expect(http({ body: '<html>' }, "body.status == 'ok'")).toBe("body.status == 'ok': the body is not JSON");
    let reads = 0;
    const observation = {
      latencyMs: 1,
      status: 200,
      get body() {
        reads++;
        return '{"a":1,"b":2}';
      },
    };
    const { conditions } = parseConditions(['body.a == 1', 'body.b == 2'], 'http');
    expect(evaluateConditions(conditions, observation, NOW)).toBeUndefined();
    expect(reads).toBe(1);
  });
});

describe('DNS answers', () => {
  const dns = (answers: string[], ...texts: string[]) => check('dns', texts, { answers });
  it('holds when some answer satisfies the condition; negations when none does', () => {
    expect(dns(['v=DMARC1; p=reject; rua=mailto:x@example.com'], "answers contains 'p=reject'")).toBeUndefined();
    expect(dns(['192.0.2.1', '192.0.2.2'], "answer == '192.0.2.2'", "answers != '10.0.0.1'", 'answers matches /^192\\.0\\.2\\./')).toBeUndefined();
    expect(dns(['v=DMARC1; p=none'], "answers contains 'p=reject'")).toBe("answers contains 'p=reject': got 'v=DMARC1; p=none'");
    expect(dns(['192.0.2.1'], "answers != '192.0.2.1'")).toBe("answers != '192.0.2.1': found '192.0.2.1'");
    expect(dns(['a', 'b'], "answers !contains 'b'")).toBe("answers !contains 'b': found 'b'");
  });
  it('lets the subject be left out', () => {
    expect(dns(['v=DMARC1; p=reject'], "contains 'p=reject'")).toBeUndefined();
    expect(dns(['v=DMARC1; p=none'], "contains 'p=reject'")).toBe("contains 'p=reject': got 'v=DMARC1; p=none'");
    expect(dns(['x'], "== 'x'", 'matches /x/', "!contains 'y'")).toBeUndefined();
  });
  it('reports no answers', () => {
    expect(dns([], "answers contains 'x'")).toBe("answers contains 'x': got no answers");
  });
});

describe('defaults', () => {
  it('http: status 200-399 unless a condition looks at status', () => {
    expect(http({ status: 302 })).toBeUndefined();
    expect(http({ status: 503 })).toBe('status 503');
    expect(http({ status: 503 }, 'latency < 1s')).toBe('status 503');
    expect(http({ status: 404 }, 'status == 404')).toBeUndefined();
    expect(check('http', [], {})).toBe('no response');
  });
  it('dns: at least one answer unless a condition looks at answers', () => {
    expect(check('dns', [], { answers: ['x'] })).toBeUndefined();
    expect(check('dns', [], { answers: [] })).toBe('NODATA (no answers)');
    expect(check('dns', ["answers !contains 'x'"], { answers: [] })).toBeUndefined();
  });
  it('tls: an unexpired certificate; tcp: nothing beyond connecting', () => {
    expect(check('tls', [], { certExpiresAt: NOW + DAY })).toBeUndefined();
    expect(check('tls', [], { certExpiresAt: NOW - 1 })).toBe('certificate has expired');
    expect(check('tcp', [], {})).toBeUndefined();
    expect(check('tcp', ['latency.connect < 1s'], { phases: { connectMs: 2000 } })).toBe('latency.connect < 1s: took 2.00s');
  });
  it('reports the first failing condition, defaults first', () => {
    expect(http({ status: 200, latencyMs: 900, body: 'x' }, "body contains 'ok'", 'latency < 500ms')).toBe("body contains 'ok': not found");
  });
});

describe('parse errors name the column', () => {
  const cases: [MonitorKind, string, number, string][] = [
    ['http', 'status < 14d', 10, '< on status needs a number; 14d is a duration'],
    ['http', "status == '200'", 11, "== on status needs a number; '200' is text"],
    ['http', "latency contains 'x'", 9, 'latency is a duration: use ==, !=, <, <=, >, >='],
    ['http', "latency < 'fast'", 11, "< on latency needs a duration such as 500ms; 'fast' is text"],
    ['http', 'cert.expires > 14', 16, '> on cert.expires needs a duration such as 14d; 14 is a number'],
    ['http', 'body < 5', 6, 'body is text: use ==, !=, contains, !contains, matches'],
    ['http', "body.count > 'x'", 14, "> on body.count needs a number; 'x' is text"],
    ['http', 'body.count == 5s', 15, '== on body.count needs a number, \'text\', true, false or null; 5s is a duration'],
    ['http', "body matches 'x'", 14, "matches on body needs a /regex/; 'x' is text"],
    ['http', 'body contains /x/', 15, 'a /regex/ goes with matches: body matches /x/'],
    ['http', 'body matches /a(/', 15, 'invalid regex /a(/: missing closing ) in "a("'],
    ['http', 'body matches /x{2000}/', 16, 'invalid regex /x{2000}/: invalid repeat count in "{2000}"'],
    ['http', 'body matches /(a+)\\1/', 19, 'backreferences (\\1) are not supported: harden matches regexes with RE2, in time linear in the text'],
    ['http', 'body matches /(?<n>a)\\k<n>/', 22, 'backreferences (\\k<n>) are not supported: harden matches regexes with RE2, in time linear in the text'],
    ['http', 'body matches /a(?!b)/', 16, 'lookahead and lookbehind ((?!…) are not supported: harden matches regexes with RE2, in time linear in the text'],
    ['http', "header.x matches /(?<=a)b/", 19, 'lookahead and lookbehind ((?<=…) are not supported: harden matches regexes with RE2, in time linear in the text'],
    ['http', 'body matches /ok/iz', 19, 'unknown regex flag "z" (i, m, s)'],
    ['http', 'body matches /abc', 14, 'unterminated /regex/: add the closing /'],
    ['http', "body contains 'ok", 15, "unterminated string: add the closing '"],
    ['http', 'latency < 5 parsecs', 13, 'unexpected "parsecs" after the value'],
    ['http', 'latency < 5years', 11, '"5years" is not a duration (use ms, s, m, h, d or w)'],
    ['http', 'status = 200', 8, 'use == to compare'],
    ['http', 'status is 200', 8, 'expected an operator (!contains, contains, matches, ==, !=, <=, >=, <, >), found "is"'],
    ['http', 'status ==', 10, 'expected a value after =='],
    ['http', 'status', 7, 'status needs an operator and a value, e.g. status == 200'],
    ['http', '  uptime > 5', 3, 'unknown subject "uptime" (a http monitor has status, latency, latency.dns, latency.connect, latency.tls, latency.firstByte, body, header, cert.expires)'],
    ['http', 'latency.total < 5ms', 9, 'unknown phase "total" (latency.dns, latency.connect, latency.tls, latency.firstByte)'],
    ['http', 'cert.issuer == 1', 6, 'the certificate subject is cert.expires'],
    ['http', "== 'x'", 1, 'a condition starts with what it looks at: status, latency, latency.dns, latency.connect, latency.tls, latency.firstByte, body, header, cert.expires'],
    ['http', 'body.items[x] == 1', 11, "expected [INDEX] or ['key']"],
    ['http', '   ', 1, 'empty condition'],
    ['tcp', 'status == 200', 1, 'status is not available on a tcp monitor (it has latency, latency.dns, latency.connect)'],
    ['tcp', 'latency.tls < 5ms', 1, 'latency.tls is not available on a tcp monitor (it has latency, latency.dns, latency.connect)'],
    ['dns', "body contains 'x'", 1, 'body is not available on a dns monitor (it has latency, answers, answer)'],
    ['dns', 'answers > 2', 9, 'answers are text: use ==, !=, contains, !contains, matches'],
    ['dns', 'contains 5', 10, "contains on answers needs 'text'; 5 is a number"],
    ['tls', "header.server == 'x'", 1, 'header is not available on a tls monitor (it has latency, latency.dns, latency.connect, latency.tls, cert.expires)'],
  ];
  it.each(cases)('%s: %s', (kind, text, column, message) => {
    expect(errorOf(kind, text)).toEqual({ column, message });
  });
  it('reports each bad text by its index and keeps the good ones', () => {
    const { conditions, errors } = parseConditions(['status == 200', 'status < 1d', 'latency < 1s', 'nope'], 'http');
    expect(errors.map((error) => [error.index, error.column])).toEqual([
      [1, 10],
      [3, 1],
    ]);
    expect(conditions.map((condition) => condition.text)).toEqual(['status == 200', 'latency < 1s']);
  });
  it('accepts every value form', () => {
    const { errors } = parseConditions(['body.a == -1.5', 'body.b == "x"', 'body.c == false', 'body.d != null', 'latency < 2m', 'body matches /[/]x/i', 'latency > -1ms'], 'http');
    expect(errors).toEqual([]);
  });
});
