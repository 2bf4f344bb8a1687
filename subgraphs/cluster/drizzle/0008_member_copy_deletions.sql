CREATE TABLE "member_copy_deletions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" text NOT NULL,
	"endpoint" text NOT NULL,
	"deleted_by" text NOT NULL,
	"deleted_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"host_record" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "member_copy_deletions_member_idx" ON "member_copy_deletions" USING btree ("member_id");