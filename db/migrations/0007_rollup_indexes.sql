CREATE INDEX "usage_daily_key_ws_key_day_idx" ON "usage_daily_key" USING btree ("workspace_id","api_key","day");--> statement-breakpoint
CREATE INDEX "usage_daily_key_ws_project_day_idx" ON "usage_daily_key" USING btree ("workspace_id","project","day");--> statement-breakpoint
CREATE INDEX "usage_daily_user_ws_day_idx" ON "usage_daily_user" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE INDEX "usage_monthly_user_ws_month_idx" ON "usage_monthly_user" USING btree ("workspace_id","month");