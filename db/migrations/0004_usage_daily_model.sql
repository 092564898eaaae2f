CREATE TABLE "usage_daily_model" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"provider_id" text DEFAULT '' NOT NULL,
	"raw_model" text NOT NULL,
	"model_id" text,
	"rows" integer NOT NULL,
	"requests" bigint NOT NULL,
	"input_tokens" bigint NOT NULL,
	"cached_input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cost" numeric(24, 12),
	"reported_cost" numeric(24, 12),
	"unpriced_rows" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_daily_model_workspace_id_day_provider_id_raw_model_pk" PRIMARY KEY("workspace_id","day","provider_id","raw_model")
);
--> statement-breakpoint
ALTER TABLE "usage_daily_model" ADD CONSTRAINT "usage_daily_model_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Backfill from the existing daily rollup (same totals, without project and key).
INSERT INTO "usage_daily_model" ("workspace_id", "day", "provider_id", "raw_model", "model_id", "rows", "requests", "input_tokens", "cached_input_tokens", "output_tokens", "cost", "reported_cost", "unpriced_rows")
SELECT "workspace_id", "day", "provider_id", "raw_model", max("model_id"), sum("rows"), sum("requests"), sum("input_tokens"), sum("cached_input_tokens"), sum("output_tokens"), sum("cost"), sum("reported_cost"), sum("unpriced_rows")
FROM "usage_daily" GROUP BY "workspace_id", "day", "provider_id", "raw_model";
