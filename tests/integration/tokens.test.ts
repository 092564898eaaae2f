import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as compareRoute from '@/app/api/v1/tokens/compare/route';
import * as profileById from '@/app/api/v1/tokens/profiles/[id]/route';
import * as profilesRoute from '@/app/api/v1/tokens/profiles/route';
import { useDatabaseForTests } from '@/db';
import { createWorkspace } from '@/db/queries/accounts';
import { getTokenProfile, listTokenProfiles } from '@/db/queries/token-profiles';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { setupFirstOwner, signIn } from '@/lib/auth/service';
import { parseChatLine } from '@/lib/tokens/samples';
import { runCli } from './helpers/cli';

const root = path.resolve(__dirname, '../..');
const FIXTURE = path.join(root, 'lib/tokens/__fixtures__/chat-sample.jsonl');
const ORIGIN = 'http://frontier.test';


async function cli(args: string[]) {
  const r = await runCli(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/frontier.ts', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: path.join(os.tmpdir(), 'frontier-tokens-unused') }, timeout: 120_000 });
  const out = r.stdout.trim();
  return { status: r.status, json: out ? JSON.parse(out.split('\n').pop()!) : null, stderr: r.stderr };
}

// The fixture's six readable samples through cl100k_base → llama3 (and o200k_base), line 5 broken.
const FIXTURE_RESULT = {
  samples: 6, fromTokens: 210, toTokens: 169, ratio: '0.804762',
  input: { samples: 6, fromTokens: 97, toTokens: 82, ratio: '0.845361' },
  output: { samples: 6, fromTokens: 113, toTokens: 87, ratio: '0.769912' },
};

describe('tokens compare CLI', () => {
  test('prints samples, token totals, ratio and range, with input and output apart for chat files', async () => {
    const r = (await cli(['tokens', 'compare', FIXTURE, '--from', 'cl100k_base', '--to', 'llama3', '--tokenizers', 'o200k_base', '--json']));
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ ok: true, from: 'cl100k_base', to: 'llama3', format: 'jsonl', ...FIXTURE_RESULT, skipped: 1 });
    expect(r.json.issues[0]).toMatchObject({ line: 5 });
    for (const k of ['', 'input', 'output'] as const) {
      const s = k ? r.json[k] : r.json;
      expect(Number(s.ratioLower)).toBeLessThanOrEqual(Number(s.ratio));
      expect(Number(s.ratioUpper)).toBeGreaterThanOrEqual(Number(s.ratio));
      expect(s.ratioLower).toMatch(/^\d+\.\d{6}$/);
    }
    expect(r.json.tokenizers).toEqual([
      { id: 'cl100k_base', input: 97, output: 113, total: 210, ratio: '1.000000' },
      { id: 'llama3', input: 82, output: 87, total: 169, ratio: '0.804762' },
      { id: 'o200k_base', input: 77, output: 77, total: 154, ratio: '0.733333' },
    ]);
    // The source totals agree with OpenAI's tiktoken over the same input/output split.
    const { get_encoding } = await import('tiktoken');
    const enc = get_encoding('cl100k_base');
    let input = 0;
    let output = 0;
    for (const line of fs.readFileSync(FIXTURE, 'utf8').split('\n')) {
      const p = line.trim() ? parseChatLine(line) : null;
      if (!p || 'error' in p) continue;
      input += enc.encode_ordinary(p.input).length;
      output += enc.encode_ordinary(p.output).length;
    }
    enc.free();
    expect([input, output]).toEqual([97, 113]);
  });

  test('plain text has no input/output keys; bad input exits 1 with one line saying why', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-tokens-'));
    try {
      fs.writeFileSync(path.join(dir, 'plain.txt'), 'hello world\nThe quick brown fox jumps over the lazy dog.\n');
      const p = (await cli(['tokens', 'compare', path.join(dir, 'plain.txt'), '--from', 'cl100k_base', '--to', 'llama2', '--json']));
      expect(p.json).toMatchObject({ ok: true, format: 'lines', samples: 2, fromTokens: 12, toTokens: 14, ratio: '1.166667' });
      expect(p.json).not.toHaveProperty('input');
      fs.writeFileSync(path.join(dir, 'empty.txt'), '');
      expect((await cli(['tokens', 'compare', path.join(dir, 'empty.txt'), '--json']))).toMatchObject({ status: 1, json: { ok: false, error: 'the file is empty: paste or upload some samples' } });
      fs.writeFileSync(path.join(dir, 'blob.bin'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 8, 0]));
      expect((await cli(['tokens', 'compare', path.join(dir, 'blob.bin'), '--json'])).json.error).toMatch(/binary file/);
      expect((await cli(['tokens', 'compare', path.join(dir, 'plain.txt'), '--to', 'gpt2', '--json'])).json.error).toBe('--to is one of cl100k_base, o200k_base, llama3, llama2, mistral, not "gpt2"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(testEngines())('token profiles and the compare API on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  let headers: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    useDatabaseForTests(t);
    const setup = await setupFirstOwner(t.db, { email: 'owner@example.com', password: 'a long enough password', workspaceName: 'Acme', withDemo: false });
    ws = setup.workspace.id;
    const { token } = await signIn(t.db, { email: 'owner@example.com', password: 'a long enough password', ip: '10.0.0.1', userAgent: 'vitest' });
    headers = { cookie: `frontier_session=${token}`, origin: ORIGIN, host: 'frontier.test' };
  });
  afterAll(async () => t?.destroy());

  test('a multipart upload compares the same as the CLI; NDJSON progress ends with the result', async () => {
    const form = new FormData();
    form.set('file', new Blob([fs.readFileSync(FIXTURE)]), 'chat-sample.jsonl');
    const res = await compareRoute.POST(new Request(`${ORIGIN}/api/v1/tokens/compare?from=cl100k_base&to=llama3&tokenizers=o200k_base`, { method: 'POST', headers, body: form }));
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.all).toMatchObject({ samples: 6, fromTokens: 210, toTokens: 169, ratio: '0.804762' });
    expect(r.input).toMatchObject(FIXTURE_RESULT.input);
    expect(r.output).toMatchObject(FIXTURE_RESULT.output);
    expect(r.issues).toEqual([{ line: 5, reason: expect.stringMatching(/^not valid JSON/) }]);
    expect(r.lower[0].hint.label).toMatch(/Devanagari|Greek/);

    const nd = await compareRoute.POST(new Request(`${ORIGIN}/api/v1/tokens/compare?progress=ndjson`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hello world\nnamaste', from: 'cl100k_base', to: 'o200k_base' }) }));
    const lines = (await nd.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ type: 'result', result: { samples: 2, all: { fromTokens: 4, toTokens: 4, ratio: '1.000000' } } });

    const bad = await compareRoute.POST(new Request(`${ORIGIN}/api/v1/tokens/compare`, { method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }));
    expect(bad.status).toBe(415);
    expect((await bad.json()).error.code).toBe('binary');
    const empty = await compareRoute.POST(new Request(`${ORIGIN}/api/v1/tokens/compare`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ text: '' }) }));
    expect([empty.status, (await empty.json()).error.message]).toEqual([422, 'the file is empty: paste or upload some samples']);
  });

  test('save, list, get and delete a profile; ratios come back as exact strings; other workspaces see nothing', async () => {
    const body = {
      name: 'Support bot → Llama 3', sourceTokenizer: 'cl100k_base', targetTokenizer: 'llama3', samples: 6,
      input: { ratio: '0.845361', lower: '0.660870', upper: '1.000000' }, output: { ratio: '0.769912', lower: '0.609375', upper: '0.960000' },
      detail: { fromTokens: 210, toTokens: 169 },
    };
    const post = (b: unknown) => profilesRoute.POST(new Request(`${ORIGIN}/api/v1/tokens/profiles`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(b) }));
    const res = await post(body);
    expect(res.status).toBe(201);
    const { profile } = await res.json();
    expect(profile).toMatchObject({ name: 'Support bot → Llama 3', sourceTokenizer: 'cl100k_base', targetTokenizer: 'llama3', samples: 6, inputRatio: '0.845361', inputLower: '0.660870', inputUpper: '1.000000', outputRatio: '0.769912', outputLower: '0.609375', outputUpper: '0.960000' });
    expect((await post({ ...body, targetTokenizer: 'cl100k_base' })).status).toBe(400);
    expect((await post({ ...body, name: ' ' })).status).toBe(400);
    // Plain samples have no roles: output is stored equal to input.
    const plain = await (await post({ ...body, name: 'plain', output: undefined, input: { ratio: '1.1', lower: '1.05', upper: '1.2' } })).json();
    expect([plain.profile.outputRatio, plain.profile.outputLower, plain.profile.outputUpper]).toEqual(['1.100000', '1.050000', '1.200000']);

    const list = await listTokenProfiles(t.db, ws);
    expect(list.map((p) => p.name).sort()).toEqual(['Support bot → Llama 3', 'plain']);
    expect(await getTokenProfile(t.db, ws, profile.id)).toMatchObject({ inputRatio: '0.845361', outputUpper: '0.960000', detail: { fromTokens: 210, roles: true } });
    const other = await createWorkspace(t.db, { slug: 'other', name: 'Other' });
    expect(await listTokenProfiles(t.db, other.id)).toEqual([]);
    expect(await getTokenProfile(t.db, other.id, profile.id)).toBeNull();

    const del = (id: string) => profileById.DELETE(new Request(`${ORIGIN}/api/v1/tokens/profiles/${id}`, { method: 'DELETE', headers }), { params: Promise.resolve({ id }) });
    expect((await del(profile.id)).status).toBe(204);
    expect((await del(profile.id)).status).toBe(404);
    expect((await del('not-a-uuid')).status).toBe(404);
    expect((await listTokenProfiles(t.db, ws)).map((p) => p.name)).toEqual(['plain']);
  });
});
