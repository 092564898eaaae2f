ALTER TABLE "usage_daily" DROP CONSTRAINT "usage_daily_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "usage_daily_key" DROP CONSTRAINT "usage_daily_key_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "usage_daily_model" DROP CONSTRAINT "usage_daily_model_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "usage_daily_reported" DROP CONSTRAINT "usage_daily_reported_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "usage_daily_user" DROP CONSTRAINT "usage_daily_user_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "usage_daily_user_full" DROP CONSTRAINT "usage_daily_user_full_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "usage_monthly" DROP CONSTRAINT "usage_monthly_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "usage_monthly_key" DROP CONSTRAINT "usage_monthly_key_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "usage_monthly_model" DROP CONSTRAINT "usage_monthly_model_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "usage_monthly_user" DROP CONSTRAINT "usage_monthly_user_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "usage_monthly_user_full" DROP CONSTRAINT "usage_monthly_user_full_workspace_id_workspaces_id_fk";
