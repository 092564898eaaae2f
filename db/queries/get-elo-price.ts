import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import type { EloPriceParams } from '@/lib/models/elo-price-params';
import type { EloPriceView, PriceDateOption, SnapshotOption, YourUsage } from '@/lib/models/elo-price-types';
import { sumPriced } from '@/lib/usage/priced';
import { D, toDecimalString } from '@/lib/money';
export type { EloPriceView } from '@/lib/models/elo-price-types';
import { parseProviderChoice } from '@/lib/models/elo-price-params';
import type { ModelQualityPrice } from '@/lib/quality/frontier';
import { buildEloPricePoints, parseMix } from '@/lib/quality/frontier';
import { rollupSource } from './rollup-source';


/** The choices the Models page offers: reference Arena snapshots and price-sheet dates, newest first. */
export async function getEloPriceOptions(db: Db, workspaceId?: string): Promise<{ snapshots: SnapshotOption[]; priceDates: PriceDateOption[] }> {
  const [snapshots, priceDates] = await Promise.all([
    rows<{ id: string; name: string; as_of: string; category: string; models: number; own: boolean }>(db, sql`
      select s.id, s.name, s.as_of, s.category, count(q.model_id)::int as models, (s.workspace_id is not null) as own
      from quality_snapshots s left join quality_scores q on q.snapshot_id = s.id
      where (s.workspace_id is null or s.workspace_id = ${workspaceId ?? null}::uuid) and s.category = 'overall'
      group by s.id order by (s.workspace_id is null) desc, s.as_of desc, s.name`),
    rows<{ effective_from: string; name: string; prices: number }>(db, sql`
      select s.effective_from, s.name, count(p.*)::int as prices
      from price_sheets s left join prices p on p.sheet_id = s.id
      where s.workspace_id is null
      group by s.id order by s.effective_from desc`),
  ]);
  return {
    snapshots: snapshots.map((s) => ({ id: s.id, name: s.name, asOf: s.as_of, category: s.category, models: s.models, own: s.own })),
    priceDates: priceDates.map((p) => ({ effectiveFrom: p.effective_from, name: p.name, prices: p.prices })),
  };
}

/**
 * Every catalog model with an Elo in the snapshot and the prices in force on `priceDate`: per (model,
 * provider), the reference sheet with the latest effective date on or before that day, looking no further
 * back than the newest complete sheet (a full price map replaces what came before it).
 */
export async function getEloPriceRows(db: Db, params: { snapshotId: string; priceDate: string }): Promise<ModelQualityPrice[]> {
  const [scores, priceRows] = await Promise.all([
    rows<{ model_id: string; name: string; vendor: string; open_weights: boolean; elo: string; ci_lower: string | null; ci_upper: string | null; votes: number | null }>(db, sql`
      select distinct on (q.model_id) q.model_id, m.name, m.vendor, m.open_weights, q.elo, q.ci_lower, q.ci_upper, q.votes
      from quality_scores q join models m on m.id = q.model_id
      where q.snapshot_id = ${params.snapshotId}
      order by q.model_id, q.votes desc nulls last`),
    rows<{ model_id: string; provider_id: string; provider_name: string; input_per_mtok: string; output_per_mtok: string; source_key: string; effective_from: string }>(db, sql`
      select distinct on (p.model_id, p.provider_id) p.model_id, p.provider_id, pr.name as provider_name,
             p.input_per_mtok, p.output_per_mtok, p.source_key, s.effective_from
      from prices p join price_sheets s on s.id = p.sheet_id join providers pr on pr.id = p.provider_id
      where s.workspace_id is null and s.effective_from <= ${params.priceDate}::date
        and s.effective_from >= coalesce((
          select max(c.effective_from) from price_sheets c
          where c.workspace_id is null and c.complete and c.effective_from <= ${params.priceDate}::date
        ), '-infinity'::date)
      order by p.model_id, p.provider_id, s.effective_from desc`),
  ]);
  const byModel = new Map<string, ModelQualityPrice['prices']>();
  for (const p of priceRows) {
    const list = byModel.get(p.model_id) ?? [];
    list.push({
      providerId: p.provider_id, providerName: p.provider_name, inputPerMtok: trimZeros(p.input_per_mtok),
      outputPerMtok: trimZeros(p.output_per_mtok), sourceKey: p.source_key, effectiveFrom: p.effective_from,
    });
    byModel.set(p.model_id, list);
  }
  return scores.map((s) => ({
    modelId: s.model_id, name: s.name, vendor: s.vendor, openWeights: s.open_weights, elo: Number(s.elo),
    ciLower: s.ci_lower === null ? null : Number(s.ci_lower), ciUpper: s.ci_upper === null ? null : Number(s.ci_upper),
    votes: s.votes, prices: byModel.get(s.model_id) ?? [],
  }));
}

/** `0.5000000000` → `0.5`: numeric(20,10) pads; the wire carries the shortest exact form. */
function trimZeros(v: string): string {
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}


/** Everything the Models page shows, for one set of URL params. Defaults: newest snapshot, newest prices, 3:1. */
export async function getEloPriceView(db: Db, params: EloPriceParams, workspaceId?: string): Promise<EloPriceView> {
  const options = await getEloPriceOptions(db, workspaceId);
  const snapshot = options.snapshots.find((s) => s.id === params.elo) ?? options.snapshots.find((s) => !s.own && s.asOf === params.elo) ?? options.snapshots[0] ?? null;
  const priceDate = params.prices ?? options.priceDates[0]?.effectiveFrom ?? null;
  const usage = params.usage === '1' && workspaceId ? await getYourUsage(db, workspaceId, params.period ?? '90d') : null;
  // Your own input:output ratio is the default mix while "your usage" is on; a mix chosen in the URL still wins.
  const mix = !params.mix && usage?.mix ? usage.mix : parseMix(params.mix);
  if (!snapshot || !priceDate) return { snapshot, priceDate, mix, points: [], unpriced: [], options, usage };
  const data = await getEloPriceRows(db, { snapshotId: snapshot.id, priceDate });
  const points = buildEloPricePoints(data, { mix, providerChoice: parseProviderChoice(params.p) });
  const unpriced = data.filter((d) => d.prices.length === 0).map((d) => ({ modelId: d.modelId, name: d.name, elo: d.elo }));
  if (usage) {
    const plotted = new Set(points.map((p) => p.modelId));
    for (const m of usage.models) m.onChart = plotted.has(m.modelId);
  }
  return { snapshot, priceDate, mix, points, unpriced, options, usage };
}

/**
 * The workspace's spend per catalog model over the period ending on its latest usage day, from the model rollups, and
 * its actual input:output token ratio (rounded to two decimals, as `r:1`).
 */
export async function getYourUsage(db: Db, workspaceId: string, period: '30d' | '90d' | '365d'): Promise<YourUsage | null> {
  const [last] = await rows<{ last: string | null }>(db, sql`select max(day)::text as last from usage_daily_model where workspace_id = ${workspaceId}`);
  if (!last?.last) return null;
  const days = Number(period.slice(0, -1));
  const from = new Date(Date.parse(`${last.last}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const byModel = await rows<{ model_id: string; name: string; spend: string | null; input: string; output: string }>(db, sql`
    select d.model_id, m.name, sum(d.cost)::text as spend, sum(d.input_tokens)::text as input, sum(d.output_tokens)::text as output
    from ${rollupSource(workspaceId, { from, to: last.last }, { dims: ['model'] })} d join models m on m.id = d.model_id
    group by 1, 2 having sum(d.rows) <> 0 order by sum(d.cost) desc nulls last`);
  // A model whose usage has no price has a null spend and share (unpriced is never $0); the total is of priced spend.
  const total = new D(sumPriced(byModel.map((r) => r.spend)) ?? 0);
  const input = byModel.reduce((s, r) => s + Number(r.input), 0);
  const output = byModel.reduce((s, r) => s + Number(r.output), 0);
  return {
    from, to: last.last, total: byModel.length && byModel.every((r) => r.spend === null) ? null : toDecimalString(total, 2),
    mix: output > 0 ? { input: Math.round((input / output) * 100) / 100, output: 1 } : null,
    models: byModel.map((r) => ({
      modelId: r.model_id, name: r.name, spend: r.spend === null ? null : toDecimalString(new D(r.spend), 2),
      share: r.spend === null ? null : total.isZero() ? 0 : Number(new D(r.spend).div(total).toFixed(4)), onChart: false,
    })),
  };
}
