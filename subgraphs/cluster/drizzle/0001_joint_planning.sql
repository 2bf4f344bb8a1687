CREATE TABLE "joint_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"customer" text NOT NULL,
	"product" text NOT NULL,
	"quantity" integer NOT NULL,
	"due_date" date NOT NULL,
	"priority" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"routing" jsonb NOT NULL,
	"current_plan_id" text,
	"cancel_reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "planned_allocations" (
	"plan_id" text NOT NULL,
	"position" integer NOT NULL,
	"allocation_id" text NOT NULL,
	"member_id" text NOT NULL,
	"joint_order_id" text NOT NULL,
	"operation_index" integer NOT NULL,
	"process" text NOT NULL,
	"week_start" date NOT NULL,
	"quantity" integer NOT NULL,
	"hours" double precision NOT NULL,
	"cost" double precision NOT NULL,
	"status" text DEFAULT 'NOT_PROPOSED' NOT NULL,
	"good_quantity" integer DEFAULT 0 NOT NULL,
	"scrap_quantity" integer DEFAULT 0 NOT NULL,
	"decline_reason" text,
	"synced_at" timestamp with time zone,
	CONSTRAINT "planned_allocations_plan_id_position_pk" PRIMARY KEY("plan_id","position")
);
--> statement-breakpoint
CREATE TABLE "production_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"joint_order_ids" text[] NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"trigger" text DEFAULT 'MANUAL' NOT NULL,
	"solver_status" text NOT NULL,
	"gap" double precision,
	"best_bound" double precision,
	"objective" double precision NOT NULL,
	"total_cost" double precision NOT NULL,
	"cost_breakdown" jsonb NOT NULL,
	"late_days" integer NOT NULL,
	"max_late_days" integer NOT NULL,
	"completion_date" date,
	"orders" jsonb NOT NULL,
	"infeasible_order_ids" text[] NOT NULL,
	"explanation" jsonb NOT NULL,
	"previous_plan_id" text,
	"changes" jsonb NOT NULL,
	"options" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"proposed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "planned_allocations" ADD CONSTRAINT "planned_allocations_plan_id_production_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."production_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "joint_orders_code_idx" ON "joint_orders" USING btree ("code");--> statement-breakpoint
CREATE INDEX "joint_orders_status_idx" ON "joint_orders" USING btree ("status");--> statement-breakpoint
CREATE INDEX "planned_allocations_order_idx" ON "planned_allocations" USING btree ("joint_order_id");--> statement-breakpoint
CREATE INDEX "planned_allocations_member_idx" ON "planned_allocations" USING btree ("member_id","allocation_id");--> statement-breakpoint
CREATE INDEX "production_plans_created_idx" ON "production_plans" USING btree ("created_at");