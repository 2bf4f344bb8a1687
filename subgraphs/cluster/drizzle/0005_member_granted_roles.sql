ALTER TABLE "members" ADD COLUMN "requested_roles" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- Until now `roles` held what a firm declared when applying. Keep that as the request; an
-- applicant that was never approved has been granted nothing.
UPDATE "members" SET "requested_roles" = "roles";--> statement-breakpoint
UPDATE "members" SET "roles" = '{}' WHERE "status" = 'PENDING';
