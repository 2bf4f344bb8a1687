CREATE TYPE "public"."allocation_status" AS ENUM('PROPOSED', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'DONE');--> statement-breakpoint
CREATE TYPE "public"."line_state" AS ENUM('RUNNING', 'IDLE', 'DOWN', 'CHANGEOVER', 'MAINTENANCE', 'OFFLINE');--> statement-breakpoint
CREATE TYPE "public"."process_type" AS ENUM('CASTING', 'FORGING', 'PRESSING', 'HEAT_TREATMENT', 'INJECTION_MOLDING', 'CNC_MACHINING', 'WELDING', 'SURFACE_TREATMENT', 'PAINTING', 'ASSEMBLY', 'INSPECTION', 'PACKAGING');--> statement-breakpoint
CREATE TABLE "allocations" (
	"id" text PRIMARY KEY NOT NULL,
	"joint_order_id" text NOT NULL,
	"operation_index" integer NOT NULL,
	"process" "process_type" NOT NULL,
	"week_start" date NOT NULL,
	"quantity" integer NOT NULL,
	"hours" double precision NOT NULL,
	"status" "allocation_status" DEFAULT 'PROPOSED' NOT NULL,
	"good_quantity" integer DEFAULT 0 NOT NULL,
	"scrap_quantity" integer DEFAULT 0 NOT NULL,
	"responded_at" timestamp with time zone,
	"decline_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "capabilities" (
	"id" serial PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"process" "process_type" NOT NULL,
	"materials" text[] NOT NULL,
	"max_part_size_mm" double precision,
	"certifications" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text,
	CONSTRAINT "capabilities_process_unique" UNIQUE("process")
);
--> statement-breakpoint
CREATE TABLE "capacity_weeks" (
	"process" "process_type" NOT NULL,
	"week_start" date NOT NULL,
	"actual_hours" double precision NOT NULL,
	"maximum_hours" double precision NOT NULL,
	"price_per_hour" double precision,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "capacity_weeks_process_week_start_pk" PRIMARY KEY("process","week_start"),
	CONSTRAINT "capacity_weeks_hours" CHECK ("capacity_weeks"."actual_hours" >= 0 and "capacity_weeks"."actual_hours" <= "capacity_weeks"."maximum_hours")
);
--> statement-breakpoint
CREATE TABLE "lines" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"processes" "process_type"[] NOT NULL,
	"rated_units_per_hour" double precision,
	"state" "line_state" DEFAULT 'IDLE' NOT NULL,
	"state_since" timestamp with time zone DEFAULT now() NOT NULL,
	"state_seq" integer DEFAULT 0 NOT NULL,
	"state_reason_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_profile" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text,
	"smart_factory_level" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_profile_single_row" CHECK ("member_profile"."id" = 1),
	CONSTRAINT "member_profile_level_range" CHECK ("member_profile"."smart_factory_level" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "production_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"line_id" text NOT NULL,
	"shift_start" timestamp with time zone NOT NULL,
	"good_quantity" integer NOT NULL,
	"scrap_quantity" integer NOT NULL,
	"run_minutes" double precision NOT NULL,
	"down_minutes" double precision NOT NULL,
	"energy_kwh" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "production_records_line_shift" UNIQUE("line_id","shift_start")
);
--> statement-breakpoint
ALTER TABLE "production_records" ADD CONSTRAINT "production_records_line_id_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."lines"("id") ON DELETE no action ON UPDATE no action;