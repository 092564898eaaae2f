import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rows } from '@/db/client';
import type { ReportSource } from './types';

/**
 * Where a period's numbers came from: the uploads whose rows fall in it (with the days they cover), the reference
 * price sheets in force over it (the one in force on its first day and every later one up to its last), the
 * workspace's own prices (overrides) and provider discounts in force by its last day.
 */
export async function getPeriodSources(db: Db, workspaceId: string, range: { from: string; to: string }): Promise<ReportSource[]> {
  const uploads = await rows<{ id: string; filename: string; first: string; last: string; n: number }>(db, sql`
    select u.upload_id::text as id, coalesce(max(up.filename), '(deleted upload)') as filename, min(u.day)::text as first, max(u.day)::text as last, count(*)::int as n
    from usage u left join uploads up on up.workspace_id = u.workspace_id and up.id = u.upload_id
    where u.workspace_id = ${workspaceId} and u.day between ${range.from}::date and ${range.to}::date
    group by u.upload_id order by min(u.day), 1 limit 100`);
  const sheets = await rows<{ id: string; name: string; effective: string; complete: boolean }>(db, sql`
    select s.id::text as id, s.name, s.effective_from::text as effective, s.complete from price_sheets s
    where s.workspace_id is null and s.effective_from <= ${range.to}::date
      and s.effective_from >= coalesce((select max(c.effective_from) from price_sheets c where c.workspace_id is null and c.effective_from <= ${range.from}::date), '-infinity'::date)
    order by s.effective_from, s.name`);
  const overrides = await rows<{ id: string; name: string; effective: string; source: string }>(db, sql`
    select s.id::text as id, s.name, s.effective_from::text as effective, s.source from price_sheets s
    where s.workspace_id = ${workspaceId} and s.effective_from <= ${range.to}::date order by s.effective_from, s.name`);
  const discounts = await rows<{ provider: string; percent: string; effective: string }>(db, sql`
    select provider_id as provider, percent::text as percent, effective_from::text as effective from price_discounts
    where workspace_id = ${workspaceId} and effective_from <= ${range.to}::date order by effective_from, provider_id`);
  return [
    { kind: 'usage', label: 'Usage period', detail: `${range.from} to ${range.to}, from the daily rollup of costed usage rows` },
    ...uploads.map((u): ReportSource => ({ kind: 'upload', label: u.filename, detail: `upload ${u.id}: ${u.n.toLocaleString('en-US')} rows, ${u.first} to ${u.last}` })),
    ...sheets.map((s): ReportSource => ({ kind: 'price_sheet', label: s.name, detail: `effective from ${s.effective}${s.complete ? ' (complete sheet)' : ''}` })),
    ...overrides.map((s): ReportSource => ({ kind: 'price_override', label: s.name, detail: `workspace ${s.source === 'override' ? 'negotiated price' : `${s.source} sheet`} effective from ${s.effective}` })),
    ...discounts.map((d): ReportSource => ({ kind: 'price_override', label: `Discount on ${d.provider}`, detail: `${Number(d.percent)}% off list prices from ${d.effective}` })),
  ];
}
