import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '@/db/client';
import { createWorkspace } from '@/db/queries/accounts';
import { seedReference } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { createTestDatabase, testEngines } from '@/db/testing';
import { priceInForce } from '@/lib/pricing/in-force';
import { loadPriceBook } from '@/lib/pricing/candidates';
import { withIngestSession } from '@/db/ingest-session';
import { D } from '@/lib/money';
import { importPriceFile, setDiscount, setOverride } from '@/lib/pricing/service';

/**
 * The SQL function that ingestion and re-pricing run and the pure, table-tested rule in lib/pricing/in-force.ts
 * must agree: same prices, same origin, same backdating, on every day around every date that matters.
 */
describe.each(testEngines())('price-in-force SQL agrees with the pure rule on %s', (engine) => {
  let t: TestDatabase;
  let ws = '';
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedReference(t.db);
    ws = (await createWorkspace(t.db, { slug: 'acme', name: 'Acme' })).id;
    const actor = { label: 't' };
    await setOverride(t, ws, actor, { modelId: 'llama-3-70b-instruct', providerId: 'groq', inputPerMtok: '0.5', outputPerMtok: '0.7', effectiveFrom: '2025-01-01' });
    // A percent of 4 decimals on a price of 10: the discounted price has 16 decimals, and both sides must keep them all.
    await setDiscount(t, ws, actor, { providerId: 'openai', percent: '12.3456', effectiveFrom: '2024-09-01' });
    await importPriceFile(t, { workspaceId: null, filename: 'ten-decimals.csv', actor, text: 'model,provider,input_per_mtok,output_per_mtok,effective_from\ngpt-4o-mini-2024-07-18,openai,0.1234567891,0.6000000003,2024-10-01\n' });
    await setDiscount(t, ws, actor, { providerId: 'groq', percent: '10', effectiveFrom: '2024-01-01' });
    // Two reference sheets of one date for one pair, differing only in price: a tie both must break the same way (by
    // source, then the greater sheet id), as the price in force from that day and as the backdated price before it.
    for (const price of ['0.20', '0.30']) {
      await importPriceFile(t, { workspaceId: null, filename: `tie-${price}.csv`, actor, text: `model,provider,input_per_mtok,output_per_mtok,effective_from\nclaude-3-haiku-20240307,anthropic,${price},1.25,2024-01-01\n` });
    }
  });
  afterAll(async () => t?.destroy());

  const pairs: [string, string][] = [
    ['gpt-3.5-turbo-0125', 'openai'], ['gpt-4o-2024-08-06', 'openai'], ['llama-3-70b-instruct', 'groq'],
    ['llama-3-70b-instruct', 'together_ai'], ['gpt-3.5-turbo-0613', 'openai'], ['claude-3-haiku-20240307', 'anthropic'],
    ['gpt-4o-mini-2024-07-18', 'openai'],
    // What gpt-4o meant until 2024-10-02, and models only the sheets know (derived catalog entries).
    ['gpt-4o-2024-05-13', 'openai'], ['gpt-4-32k', 'openai'], ['claude-opus-4-6', 'anthropic'], ['gpt-oss-120b', 'openrouter'],
  ];
  const days = ['2023-05-01', '2024-01-01', '2024-02-15', '2024-06-16', '2024-06-17', '2024-07-01', '2024-08-31', '2024-09-01', '2024-10-02', '2024-12-31', '2025-01-01', '2026-07-23', '2026-07-24', '2026-11-01'];

  test('the tie is real: two reference sheets of 2024-01-01 price the pair, and the greater sheet id wins on both sides', async () => {
    const ties = await rows<{ id: string; i: string }>(t.db, sql`select s.id::text as id, p.input_per_mtok::text as i from prices p join price_sheets s on s.id = p.sheet_id
      where s.workspace_id is null and s.effective_from = '2024-01-01' and p.model_id = 'claude-3-haiku-20240307' and p.provider_id = 'anthropic' order by s.id desc`);
    expect(ties).toHaveLength(2);
    const [r] = await rows<{ i: string }>(t.db, sql`select input_per_mtok::text as i from frontier_price_in_force(${ws}::uuid, 'claude-3-haiku-20240307', 'anthropic', '2024-02-15'::date)`);
    expect(Number(r!.i)).toBe(Number(ties[0]!.i));
  });

  test('every pair has a price on some day (a pair without one would agree trivially)', async () => {
    for (const [model, provider] of pairs) {
      const [r] = await rows<{ n: number }>(t.db, sql`select count(*)::int as n from prices where model_id = ${model} and provider_id = ${provider}`);
      expect({ model, provider, n: r!.n > 0 }).toEqual({ model, provider, n: true });
    }
  });

  test.each(pairs)('%s on %s', async (model, provider) => {
    // The candidates as the ingest loads them (its loader, inside a transaction as there).
    const { candidates, discounts } = await withIngestSession(t.raw, (s) => loadPriceBook(s.query, ws));
    for (const day of days) {
      const [fromSql] = await rows<Record<string, string | boolean | null>>(t.db, sql`
        select input_per_mtok::text as i, output_per_mtok::text as o, origin, backdated, effective_from::text as eff from frontier_price_in_force(${ws}::uuid, ${model}, ${provider}, ${day}::date)`);
      // Exact decimals (trailing zeros aside), and the same answer whatever order the loader returned the rows in.
      const norm = (v: unknown) => (v === null || v === undefined ? null : new D(String(v)).toFixed());
      for (const list of [candidates, [...candidates].reverse()]) {
        const fromTs = priceInForce(list, discounts, { workspaceId: ws, modelId: model, providerId: provider, day });
        expect({ day, i: norm(fromSql?.i), o: norm(fromSql?.o), origin: fromSql?.origin ?? null, backdated: fromSql?.backdated ?? null, eff: fromSql?.eff ?? null })
          .toEqual({ day, i: norm(fromTs?.inputPerMtok), o: norm(fromTs?.outputPerMtok), origin: fromTs?.origin ?? null, backdated: fromTs?.backdated ?? null, eff: fromTs?.effectiveFrom ?? null });
      }
    }
  });
});
