import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as unmapped from '@/app/api/v1/models/unmapped/route';
import { useDatabaseForTests } from '@/db';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { getCatalog } from '@/db/queries/get-catalog';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { createApiKey } from '@/lib/auth/service';
import { mapModel, setOverride } from '@/lib/pricing/service';
import { getWhatIfOptions } from '@/lib/whatif/options';

const ORIGIN = 'http://frontier.test';

/**
 * A model a workspace adds is that workspace's: another workspace neither lists it nor can map to or price it, and a
 * workspace's editor cannot change the shared catalog through the API.
 */
describe.each(testEngines())('workspace models on %s', (engine) => {
  let t: TestDatabase;
  let wsA = '';
  let wsB = '';
  const keys: Record<'a' | 'b', string> = { a: '', b: '' };
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    useDatabaseForTests(t);
    wsA = (await createWorkspace(t.db, { slug: 'team-a', name: 'Team A' })).id;
    wsB = (await createWorkspace(t.db, { slug: 'team-b', name: 'Team B' })).id;
    keys.a = (await createApiKey(t.db, wsA, { label: 'test' }, { name: 'editor a', role: 'editor' })).key;
    keys.b = (await createApiKey(t.db, wsB, { label: 'test' }, { name: 'editor b', role: 'editor' })).key;
  });
  afterAll(async () => t?.destroy());

  const post = (who: 'a' | 'b', body: unknown) => unmapped.POST(new Request(`${ORIGIN}/api/v1/models/unmapped`, {
    method: 'POST', headers: { authorization: `Bearer ${keys[who]}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  }), { params: Promise.resolve({}) });
  const shared = async () => rows<{ id: string; name: string; vendor: string; source: string }>(t.db, sql`
    select id, name, vendor, source from models where workspace_id is null order by id`);

  test("A's new model is A's alone: B does not list it, cannot map to it or price it, and can add its own of the same name", async () => {
    const sharedBefore = await shared();
    const res = await post('a', { rawModel: 'acme-ft-1', newModel: { name: 'Acme Private LLM', vendor: 'Acme', openWeights: false } });
    expect(res.status).toBe(200);
    const { modelId } = (await res.json()) as { modelId: string };
    expect(modelId).toBe(`acme-private-llm.${wsA.slice(0, 8)}`);
    expect(await shared()).toEqual(sharedBefore);
    const [row] = await rows<{ workspace_id: string }>(t.db, sql`select workspace_id::text as workspace_id from models where id = ${modelId}`);
    expect(row!.workspace_id).toBe(wsA);

    expect((await getCatalog(t.db, wsA)).models.map((m) => m.id)).toContain(modelId);
    expect((await getCatalog(t.db, wsB)).models.map((m) => m.id)).not.toContain(modelId);
    expect((await getCatalog(t.db, null)).models.map((m) => m.id)).not.toContain(modelId);
    expect((await getCatalog(t.db, wsB)).models).toHaveLength(sharedBefore.length);

    // B cannot reach it by id: not in a mapping, not in a negotiated price (404, as for a model that does not exist).
    const mapB = await post('b', { rawModel: 'acme-ft-1', modelId });
    expect(mapB.status).toBe(404);
    await expect(mapModel(t, wsB, { label: 'test' }, 'acme-ft-1', modelId)).rejects.toThrow(`no catalog model "${modelId}"`);
    await expect(setOverride(t, wsB, { label: 'test' }, { modelId, providerId: 'openai', inputPerMtok: '1', outputPerMtok: '1', effectiveFrom: '2024-01-01' }))
      .rejects.toThrow(`no catalog model "${modelId}"`);
    expect((await rows<{ n: number }>(t.db, sql`select count(*)::int as n from workspace_aliases where workspace_id = ${wsB}`))[0]!.n).toBe(0);
    // A can.
    await setOverride(t, wsA, { label: 'test' }, { modelId, providerId: 'openai', inputPerMtok: '1', outputPerMtok: '2', effectiveFrom: '2024-01-01' });
    expect((await getWhatIfOptions(t.db, wsA, '2024-06-01')).targets.map((x) => x.id)).toContain(modelId);
    expect((await getWhatIfOptions(t.db, wsB, '2024-06-01')).targets.map((x) => x.id)).not.toContain(modelId);

    // B's model of the same name is B's, not a conflict with A's (nor a sign that A has one).
    const resB = await post('b', { rawModel: 'acme-ft-1', newModel: { name: 'Acme Private LLM', vendor: 'Acme', openWeights: false } });
    expect(resB.status).toBe(200);
    expect(((await resB.json()) as { modelId: string }).modelId).toBe(`acme-private-llm.${wsB.slice(0, 8)}`);
    expect((await getCatalog(t.db, wsB)).models.filter((m) => m.name === 'Acme Private LLM').map((m) => m.workspaceId)).toEqual([wsB]);
    // The same name twice in one workspace is refused.
    expect((await post('a', { rawModel: 'acme-ft-2', newModel: { name: 'acme private llm', vendor: 'Acme', openWeights: false } })).status).toBe(409);
  });

  test("an editor cannot change a shared model: a new model named like one is refused and the shared row is as it was", async () => {
    const [gpt] = await rows<{ id: string; name: string; vendor: string; source: string }>(t.db, sql`select id, name, vendor, source from models where id = 'gpt-4o-2024-08-06'`);
    expect(gpt).toBeDefined();
    const res = await post('a', { rawModel: 'my-gpt', newModel: { name: 'gpt-4o-2024-08-06', vendor: 'Evil Corp', openWeights: true, paramsB: 1 } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('map to it instead');
    const [after] = await rows<{ id: string; name: string; vendor: string; source: string; workspace_id: string | null }>(t.db, sql`
      select id, name, vendor, source, workspace_id::text as workspace_id from models where id = 'gpt-4o-2024-08-06'`);
    expect(after).toEqual({ ...gpt, workspace_id: null });
    // Mapping to a shared model is the workspace's own alias, not a change to the shared catalog's aliases.
    const aliasesBefore = (await rows<{ n: number }>(t.db, sql`select count(*)::int as n from model_aliases`))[0]!.n;
    expect((await post('a', { rawModel: 'my-gpt', modelId: 'gpt-4o-2024-08-06' })).status).toBe(200);
    expect((await rows<{ n: number }>(t.db, sql`select count(*)::int as n from model_aliases`))[0]!.n).toBe(aliasesBefore);
    expect(await rows(t.db, sql`select workspace_id::text as ws, raw_model, model_id from workspace_aliases where raw_model = 'my-gpt'`))
      .toEqual([{ ws: wsA, raw_model: 'my-gpt', model_id: 'gpt-4o-2024-08-06' }]);
  });

  test('migration 0013 gives a model added before it to the workspace its source names, unless another workspace uses it', async () => {
    const legacy = (id: string) => sql`insert into models (id, name, vendor, family, open_weights, source)
      values (${id}, ${id}, 'Acme', ${id}, false, 'added by workspace team-a (alice@example.com)')`;
    await t.db.execute(legacy('legacy-own'));
    await t.db.execute(legacy('legacy-used-by-b'));
    await t.db.execute(sql`insert into workspace_aliases (workspace_id, raw_model, model_id) values (${wsB}, 'their-string', 'legacy-used-by-b')`);
    const file = fs.readFileSync(path.join(process.cwd(), 'db/migrations/0013_workspace_models.sql'), 'utf8');
    const update = file.split('--> statement-breakpoint').map((x) => x.trim()).find((x) => x.startsWith('UPDATE'))!;
    await t.db.execute(sql.raw(update));
    expect(await rows(t.db, sql`select id, workspace_id::text as ws from models where id like 'legacy-%' order by id`))
      .toEqual([{ id: 'legacy-own', ws: wsA }, { id: 'legacy-used-by-b', ws: null }]);
    expect((await rows<{ n: number }>(t.db, sql`select count(*)::int as n from models where workspace_id is not null and source not like 'added by workspace %'`))[0]!.n).toBe(0);
  });
});
