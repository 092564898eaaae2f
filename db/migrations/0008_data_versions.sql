CREATE TABLE "data_versions" (
	"scope" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);

--> statement-breakpoint
-- Every change to data the dashboards read bumps its scope's version in the same transaction (statement triggers:
-- one bump per statement, not per row). A workspace's usage reaches usage_daily_model on every ingest, delete and
-- re-pricing; rows without a workspace (reference sheets and snapshots) and tables without one bump the nil scope.
CREATE FUNCTION frontier_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[0] = 'global' THEN
    INSERT INTO data_versions (scope, version) VALUES ('00000000-0000-0000-0000-000000000000', 1)
      ON CONFLICT (scope) DO UPDATE SET version = data_versions.version + 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO data_versions (scope, version)
      SELECT DISTINCT coalesce(workspace_id, '00000000-0000-0000-0000-000000000000'::uuid), 1 FROM old_rows
      ON CONFLICT (scope) DO UPDATE SET version = data_versions.version + 1;
  ELSE
    INSERT INTO data_versions (scope, version)
      SELECT DISTINCT coalesce(workspace_id, '00000000-0000-0000-0000-000000000000'::uuid), 1 FROM new_rows
      ON CONFLICT (scope) DO UPDATE SET version = data_versions.version + 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER usage_daily_model_version_ins AFTER INSERT ON usage_daily_model REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER usage_daily_model_version_upd AFTER UPDATE ON usage_daily_model REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER usage_daily_model_version_del AFTER DELETE ON usage_daily_model REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER price_sheets_version_ins AFTER INSERT ON price_sheets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER price_sheets_version_upd AFTER UPDATE ON price_sheets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER price_sheets_version_del AFTER DELETE ON price_sheets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER price_discounts_version_ins AFTER INSERT ON price_discounts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER price_discounts_version_upd AFTER UPDATE ON price_discounts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER price_discounts_version_del AFTER DELETE ON price_discounts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER workspace_aliases_version_ins AFTER INSERT ON workspace_aliases REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER workspace_aliases_version_upd AFTER UPDATE ON workspace_aliases REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER workspace_aliases_version_del AFTER DELETE ON workspace_aliases REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER quality_snapshots_version_ins AFTER INSERT ON quality_snapshots REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER quality_snapshots_version_upd AFTER UPDATE ON quality_snapshots REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER quality_snapshots_version_del AFTER DELETE ON quality_snapshots REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER gpu_prices_version_ins AFTER INSERT ON gpu_prices REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER gpu_prices_version_upd AFTER UPDATE ON gpu_prices REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER gpu_prices_version_del AFTER DELETE ON gpu_prices REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER gpu_throughput_version_ins AFTER INSERT ON gpu_throughput REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER gpu_throughput_version_upd AFTER UPDATE ON gpu_throughput REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER gpu_throughput_version_del AFTER DELETE ON gpu_throughput REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER token_profiles_version_ins AFTER INSERT ON token_profiles REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER token_profiles_version_upd AFTER UPDATE ON token_profiles REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER token_profiles_version_del AFTER DELETE ON token_profiles REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('workspace');
--> statement-breakpoint
CREATE TRIGGER prices_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON prices FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('global');
--> statement-breakpoint
CREATE TRIGGER models_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON models FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('global');
--> statement-breakpoint
CREATE TRIGGER model_aliases_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON model_aliases FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('global');
--> statement-breakpoint
CREATE TRIGGER providers_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON providers FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('global');
--> statement-breakpoint
CREATE TRIGGER quality_scores_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON quality_scores FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('global');
