CREATE TABLE "workshop_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"obstacle_id" uuid NOT NULL,
	"theme" text NOT NULL,
	"obstacle_text" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"level" text NOT NULL,
	"county_number" char(2),
	"passed_on_reason" text,
	"passed_on_at" timestamp with time zone,
	"passed_on_by_user_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by_user_id" uuid,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_escalations_body" CHECK (("workshop_escalations"."level" = 'county' and "workshop_escalations"."county_number" is not null) or ("workshop_escalations"."level" = 'national' and "workshop_escalations"."county_number" is null)),
	CONSTRAINT "workshop_escalations_answer" CHECK (("workshop_escalations"."status" = 'open') = ("workshop_escalations"."answered_at" is null))
);
--> statement-breakpoint
ALTER TABLE "workshop_escalations" ADD CONSTRAINT "workshop_escalations_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_escalations" ADD CONSTRAINT "workshop_escalations_obstacle_id_workshop_obstacles_id_fk" FOREIGN KEY ("obstacle_id") REFERENCES "public"."workshop_obstacles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_escalations" ADD CONSTRAINT "workshop_escalations_county_number_counties_number_fk" FOREIGN KEY ("county_number") REFERENCES "public"."counties"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_escalations" ADD CONSTRAINT "workshop_escalations_passed_on_by_user_id_users_id_fk" FOREIGN KEY ("passed_on_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_escalations" ADD CONSTRAINT "workshop_escalations_answered_by_user_id_users_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_escalations" ADD CONSTRAINT "workshop_escalations_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_escalations_obstacle_uq" ON "workshop_escalations" USING btree ("obstacle_id");--> statement-breakpoint
CREATE INDEX "workshop_escalations_workshop_idx" ON "workshop_escalations" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "workshop_escalations_body_idx" ON "workshop_escalations" USING btree ("level","county_number","status");