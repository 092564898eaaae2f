-- Undated names that moved (gpt-4o, gpt-3.5-turbo, claude-3-5-sonnet-latest) get the day each meaning began, so usage
-- and price sheets of an earlier day resolve to the snapshot the name meant then (db/seed/moving-aliases.ts);
-- model_aliases keeps the name's meaning today. Models say whether they were curated by hand, derived from a price
-- sheet's key (so that every model a sheet prices is priceable) or added by a workspace.
CREATE TABLE "model_alias_periods" (
	"pattern" text NOT NULL,
	"valid_from" date NOT NULL,
	"model_id" text NOT NULL,
	CONSTRAINT "model_alias_periods_pattern_valid_from_pk" PRIMARY KEY("pattern","valid_from")
);
--> statement-breakpoint
ALTER TABLE "model_alias_periods" ADD CONSTRAINT "model_alias_periods_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Cached dashboards key on the reference data's version: a new period changes what usage resolves to.
CREATE TRIGGER model_alias_periods_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON model_alias_periods FOR EACH STATEMENT EXECUTE FUNCTION frontier_bump_data_version('global');--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "origin" text DEFAULT 'curated' NOT NULL;--> statement-breakpoint
UPDATE "models" SET "origin" = 'workspace' WHERE "workspace_id" IS NOT NULL;
