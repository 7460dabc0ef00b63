CREATE TABLE "workshop_run_settings" (
	"workshop_id" uuid PRIMARY KEY NOT NULL,
	"prioritised_count" integer DEFAULT 5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_run_settings_prioritised" CHECK ("workshop_run_settings"."prioritised_count" between 1 and 20)
);
--> statement-breakpoint
ALTER TABLE "workshop_run_settings" ADD CONSTRAINT "workshop_run_settings_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;