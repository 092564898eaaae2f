import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { POST as whatifPost } from '@/app/api/v1/whatif/route';
import { useDatabaseForTests } from '@/db';
import { loadDemoUsage } from '@/db/queries/demo';
import { getQualitySnapshots } from '@/db/queries/whatif';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { setupFirstOwner, signIn } from '@/lib/auth/service';
import { importArenaFile } from '@/lib/quality/service';
import { parseScenario, runScenario } from '@/lib/whatif/service';

/**
 * A scenario names providers and quality snapshots the way people do: `together` for together_ai, a snapshot by
 * its as-of date or name. Ambiguous and unknown names answer 400 with the candidates to pick from.
 */
const ORIGIN = 'http://frontier.test';
const PASSWORD = 'correct horse battery staple';
const ARENA = fs.readFileSync(path.resolve(__dirname, '../../db/seed/data/arena-2024-06-19.csv'), 'utf8');

describe.each(testEngines())('what-if names on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  let cookie = '';
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    useDatabaseForTests(t);
    const setup = await setupFirstOwner(t.db, { email: 'owner@example.com', password: PASSWORD, workspaceName: 'Acme', withDemo: false });
    ws = setup.workspace.id;
    await loadDemoUsage(t.db, ws, '2026-10-31');
    cookie = `frontier_session=${(await signIn(t.db, { email: 'owner@example.com', password: PASSWORD, ip: null, userAgent: 'vitest' })).token}`;
    // The workspace's own copy of the June board: the date 2024-06-19 now names two snapshots.
    await importArenaFile(t, { workspaceId: ws, filename: 'our-arena.csv', text: ARENA, asOf: '2024-06-19', actor: { label: 'test' } });
  });
  afterAll(async () => t?.destroy());

  const spec = (over: Record<string, unknown> = {}) => parseScenario({
    baseline: { from: '2026-10-01', to: '2026-10-31' },
    targets: [{ id: 't', kind: 'api', model: 'llama-3-70b-instruct', provider: 'together' }],
    ...over,
  });
  const post = async (body: unknown) => {
    const res = await whatifPost(new Request(`${ORIGIN}/api/v1/whatif`, { method: 'POST', headers: { host: 'frontier.test', origin: ORIGIN, cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
    return { status: res.status, body: await res.json() };
  };

  test('providers by common name, any case: together is together_ai, and prices the same', async () => {
    const byName = await runScenario(t.db, ws, spec());
    const byId = await runScenario(t.db, ws, spec({ targets: [{ id: 't', kind: 'api', model: 'llama-3-70b-instruct', provider: 'together_ai' }] }));
    expect(byName.targets[0]).toMatchObject({ provider: 'together_ai', label: 'Llama 3 70B Instruct on Together AI' });
    expect(byName.targets[0]!.monthlyCostUsd).not.toBeNull();
    expect(byName.targets[0]!.monthlyCostUsd).toBe(byId.targets[0]!.monthlyCostUsd);
    const aws = await runScenario(t.db, ws, spec({ targets: [{ id: 'b', kind: 'api', model: 'llama-3-70b-instruct', provider: 'AWS Bedrock' }, { id: 'f', kind: 'api', model: 'llama-3-70b-instruct', provider: 'Fireworks' }] }));
    expect(aws.targets.map((x) => x.provider)).toEqual(['bedrock', 'fireworks_ai']);
    // A workload filter by a common name filters on the id usage rows carry.
    const openai = await runScenario(t.db, ws, spec({ workloads: { providers: ['OpenAI'] } }));
    expect(openai.baseline.models.length).toBeGreaterThan(0);
    expect(openai.baseline.periodCostUsd).toBe((await runScenario(t.db, ws, spec({ workloads: { providers: ['openai'] } }))).baseline.periodCostUsd);
  });

  test('an unknown provider answers 400 with the closest matches', async () => {
    const r = await post({ ...spec(), targets: [{ id: 't', kind: 'api', model: 'llama-3-70b-instruct', provider: 'tgether' }] });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('targets.0.provider: unknown provider "tgether"; did you mean together_ai (Together AI)?');
    expect(r.body.error.issues).toEqual([{ path: 'targets.0.provider', message: 'unknown provider "tgether"; did you mean together_ai (Together AI)?', candidates: ['together_ai'] }]);
  });

  test('a snapshot by as-of date or name; a date two snapshots share is 400 listing both', async () => {
    const snaps = await getQualitySnapshots(t.db, ws);
    const july = snaps.find((s) => s.name === 'Chatbot Arena (2024-07-31)')!;
    const june = snaps.find((s) => s.name === 'Chatbot Arena (2024-06-19)')!;
    const ours = snaps.find((s) => s.name === 'our-arena.csv (2024-06-19)')!;
    expect((await runScenario(t.db, ws, spec({ quality: { snapshot: '2024-07-31' } }))).snapshot).toEqual({ id: july.id, name: july.name, asOf: '2024-07-31', own: false });
    expect((await runScenario(t.db, ws, spec({ quality: { snapshot: 'chatbot arena (2024-06-19)' } }))).snapshot!.id).toBe(june.id);
    expect((await runScenario(t.db, ws, spec({ quality: { snapshot: june.id } }))).snapshot!.id).toBe(june.id);

    const r = await post({ ...spec(), quality: { snapshot: '2024-06-19' } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^quality\.snapshot: "2024-06-19" matches 2 quality snapshots; name one by id: /);
    expect(r.body.error.message).toContain(`"Chatbot Arena (2024-06-19)" as of 2024-06-19 (id ${june.id})`);
    expect(r.body.error.message).toContain(`"our-arena.csv (2024-06-19)" as of 2024-06-19 (id ${ours.id})`);
    expect(r.body.error.issues[0].candidates).toEqual(expect.arrayContaining([
      { id: june.id, name: 'Chatbot Arena (2024-06-19)', asOf: '2024-06-19' }, { id: ours.id, name: 'our-arena.csv (2024-06-19)', asOf: '2024-06-19' },
    ]));
    expect(r.body.error.issues[0].candidates).toHaveLength(2);

    const typo = await post({ ...spec(), quality: { snapshot: 'Chatbot Arnea (2024-07-31)' } });
    expect(typo.status).toBe(400);
    expect(typo.body.error.issues[0].candidates.map((c: { name: string }) => c.name)[0]).toBe('Chatbot Arena (2024-07-31)');
  });
});
