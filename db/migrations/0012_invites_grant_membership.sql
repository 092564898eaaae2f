-- An invitation is a pending membership of an email, granted when the person accepts it; it no longer creates an
-- account without a password that any later link could claim. Existing pending members become pending invites.
ALTER TABLE "invites" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "role" text;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "invites" i SET "email" = u."email" FROM "users" u WHERE u."id" = i."user_id";--> statement-breakpoint
UPDATE "invites" i SET "role" = coalesce(
  (SELECT m."role" FROM "memberships" m WHERE m."workspace_id" = i."workspace_id" AND m."user_id" = i."user_id"), 'viewer');--> statement-breakpoint
-- A link of an account that has a password already can only be accepted by signing in, which it never needed.
UPDATE "invites" i SET "used_at" = now() FROM "users" u WHERE u."id" = i."user_id" AND u."password_hash" IS NOT NULL AND i."used_at" IS NULL;--> statement-breakpoint
ALTER TABLE "invites" DROP CONSTRAINT "invites_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "invites" DROP COLUMN "user_id";--> statement-breakpoint
-- Accounts that never set a password held nothing but those memberships (they could not sign in).
DELETE FROM "users" WHERE "password_hash" IS NULL;--> statement-breakpoint
ALTER TABLE "invites" ALTER COLUMN "email" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "invites" ALTER COLUMN "role" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "invites_workspace_email_idx" ON "invites" USING btree ("workspace_id","email");
