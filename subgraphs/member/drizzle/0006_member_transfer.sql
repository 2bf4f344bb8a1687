CREATE TYPE "public"."member_transfer_state" AS ENUM('SERVING', 'MOVING', 'MOVED');--> statement-breakpoint
CREATE TABLE "member_transfer" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"state" "member_transfer_state" DEFAULT 'SERVING' NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"changed_by" text,
	"last_event_seq" bigint DEFAULT 0 NOT NULL,
	"deletion_record" text,
	CONSTRAINT "member_transfer_single_row" CHECK ("member_transfer"."id" = 1)
);
--> statement-breakpoint
-- The transfer state exists from the start (SERVING): the freeze trigger locks this row.
INSERT INTO "member_transfer" ("id", "state") VALUES (1, 'SERVING') ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Leaving with its data (issue 18): while the firm's data is MOVING (or after the copy was deleted,
-- MOVED), every write to the firm's tables is refused, whoever writes (GraphQL, MQTT, the simulator,
-- another replica). The share lock makes beginMemberMove (which locks the row for update) wait for
-- writes under way, and keeps new ones out until it commits. The usage ledger keeps recording reads;
-- the deletion of a moved copy sets clustergraph.transfer_bypass for its own transaction.
CREATE FUNCTION "member_refuse_write_while_moving"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  current_state text;
BEGIN
  IF current_setting('clustergraph.transfer_bypass', true) = 'on' THEN
    RETURN NULL;
  END IF;
  -- The written table's own schema, whatever the search_path (a member host keeps each firm in a schema).
  EXECUTE format('SELECT "state"::text FROM %I."member_transfer" WHERE "id" = 1 FOR SHARE', TG_TABLE_SCHEMA) INTO current_state;
  IF current_state IS NOT NULL AND current_state <> 'SERVING' THEN
    RAISE EXCEPTION 'member data is %: writes are refused', current_state USING ERRCODE = 'CGMOV';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "member_profile_transfer_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "member_profile" FOR EACH STATEMENT EXECUTE FUNCTION "member_refuse_write_while_moving"();--> statement-breakpoint
CREATE TRIGGER "lines_transfer_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "lines" FOR EACH STATEMENT EXECUTE FUNCTION "member_refuse_write_while_moving"();--> statement-breakpoint
CREATE TRIGGER "capabilities_transfer_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "capabilities" FOR EACH STATEMENT EXECUTE FUNCTION "member_refuse_write_while_moving"();--> statement-breakpoint
CREATE TRIGGER "capacity_weeks_transfer_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "capacity_weeks" FOR EACH STATEMENT EXECUTE FUNCTION "member_refuse_write_while_moving"();--> statement-breakpoint
CREATE TRIGGER "production_records_transfer_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "production_records" FOR EACH STATEMENT EXECUTE FUNCTION "member_refuse_write_while_moving"();--> statement-breakpoint
CREATE TRIGGER "allocations_transfer_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "allocations" FOR EACH STATEMENT EXECUTE FUNCTION "member_refuse_write_while_moving"();--> statement-breakpoint
CREATE TRIGGER "sharing_policies_transfer_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "sharing_policies" FOR EACH STATEMENT EXECUTE FUNCTION "member_refuse_write_while_moving"();--> statement-breakpoint
CREATE TRIGGER "self_assessments_transfer_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "self_assessments" FOR EACH STATEMENT EXECUTE FUNCTION "member_refuse_write_while_moving"();--> statement-breakpoint
CREATE TRIGGER "anomaly_acknowledgements_transfer_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "anomaly_acknowledgements" FOR EACH STATEMENT EXECUTE FUNCTION "member_refuse_write_while_moving"();--> statement-breakpoint
CREATE TRIGGER "insight_baselines_transfer_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "insight_baselines" FOR EACH STATEMENT EXECUTE FUNCTION "member_refuse_write_while_moving"();--> statement-breakpoint
CREATE TRIGGER "line_event_counter_transfer_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "line_event_counter" FOR EACH STATEMENT EXECUTE FUNCTION "member_refuse_write_while_moving"();--> statement-breakpoint
CREATE TRIGGER "line_events_transfer_freeze" BEFORE INSERT OR UPDATE OR DELETE ON "line_events" FOR EACH STATEMENT EXECUTE FUNCTION "member_refuse_write_while_moving"();
