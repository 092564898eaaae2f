CREATE TABLE "usage_daily_key" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"project" text DEFAULT '' NOT NULL,
	"api_key" text DEFAULT '' NOT NULL,
	"rows" integer NOT NULL,
	"requests" bigint NOT NULL,
	"input_tokens" bigint NOT NULL,
	"cached_input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cost" numeric(24, 12),
	"reported_cost" numeric(24, 12),
	"unpriced_rows" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_daily_key_workspace_id_day_project_api_key_pk" PRIMARY KEY("workspace_id","day","project","api_key")
);
--> statement-breakpoint
CREATE TABLE "usage_daily_reported" (
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
	"no_price_rows" integer DEFAULT 0 NOT NULL,
	"unmapped_rows" integer DEFAULT 0 NOT NULL,
	"backdated_rows" integer DEFAULT 0 NOT NULL,
	"cost_only_rows" integer DEFAULT 0 NOT NULL,
	"batch_rows" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_daily_reported_workspace_id_day_provider_id_raw_model_pk" PRIMARY KEY("workspace_id","day","provider_id","raw_model")
);
--> statement-breakpoint
CREATE TABLE "usage_daily_user" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"user_ref" text DEFAULT '' NOT NULL,
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
	CONSTRAINT "usage_daily_user_workspace_id_user_ref_day_provider_id_raw_model_pk" PRIMARY KEY("workspace_id","user_ref","day","provider_id","raw_model")
);
--> statement-breakpoint
CREATE TABLE "usage_monthly" (
	"workspace_id" uuid NOT NULL,
	"month" date NOT NULL,
	"provider_id" text DEFAULT '' NOT NULL,
	"raw_model" text NOT NULL,
	"model_id" text,
	"project" text DEFAULT '' NOT NULL,
	"api_key" text DEFAULT '' NOT NULL,
	"rows" integer NOT NULL,
	"requests" bigint NOT NULL,
	"input_tokens" bigint NOT NULL,
	"cached_input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cost" numeric(24, 12),
	"reported_cost" numeric(24, 12),
	"unpriced_rows" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_monthly_workspace_id_month_provider_id_raw_model_project_api_key_pk" PRIMARY KEY("workspace_id","month","provider_id","raw_model","project","api_key")
);
--> statement-breakpoint
CREATE TABLE "usage_monthly_key" (
	"workspace_id" uuid NOT NULL,
	"month" date NOT NULL,
	"project" text DEFAULT '' NOT NULL,
	"api_key" text DEFAULT '' NOT NULL,
	"rows" integer NOT NULL,
	"requests" bigint NOT NULL,
	"input_tokens" bigint NOT NULL,
	"cached_input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cost" numeric(24, 12),
	"reported_cost" numeric(24, 12),
	"unpriced_rows" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_monthly_key_workspace_id_month_project_api_key_pk" PRIMARY KEY("workspace_id","month","project","api_key")
);
--> statement-breakpoint
CREATE TABLE "usage_monthly_model" (
	"workspace_id" uuid NOT NULL,
	"month" date NOT NULL,
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
	CONSTRAINT "usage_monthly_model_workspace_id_month_provider_id_raw_model_pk" PRIMARY KEY("workspace_id","month","provider_id","raw_model")
);
--> statement-breakpoint
CREATE TABLE "usage_monthly_user" (
	"workspace_id" uuid NOT NULL,
	"month" date NOT NULL,
	"user_ref" text DEFAULT '' NOT NULL,
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
	CONSTRAINT "usage_monthly_user_workspace_id_user_ref_month_provider_id_raw_model_pk" PRIMARY KEY("workspace_id","user_ref","month","provider_id","raw_model")
);
--> statement-breakpoint
ALTER TABLE "usage_daily_key" ADD CONSTRAINT "usage_daily_key_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_daily_reported" ADD CONSTRAINT "usage_daily_reported_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_daily_user" ADD CONSTRAINT "usage_daily_user_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_monthly" ADD CONSTRAINT "usage_monthly_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_monthly_key" ADD CONSTRAINT "usage_monthly_key_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_monthly_model" ADD CONSTRAINT "usage_monthly_model_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_monthly_user" ADD CONSTRAINT "usage_monthly_user_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Backfill the new rollups from usage (daily) and from their daily rollup (monthly): generated by backfillSql() in db/rollups.ts.
insert into usage_daily_key as d (workspace_id, day, project, api_key, rows, requests, input_tokens, cached_input_tokens, output_tokens, cost, reported_cost, unpriced_rows)
  select workspace_id, day, project, api_key, count(*), sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(cost), sum(reported_cost), count(*) filter (where price_status in ('no_price', 'unmapped'))
  from usage where true group by workspace_id, day, project, api_key;--> statement-breakpoint
insert into usage_daily_user as d (workspace_id, day, user_ref, provider_id, raw_model, model_id, rows, requests, input_tokens, cached_input_tokens, output_tokens, cost, reported_cost, unpriced_rows)
  select workspace_id, day, user_ref, coalesce(provider_id, ''), raw_model, max(model_id), count(*), sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(cost), sum(reported_cost), count(*) filter (where price_status in ('no_price', 'unmapped'))
  from usage where true group by workspace_id, day, user_ref, coalesce(provider_id, ''), raw_model;--> statement-breakpoint
insert into usage_daily_reported as d (workspace_id, day, provider_id, raw_model, model_id, rows, requests, input_tokens, cached_input_tokens, output_tokens, cost, reported_cost, unpriced_rows, no_price_rows, unmapped_rows, backdated_rows, cost_only_rows, batch_rows)
  select workspace_id, day, coalesce(provider_id, ''), raw_model, max(model_id), count(*), sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(cost), sum(reported_cost), count(*) filter (where price_status in ('no_price', 'unmapped')), count(*) filter (where price_status = 'no_price'), count(*) filter (where price_status = 'unmapped'), count(*) filter (where price_status = 'backdated'), count(*) filter (where price_status in ('cost_only', 'not_usage')), count(*) filter (where batch)
  from usage where reported_cost is not null group by workspace_id, day, coalesce(provider_id, ''), raw_model;--> statement-breakpoint
insert into usage_monthly as d (workspace_id, month, provider_id, raw_model, project, api_key, model_id, rows, requests, input_tokens, cached_input_tokens, output_tokens, cost, reported_cost, unpriced_rows)
  select workspace_id, date_trunc('month', day)::date, provider_id, raw_model, project, api_key, max(model_id), sum(rows), sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(cost), sum(reported_cost), sum(unpriced_rows)
  from usage_daily where true group by workspace_id, date_trunc('month', day)::date, provider_id, raw_model, project, api_key;--> statement-breakpoint
insert into usage_monthly_model as d (workspace_id, month, provider_id, raw_model, model_id, rows, requests, input_tokens, cached_input_tokens, output_tokens, cost, reported_cost, unpriced_rows)
  select workspace_id, date_trunc('month', day)::date, provider_id, raw_model, max(model_id), sum(rows), sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(cost), sum(reported_cost), sum(unpriced_rows)
  from usage_daily_model where true group by workspace_id, date_trunc('month', day)::date, provider_id, raw_model;--> statement-breakpoint
insert into usage_monthly_key as d (workspace_id, month, project, api_key, rows, requests, input_tokens, cached_input_tokens, output_tokens, cost, reported_cost, unpriced_rows)
  select workspace_id, date_trunc('month', day)::date, project, api_key, sum(rows), sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(cost), sum(reported_cost), sum(unpriced_rows)
  from usage_daily_key where true group by workspace_id, date_trunc('month', day)::date, project, api_key;--> statement-breakpoint
insert into usage_monthly_user as d (workspace_id, month, user_ref, provider_id, raw_model, model_id, rows, requests, input_tokens, cached_input_tokens, output_tokens, cost, reported_cost, unpriced_rows)
  select workspace_id, date_trunc('month', day)::date, user_ref, provider_id, raw_model, max(model_id), sum(rows), sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(cost), sum(reported_cost), sum(unpriced_rows)
  from usage_daily_user where true group by workspace_id, date_trunc('month', day)::date, user_ref, provider_id, raw_model;
