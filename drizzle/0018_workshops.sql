CREATE TABLE "workshop_municipalities" (
	"workshop_id" uuid NOT NULL,
	"municipality_number" char(4) NOT NULL,
	CONSTRAINT "workshop_municipalities_workshop_id_municipality_number_pk" PRIMARY KEY("workshop_id","municipality_number")
);
--> statement-breakpoint
CREATE TABLE "workshop_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"user_id" uuid,
	"organization_id" uuid,
	"sector" text NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"invite_token_hash" text,
	"invite_expires_at" timestamp with time zone,
	"device_token_hash" text,
	"email_verified_at" timestamp with time zone,
	"show_name" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"registered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "workshop_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"kind" text DEFAULT 'workshop' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"place" text,
	"video_url" text,
	"reminder_sent_at" timestamp with time zone,
	CONSTRAINT "workshop_sessions_duration" CHECK ("workshop_sessions"."duration_minutes" between 15 and 1440)
);
--> statement-breakpoint
CREATE TABLE "workshops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"focus_themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"organiser_level" text NOT NULL,
	"organiser_municipality_number" char(4),
	"organiser_county_number" char(2),
	"facilitator_name" text DEFAULT '' NOT NULL,
	"facilitator_user_id" uuid,
	"status" text DEFAULT 'planning' NOT NULL,
	"capacity" integer,
	"obstacle_votes_per_participant" integer DEFAULT 5 NOT NULL,
	"solution_votes_per_participant" integer DEFAULT 3 NOT NULL,
	"join_code" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "workshops_organiser" CHECK (("workshops"."organiser_level" = 'municipality' and "workshops"."organiser_municipality_number" is not null and "workshops"."organiser_county_number" is null) or ("workshops"."organiser_level" = 'county' and "workshops"."organiser_county_number" is not null and "workshops"."organiser_municipality_number" is null)),
	CONSTRAINT "workshops_capacity" CHECK ("workshops"."capacity" is null or "workshops"."capacity" > 0),
	CONSTRAINT "workshops_obstacle_votes" CHECK ("workshops"."obstacle_votes_per_participant" between 1 and 20),
	CONSTRAINT "workshops_solution_votes" CHECK ("workshops"."solution_votes_per_participant" between 1 and 20)
);
--> statement-breakpoint
ALTER TABLE "workshop_municipalities" ADD CONSTRAINT "workshop_municipalities_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_municipalities" ADD CONSTRAINT "workshop_municipalities_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_participants" ADD CONSTRAINT "workshop_participants_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_participants" ADD CONSTRAINT "workshop_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_participants" ADD CONSTRAINT "workshop_participants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_sessions" ADD CONSTRAINT "workshop_sessions_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_organiser_municipality_number_municipalities_number_fk" FOREIGN KEY ("organiser_municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_organiser_county_number_counties_number_fk" FOREIGN KEY ("organiser_county_number") REFERENCES "public"."counties"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_facilitator_user_id_users_id_fk" FOREIGN KEY ("facilitator_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workshop_municipalities_municipality_idx" ON "workshop_municipalities" USING btree ("municipality_number");--> statement-breakpoint
CREATE INDEX "workshop_participants_workshop_idx" ON "workshop_participants" USING btree ("workshop_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_participants_user_uq" ON "workshop_participants" USING btree ("workshop_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_participants_email_uq" ON "workshop_participants" USING btree ("workshop_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_participants_invite_token_uq" ON "workshop_participants" USING btree ("invite_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_participants_device_token_uq" ON "workshop_participants" USING btree ("device_token_hash");--> statement-breakpoint
CREATE INDEX "workshop_participants_user_idx" ON "workshop_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "workshop_sessions_workshop_idx" ON "workshop_sessions" USING btree ("workshop_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "workshops_join_code_uq" ON "workshops" USING btree ("join_code");--> statement-breakpoint
CREATE INDEX "workshops_organiser_municipality_idx" ON "workshops" USING btree ("organiser_municipality_number");--> statement-breakpoint
CREATE INDEX "workshops_organiser_county_idx" ON "workshops" USING btree ("organiser_county_number");