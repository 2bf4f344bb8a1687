ALTER TABLE "planned_allocations" ADD COLUMN "conflict_cause" text;--> statement-breakpoint
ALTER TABLE "planned_allocations" ADD COLUMN "conflict_reason" text;--> statement-breakpoint
ALTER TABLE "planned_allocations" ADD COLUMN "withdrawal_state" text;--> statement-breakpoint
ALTER TABLE "planned_allocations" ADD COLUMN "withdraw_reason" text;--> statement-breakpoint
ALTER TABLE "planned_allocations" ADD COLUMN "withdraw_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "planned_allocations" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "planned_allocations" ADD COLUMN "withdraw_error" text;--> statement-breakpoint
CREATE INDEX "planned_allocations_withdrawal_idx" ON "planned_allocations" USING btree ("withdrawal_state");