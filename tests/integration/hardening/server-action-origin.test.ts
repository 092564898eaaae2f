import { NextRequest } from 'next/server';
import { afterEach, describe, expect, test } from 'vitest';
import { proxy } from '@/proxy';

/**
 * Server actions are POSTs to a page, and Next's own check lets one with no Origin through and compares Origin with
 * whatever X-Forwarded-Host the client sent. proxy.ts refuses those before Next sees them: an action must carry an
 * Origin naming this host, and X-Forwarded-Host counts only with FRONTIER_TRUST_PROXY=1. Called the way Next calls
 * it, with a NextRequest; a refusal is a 403, anything Next would go on with is not.
 */
const HOST = 'frontier.test';
const action = (headers: Record<string, string>, path = '/login', method = 'POST') =>
  proxy(new NextRequest(`http://${HOST}${path}`, {
    method,
    headers: { host: HOST, cookie: 'frontier_session=fs_x', 'next-action': '7f00aa', 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: method === 'GET' ? undefined : '[]',
  }));

describe('server actions: Origin must name this host', () => {
  afterEach(() => { delete process.env.FRONTIER_TRUST_PROXY; });

  test.each([
    ['no Origin', {}],
    ['Origin null', { origin: 'null' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['a look-alike host', { origin: 'http://frontier.test.evil.example' }],
    ['an Origin that does not parse', { origin: 'not a url' }],
    ['a forged X-Forwarded-Host matching a foreign Origin', { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' }],
    ['a forged X-Forwarded-Host and no Origin', { 'x-forwarded-host': HOST }],
    ['Sec-Fetch-Site: same-origin without Origin (a header any client can write)', { 'sec-fetch-site': 'same-origin' }],
  ])('%s: 403', async (_how, headers) => {
    for (const path of ['/login', '/settings', '/uploads']) {
      const res = action(headers, path);
      expect(res.status).toBe(403);
      expect(await res.text()).toBe('Cross-site request refused.');
    }
  });

  test('a form post (no Next-Action header) is held to the same rule', () => {
    const res = proxy(new NextRequest(`http://${HOST}/login`, { method: 'POST', headers: { host: HOST, 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' }));
    expect(res.status).toBe(403);
  });

  test('our own page goes through, and a client-written X-Forwarded-Host is dropped on the way', () => {
    const res = action({ origin: `http://${HOST}`, 'x-forwarded-host': 'evil.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(res.headers.get('x-middleware-request-x-forwarded-host')).toBeNull();
    expect(res.headers.get('x-middleware-request-x-frontier-path')).toBe('/login');
  });

  test('X-Forwarded-Host is the host only behind a trusted proxy', () => {
    const headers = { host: '127.0.0.1:3000', origin: 'https://frontier.example.com', 'x-forwarded-host': 'frontier.example.com' };
    expect(action(headers).status).toBe(403);
    process.env.FRONTIER_TRUST_PROXY = '1';
    expect(action(headers).status).toBe(200);
    expect(action({ ...headers, origin: 'http://127.0.0.1:3000' }).status).toBe(403);
  });

  test('GET needs no Origin (pages, and the redirect to /login still work)', () => {
    expect(action({}, '/models', 'GET').status).toBe(200);
    const anon = proxy(new NextRequest(`http://${HOST}/models?x=1`, { headers: { host: HOST } }));
    expect(anon.status).toBe(307);
    expect(anon.headers.get('location')).toBe(`http://${HOST}/login?next=%2Fmodels%3Fx%3D1`);
  });
});
