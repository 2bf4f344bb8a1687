ALTER TYPE "public"."allocation_status" ADD VALUE 'WITHDRAWN';--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "conflict_detected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "conflict_cause" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "conflict_reason" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "conflict_short_hours" double precision;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "withdraw_reason" text;