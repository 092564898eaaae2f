CREATE TABLE "csv_mappings" (
	"workspace_id" uuid NOT NULL,
	"header_hash" text NOT NULL,
	"header" jsonb NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "csv_mappings_workspace_id_header_hash_pk" PRIMARY KEY("workspace_id","header_hash")
);
--> statement-breakpoint
CREATE TABLE "upload_rejects" (
	"workspace_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "upload_rejects_workspace_id_upload_id_line_pk" PRIMARY KEY("workspace_id","upload_id","line")
);
--> statement-breakpoint
CREATE TABLE "usage_daily" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
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
	CONSTRAINT "usage_daily_workspace_id_day_provider_id_raw_model_project_api_key_pk" PRIMARY KEY("workspace_id","day","provider_id","raw_model","project","api_key")
);
--> statement-breakpoint
ALTER TABLE "usage" ALTER COLUMN "reported_cost" SET DATA TYPE numeric(24, 12);--> statement-breakpoint
ALTER TABLE "usage" ALTER COLUMN "cost" SET DATA TYPE numeric(24, 12);--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "bytes" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "rows_skipped" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "summary" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "created_by_label" text;--> statement-breakpoint
ALTER TABLE "usage" ADD COLUMN "batch" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "usage" ADD COLUMN "price_status" text DEFAULT 'priced' NOT NULL;--> statement-breakpoint
ALTER TABLE "csv_mappings" ADD CONSTRAINT "csv_mappings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_ws_upload_idx" ON "usage" USING btree ("workspace_id","upload_id");