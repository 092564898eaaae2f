CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_aliases" (
	"pattern" text NOT NULL,
	"model_id" text NOT NULL,
	"rank" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "model_aliases_pattern_pk" PRIMARY KEY("pattern")
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"vendor" text NOT NULL,
	"family" text NOT NULL,
	"open_weights" boolean NOT NULL,
	"params_b" numeric,
	"context_window" integer,
	"released_on" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_sheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid,
	"source" text NOT NULL,
	"name" text NOT NULL,
	"effective_from" date NOT NULL,
	"sha256" text NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"summary" text DEFAULT '{}' NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" text
);
--> statement-breakpoint
CREATE TABLE "prices" (
	"sheet_id" uuid NOT NULL,
	"model_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"input_per_mtok" numeric(20, 10) NOT NULL,
	"output_per_mtok" numeric(20, 10) NOT NULL,
	"cached_input_per_mtok" numeric(20, 10),
	"batch_input_per_mtok" numeric(20, 10),
	"batch_output_per_mtok" numeric(20, 10),
	"currency" text DEFAULT 'USD' NOT NULL,
	"source_key" text NOT NULL,
	CONSTRAINT "prices_sheet_id_model_id_provider_id_pk" PRIMARY KEY("sheet_id","model_id","provider_id")
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_scores" (
	"snapshot_id" uuid NOT NULL,
	"raw_name" text NOT NULL,
	"model_id" text,
	"elo" numeric(10, 3) NOT NULL,
	"ci_lower" numeric(10, 3),
	"ci_upper" numeric(10, 3),
	"votes" integer,
	"rank" integer,
	CONSTRAINT "quality_scores_snapshot_id_raw_name_pk" PRIMARY KEY("snapshot_id","raw_name")
);
--> statement-breakpoint
CREATE TABLE "quality_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid,
	"source" text NOT NULL,
	"name" text NOT NULL,
	"category" text DEFAULT 'overall' NOT NULL,
	"as_of" date NOT NULL,
	"sha256" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspaces_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_sheet_id_price_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."price_sheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_scores" ADD CONSTRAINT "quality_scores_snapshot_id_quality_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."quality_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_scores" ADD CONSTRAINT "quality_scores_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_aliases_model_idx" ON "model_aliases" USING btree ("model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "price_sheets_ws_sha_idx" ON "price_sheets" USING btree (coalesce("workspace_id", '00000000-0000-0000-0000-000000000000'::uuid),"sha256");--> statement-breakpoint
CREATE INDEX "prices_model_idx" ON "prices" USING btree ("model_id","provider_id");--> statement-breakpoint
CREATE INDEX "quality_scores_model_idx" ON "quality_scores" USING btree ("model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_snapshots_ws_sha_idx" ON "quality_snapshots" USING btree (coalesce("workspace_id", '00000000-0000-0000-0000-000000000000'::uuid),"sha256","category");