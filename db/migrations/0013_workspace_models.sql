-- A model added from a workspace (the Prices page's "new model") belonged to the shared catalog, so every other
-- workspace listed it and could map to it. It is now the workspace's own. Models added before this are given to the
-- workspace their source names ("added by workspace <slug> (...)"), unless another workspace already maps to them or
-- has usage costed with them: those stay shared rather than break that workspace's data.
ALTER TABLE "models" ADD COLUMN "workspace_id" uuid;--> statement-breakpoint
CREATE INDEX "models_workspace_idx" ON "models" USING btree ("workspace_id") WHERE "models"."workspace_id" is not null;--> statement-breakpoint
UPDATE "models" m SET "workspace_id" = w."id" FROM "workspaces" w
WHERE left(m."source", length('added by workspace ' || w."slug" || ' (')) = 'added by workspace ' || w."slug" || ' ('
  AND NOT EXISTS (SELECT 1 FROM "workspace_aliases" a WHERE a."model_id" = m."id" AND a."workspace_id" <> w."id")
  AND NOT EXISTS (SELECT 1 FROM "usage_monthly_model" u WHERE u."model_id" = m."id" AND u."workspace_id" <> w."id");
