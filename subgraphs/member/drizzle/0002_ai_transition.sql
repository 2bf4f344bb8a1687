CREATE TABLE "anomaly_acknowledgements" (
	"anomaly_id" text PRIMARY KEY NOT NULL,
	"line_id" text NOT NULL,
	"kind" text NOT NULL,
	"anomaly_start" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"acknowledged_by" text NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_baselines" (
	"programme_id" text NOT NULL,
	"baseline_from" date NOT NULL,
	"baseline_to" date NOT NULL,
	"level" integer NOT NULL,
	"kpis" jsonb NOT NULL,
	"model_version" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "insight_baselines_programme_id_baseline_from_baseline_to_pk" PRIMARY KEY("programme_id","baseline_from","baseline_to")
);
--> statement-breakpoint
CREATE TABLE "self_assessments" (
	"id" serial PRIMARY KEY NOT NULL,
	"answers" jsonb NOT NULL,
	"answered_by" text NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "self_assessments_answered_at" ON "self_assessments" USING btree ("answered_at");