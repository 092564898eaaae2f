DROP INDEX "usage_ws_day_idx";--> statement-breakpoint
CREATE INDEX "usage_ws_day_brin" ON "usage" USING brin ("workspace_id","day");