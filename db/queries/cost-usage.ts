import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/**
 * Costs usage rows with the price in force on each row's day, exactly (numeric): uncached input at the input
 * price, cached input at the cached price (or the input price when the sheet has none), output at the output
 * price. The price in force for (model, provider, day) is the newest reference sheet on or before the day,
 * looking no further back than the newest complete sheet. Rows with no model or no price keep a null cost.
 */
export async function costUploadUsage(db: Db, workspaceId: string, uploadId: string): Promise<void> {
  await db.execute(sql`
    update usage u set cost = round((
        (x.input_tokens - x.cached_input_tokens) * x.input_per_mtok
        + x.cached_input_tokens * coalesce(x.cached_input_per_mtok, x.input_per_mtok)
        + x.output_tokens * x.output_per_mtok
      ) / 1000000, 10)
    from (
      select u2.row_key, u2.input_tokens, u2.cached_input_tokens, u2.output_tokens, pr.input_per_mtok, pr.cached_input_per_mtok, pr.output_per_mtok
      from usage u2
      cross join lateral (
        select p.input_per_mtok, p.cached_input_per_mtok, p.output_per_mtok
        from prices p join price_sheets s on s.id = p.sheet_id
        where p.model_id = u2.model_id and p.provider_id = u2.provider_id and s.workspace_id is null
          and s.effective_from <= u2.day
          and s.effective_from >= coalesce((
            select max(c.effective_from) from price_sheets c
            where c.workspace_id is null and c.complete and c.effective_from <= u2.day
          ), '-infinity'::date)
        order by s.effective_from desc
        limit 1
      ) pr
      where u2.workspace_id = ${workspaceId} and u2.upload_id = ${uploadId}
    ) x
    where u.workspace_id = ${workspaceId} and u.row_key = x.row_key`);
}
