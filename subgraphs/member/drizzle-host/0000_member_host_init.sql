CREATE SCHEMA "member_host";
--> statement-breakpoint
CREATE TABLE "member_host"."hosted_firm_deletions" (
	"id" serial PRIMARY KEY NOT NULL,
	"member_id" text NOT NULL,
	"deleted_at" timestamp with time zone NOT NULL,
	"requested_by" text NOT NULL,
	"rows_removed" jsonb NOT NULL,
	"total_rows" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_host"."hosted_firms" (
	"member_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"processes" text[] NOT NULL,
	"storage" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
