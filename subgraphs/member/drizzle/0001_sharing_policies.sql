CREATE TYPE "public"."data_category" AS ENUM('PROFILE', 'CAPABILITY', 'CAPACITY', 'ORDERS', 'PRODUCTION', 'QUALITY', 'ENERGY', 'LINE_STATUS', 'AI_INSIGHTS');--> statement-breakpoint
CREATE TYPE "public"."granularity" AS ENUM('RAW', 'AGGREGATED');--> statement-breakpoint
CREATE TYPE "public"."policy_purpose" AS ENUM('ANY', 'JOINT_PLANNING', 'MONITORING', 'AI_TRANSITION', 'BENCHMARKING');--> statement-breakpoint
CREATE TABLE "data_usage" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"reader_member_id" text NOT NULL,
	"reader_user_id" text,
	"category" "data_category" NOT NULL,
	"purpose" text NOT NULL,
	"operation_name" text,
	"records" integer NOT NULL,
	"allowed" boolean NOT NULL,
	"policy_id" text,
	"granularity" "granularity"
);
--> statement-breakpoint
CREATE TABLE "sharing_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"category" "data_category" NOT NULL,
	"grantee" text NOT NULL,
	"purpose" "policy_purpose" NOT NULL,
	"granularity" "granularity" DEFAULT 'RAW' NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_until" timestamp with time zone,
	"created_by" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text
);
--> statement-breakpoint
CREATE INDEX "data_usage_at" ON "data_usage" USING btree ("at");--> statement-breakpoint
CREATE INDEX "data_usage_reader_at" ON "data_usage" USING btree ("reader_member_id","at");--> statement-breakpoint
CREATE INDEX "sharing_policies_category" ON "sharing_policies" USING btree ("category");