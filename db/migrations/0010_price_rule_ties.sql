-- Same-date ties, broken as lib/pricing/in-force.ts breaks them (ingestion costs rows in TypeScript, re-pricing in
-- SQL: they must pick the same price): the more deliberate source first (override, manual, csv, litellm), then the
-- greater sheet id. Otherwise the function is migration 0002's.
CREATE OR REPLACE FUNCTION frontier_price_in_force(p_ws uuid, p_model text, p_provider text, p_day date)
RETURNS TABLE (
  input_per_mtok numeric, output_per_mtok numeric, cached_input_per_mtok numeric, batch_input_per_mtok numeric,
  batch_output_per_mtok numeric, sheet_id uuid, effective_from date, origin text, backdated boolean, discount_percent numeric
)
LANGUAGE sql STABLE AS $$
  WITH ws_price AS (
    SELECT p.input_per_mtok, p.output_per_mtok, p.cached_input_per_mtok, p.batch_input_per_mtok, p.batch_output_per_mtok,
           p.sheet_id, s.effective_from, 'override'::text AS origin, false AS backdated, 1 AS pri
    FROM prices p JOIN price_sheets s ON s.id = p.sheet_id
    WHERE s.workspace_id = p_ws AND p.model_id = p_model AND p.provider_id = p_provider AND s.effective_from <= p_day
    ORDER BY s.effective_from DESC, CASE s.source WHEN 'override' THEN 3 WHEN 'manual' THEN 2 WHEN 'csv' THEN 1 ELSE 0 END DESC, s.id DESC LIMIT 1
  ), ref_price AS (
    SELECT p.input_per_mtok, p.output_per_mtok, p.cached_input_per_mtok, p.batch_input_per_mtok, p.batch_output_per_mtok,
           p.sheet_id, s.effective_from, 'reference'::text AS origin, false AS backdated, 2 AS pri
    FROM prices p JOIN price_sheets s ON s.id = p.sheet_id
    WHERE s.workspace_id IS NULL AND p.model_id = p_model AND p.provider_id = p_provider AND s.effective_from <= p_day
      AND s.effective_from >= COALESCE((SELECT max(c.effective_from) FROM price_sheets c
                                         WHERE c.workspace_id IS NULL AND c.complete AND c.effective_from <= p_day), '-infinity'::date)
    ORDER BY s.effective_from DESC, CASE s.source WHEN 'override' THEN 3 WHEN 'manual' THEN 2 WHEN 'csv' THEN 1 ELSE 0 END DESC, s.id DESC LIMIT 1
  ), later AS (
    SELECT p.input_per_mtok, p.output_per_mtok, p.cached_input_per_mtok, p.batch_input_per_mtok, p.batch_output_per_mtok,
           p.sheet_id, s.effective_from, CASE WHEN s.workspace_id IS NULL THEN 'reference' ELSE 'override' END AS origin, true AS backdated, 3 AS pri
    FROM prices p JOIN price_sheets s ON s.id = p.sheet_id
    WHERE (s.workspace_id IS NULL OR s.workspace_id = p_ws) AND p.model_id = p_model AND p.provider_id = p_provider AND s.effective_from > p_day
    ORDER BY s.effective_from ASC, (s.workspace_id IS NULL) ASC, CASE s.source WHEN 'override' THEN 3 WHEN 'manual' THEN 2 WHEN 'csv' THEN 1 ELSE 0 END DESC, s.id DESC LIMIT 1
  ), chosen AS (
    SELECT * FROM (SELECT * FROM ws_price UNION ALL SELECT * FROM ref_price UNION ALL SELECT * FROM later) x ORDER BY pri LIMIT 1
  ), disc AS (
    SELECT d.percent FROM price_discounts d
    WHERE d.workspace_id = p_ws AND d.provider_id = p_provider AND d.effective_from <= p_day
    ORDER BY d.effective_from DESC LIMIT 1
  )
  SELECT
    CASE WHEN c.origin = 'reference' AND d.percent IS NOT NULL THEN c.input_per_mtok * (1 - d.percent / 100) ELSE c.input_per_mtok END,
    CASE WHEN c.origin = 'reference' AND d.percent IS NOT NULL THEN c.output_per_mtok * (1 - d.percent / 100) ELSE c.output_per_mtok END,
    CASE WHEN c.origin = 'reference' AND d.percent IS NOT NULL THEN c.cached_input_per_mtok * (1 - d.percent / 100) ELSE c.cached_input_per_mtok END,
    CASE WHEN c.origin = 'reference' AND d.percent IS NOT NULL THEN c.batch_input_per_mtok * (1 - d.percent / 100) ELSE c.batch_input_per_mtok END,
    CASE WHEN c.origin = 'reference' AND d.percent IS NOT NULL THEN c.batch_output_per_mtok * (1 - d.percent / 100) ELSE c.batch_output_per_mtok END,
    c.sheet_id, c.effective_from, c.origin, c.backdated, CASE WHEN c.origin = 'reference' THEN d.percent END
  FROM chosen c LEFT JOIN disc d ON true
$$;
