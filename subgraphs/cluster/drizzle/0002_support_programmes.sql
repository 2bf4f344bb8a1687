CREATE TABLE "programme_suppliers" (
	"programme_id" text NOT NULL,
	"member_id" text NOT NULL,
	"position" integer NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_suppliers_programme_id_member_id_pk" PRIMARY KEY("programme_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "support_programmes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"anchor_id" text NOT NULL,
	"start_date" date NOT NULL,
	"baseline_weeks" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programme_suppliers" ADD CONSTRAINT "programme_suppliers_programme_id_support_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."support_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programme_suppliers_member" ON "programme_suppliers" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "support_programmes_anchor" ON "support_programmes" USING btree ("anchor_id");