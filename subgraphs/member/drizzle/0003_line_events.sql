CREATE TABLE "line_event_counter" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "line_event_counter_single_row" CHECK ("line_event_counter"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "line_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"line_id" text NOT NULL,
	"state" "line_state" NOT NULL,
	"previous_state" "line_state",
	"at" timestamp with time zone NOT NULL,
	"reason_code" text,
	"cycle_time_seconds" double precision,
	"good_count" integer,
	"scrap_count" integer,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "line_events_event_id_unique" UNIQUE("event_id"),
	CONSTRAINT "line_events_counts" CHECK (coalesce("line_events"."good_count", 0) >= 0 and coalesce("line_events"."scrap_count", 0) >= 0)
);
--> statement-breakpoint
CREATE INDEX "line_events_line_seq" ON "line_events" USING btree ("line_id","seq");--> statement-breakpoint
CREATE INDEX "line_events_at" ON "line_events" USING btree ("at");