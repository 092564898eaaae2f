DROP INDEX "usage_ws_day_brin";--> statement-breakpoint
CREATE INDEX "usage_ws_day_idx" ON "usage" USING btree ("workspace_id","day");