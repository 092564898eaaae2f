import { afterEach, describe, expect, test } from 'vitest';
import { requestOrigin } from './origin';
import { DEFAULT_NEXT, safeNext } from './safe-next';

const ORIGIN = 'https://frontier.example.com';

describe('safeNext', () => {
  // Each of these, put in a Location header or handed to the client router, lands on another host.
  test.each([
    ['//evil.example'],
    ['/\\evil.example'],
    ['/\\/evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r\n/evil.example'],
    ['\t//evil.example'],
    ['/.//evil.example'],
    ['/..//evil.example'],
    ['/./\\evil.example'],
    ['https://evil.example/'],
    ['http:evil.example'],
    ['javascript:alert(1)'],
    ['evil.example'],
    [''],
    [null],
    [undefined],
    [42],
  ])('%j leaves the site: the default instead', (raw) => {
    expect(safeNext(raw, ORIGIN)).toBe(DEFAULT_NEXT);
  });

  test.each([
    ['/models', '/models'],
    ['/usage?preset=7d&groupBy=key', '/usage?preset=7d&groupBy=key'],
    ['/reports/abc#v2', '/reports/abc#v2'],
    // Still a path on this site: an encoded backslash or slash stays encoded.
    ['/%5Cevil.example', '/%5Cevil.example'],
    ['/%2F/evil.example', '/%2F/evil.example'],
    ['/a/../usage', '/usage'],
    ['/ /x', '/%20/x'],
  ])('%j stays on the site as %j', (raw, want) => {
    expect(safeNext(raw, ORIGIN)).toBe(want);
  });

  test('whatever comes back resolves to the same origin', () => {
    const tricky = ['/\\\\x', '/%09/x', '/\u0000/x', '/\u3000/x', '/．/x', '/\\\t\\x', '/%5C%5Cx', '/@evil.example', '/:@evil.example'];
    for (const raw of tricky) expect(new URL(safeNext(raw, ORIGIN), ORIGIN).origin).toBe(ORIGIN);
  });

  test('an origin that does not parse gives the default', () => {
    expect(safeNext('/usage', 'not a url')).toBe(DEFAULT_NEXT);
  });
});

describe('requestOrigin', () => {
  const h = new Headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'frontier.example.com', 'x-forwarded-proto': 'https' });
  afterEach(() => { delete process.env.FRONTIER_TRUST_PROXY; });
  test('the Host header unless a trusted proxy forwards another', () => {
    expect(requestOrigin(h)).toBe('http://127.0.0.1:3000');
    process.env.FRONTIER_TRUST_PROXY = '1';
    expect(requestOrigin(h)).toBe('https://frontier.example.com');
  });
});
