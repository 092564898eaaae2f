CREATE TABLE "gpu_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid,
	"gpu" text NOT NULL,
	"offering" text NOT NULL,
	"hourly_usd" numeric(12, 4) NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gpu_throughput" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid,
	"model_id" text NOT NULL,
	"gpu" text NOT NULL,
	"gpus" integer NOT NULL,
	"output_tokens_per_second" integer NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judgments" (
	"workspace_id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"model_a" text NOT NULL,
	"model_b" text NOT NULL,
	"winner" text NOT NULL,
	"category" text DEFAULT 'overall' NOT NULL,
	CONSTRAINT "judgments_workspace_id_snapshot_id_line_pk" PRIMARY KEY("workspace_id","snapshot_id","line")
);
--> statement-breakpoint
CREATE TABLE "price_discounts" (
	"workspace_id" uuid NOT NULL,
	"provider_id" text NOT NULL,
	"percent" numeric(7, 4) NOT NULL,
	"effective_from" date NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_discounts_workspace_id_provider_id_effective_from_pk" PRIMARY KEY("workspace_id","provider_id","effective_from")
);
--> statement-breakpoint
CREATE TABLE "workspace_aliases" (
	"workspace_id" uuid NOT NULL,
	"raw_model" text NOT NULL,
	"model_id" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_aliases_workspace_id_raw_model_pk" PRIMARY KEY("workspace_id","raw_model")
);
--> statement-breakpoint
ALTER TABLE "usage" ADD COLUMN "price_provider" text;--> statement-breakpoint
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_snapshot_id_quality_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."quality_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_discounts" ADD CONSTRAINT "price_discounts_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_aliases" ADD CONSTRAINT "workspace_aliases_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;