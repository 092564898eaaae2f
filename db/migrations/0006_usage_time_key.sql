DROP INDEX "usage_ws_day_idx";--> statement-breakpoint
ALTER TABLE "usage" DROP CONSTRAINT "usage_workspace_id_row_key_pk";--> statement-breakpoint
ALTER TABLE "usage" ADD CONSTRAINT "usage_pkey" PRIMARY KEY("workspace_id","day","occurred_at","row_key");