ALTER TABLE "members" ALTER COLUMN "endpoint" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "hosting" text DEFAULT 'SELF_HOSTED' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "applied_processes" text[] DEFAULT '{}' NOT NULL;