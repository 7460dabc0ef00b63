CREATE TABLE "need_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"from_date" date NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_commitments_quantity" CHECK ("need_commitments"."quantity" between 1 and 10000)
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_number" char(4) NOT NULL,
	"organization_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"theme" text NOT NULL,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"unit" text NOT NULL,
	"quantity" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date,
	"deadline" date NOT NULL,
	"settlement_month" date,
	"contact_name" text NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"expiry_reminder_sent_at" timestamp with time zone,
	"expiry_reminder_for" date,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "needs_quantity" CHECK ("needs"."quantity" between 1 and 10000),
	CONSTRAINT "needs_period" CHECK ("needs"."period_end" is null or "needs"."period_end" >= "needs"."period_start"),
	CONSTRAINT "needs_contact" CHECK ("needs"."contact_email" is not null or "needs"."contact_phone" is not null)
);
--> statement-breakpoint
CREATE TABLE "volunteer_interest_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interest_id" uuid NOT NULL,
	"status" text NOT NULL,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_interests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"role_id" uuid NOT NULL,
	"organization_id" uuid,
	"municipality_number" char(4) NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"consent_version" text NOT NULL,
	"contactable_by_kommune" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'unconfirmed' NOT NULL,
	"token_hash" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"police_certificate_seen_on" date,
	"unanswered_reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"municipality_number" char(4),
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"role_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"likes_to_do" text DEFAULT '' NOT NULL,
	"availability" text[] DEFAULT '{}'::text[] NOT NULL,
	"contactable_by_kommune" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid,
	"need_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"min_age" integer,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"police_certificate_required" boolean DEFAULT false NOT NULL,
	"time_commitment" text DEFAULT '' NOT NULL,
	"places" integer,
	"open" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_roles_one_parent" CHECK (("volunteer_roles"."activity_id" is null) <> ("volunteer_roles"."need_id" is null)),
	CONSTRAINT "volunteer_roles_min_age" CHECK ("volunteer_roles"."min_age" is null or "volunteer_roles"."min_age" between 12 and 99),
	CONSTRAINT "volunteer_roles_places" CHECK ("volunteer_roles"."places" is null or "volunteer_roles"."places" between 1 and 10000)
);
--> statement-breakpoint
CREATE TABLE "placement_checkins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"placement_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by_user_id" uuid,
	"attendance" text,
	"needs_support" boolean,
	"next_step" text,
	"note" text DEFAULT '' NOT NULL,
	"reminder_sent_at" timestamp with time zone,
	"reminder_for" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placement_checkins_answered" CHECK ("placement_checkins"."completed_at" is null or ("placement_checkins"."attendance" is not null and "placement_checkins"."needs_support" is not null and "placement_checkins"."next_step" is not null))
);
--> statement-breakpoint
CREATE TABLE "placement_outcome_counts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"placement_id" uuid NOT NULL,
	"period_month" date NOT NULL,
	"outcome" text NOT NULL,
	"early_end_reason" text,
	"count" integer NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placement_outcome_counts_count" CHECK ("placement_outcome_counts"."count" between 1 and 1000),
	CONSTRAINT "placement_outcome_counts_reason" CHECK (("placement_outcome_counts"."outcome" = 'ended_early') = ("placement_outcome_counts"."early_end_reason" is not null)),
	CONSTRAINT "placement_outcome_counts_month" CHECK (extract(day from "placement_outcome_counts"."period_month") = 1)
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"occupation" text NOT NULL,
	"sector" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"municipality_number" char(4) NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date,
	"language_requirement" text DEFAULT 'none' NOT NULL,
	"places" integer NOT NULL,
	"support_needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"follow_up_organization_id" uuid,
	"follow_up_status" text DEFAULT 'requested' NOT NULL,
	"follow_up_answered_at" timestamp with time zone,
	"follow_up_answered_by_user_id" uuid,
	"incentives_requested" text[] DEFAULT '{}'::text[] NOT NULL,
	"incentive_request_message" text DEFAULT '' NOT NULL,
	"incentive_requested_at" timestamp with time zone,
	"contact_name" text NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"status" text DEFAULT 'open' NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placements_places" CHECK ("placements"."places" between 1 and 1000),
	CONSTRAINT "placements_period" CHECK ("placements"."period_end" is null or "placements"."period_end" >= "placements"."period_start"),
	CONSTRAINT "placements_contact" CHECK ("placements"."contact_email" is not null or "placements"."contact_phone" is not null)
);
--> statement-breakpoint
ALTER TABLE "need_commitments" ADD CONSTRAINT "need_commitments_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_commitments" ADD CONSTRAINT "need_commitments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_commitments" ADD CONSTRAINT "need_commitments_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_commitments" ADD CONSTRAINT "need_commitments_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_interest_events" ADD CONSTRAINT "volunteer_interest_events_interest_id_volunteer_interests_id_fk" FOREIGN KEY ("interest_id") REFERENCES "public"."volunteer_interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_interest_events" ADD CONSTRAINT "volunteer_interest_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_interests" ADD CONSTRAINT "volunteer_interests_role_id_volunteer_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."volunteer_roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_interests" ADD CONSTRAINT "volunteer_interests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_interests" ADD CONSTRAINT "volunteer_interests_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_roles" ADD CONSTRAINT "volunteer_roles_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_roles" ADD CONSTRAINT "volunteer_roles_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_checkins" ADD CONSTRAINT "placement_checkins_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_checkins" ADD CONSTRAINT "placement_checkins_completed_by_user_id_users_id_fk" FOREIGN KEY ("completed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_outcome_counts" ADD CONSTRAINT "placement_outcome_counts_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_outcome_counts" ADD CONSTRAINT "placement_outcome_counts_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_employer_organization_id_organizations_id_fk" FOREIGN KEY ("employer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_follow_up_organization_id_organizations_id_fk" FOREIGN KEY ("follow_up_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_follow_up_answered_by_user_id_users_id_fk" FOREIGN KEY ("follow_up_answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "need_commitments_need_idx" ON "need_commitments" USING btree ("need_id","status");--> statement-breakpoint
CREATE INDEX "need_commitments_organization_idx" ON "need_commitments" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "need_commitments_one_live" ON "need_commitments" USING btree ("need_id","organization_id") WHERE "need_commitments"."status" in ('pending', 'accepted');--> statement-breakpoint
CREATE INDEX "needs_municipality_idx" ON "needs" USING btree ("municipality_number","status","deadline");--> statement-breakpoint
CREATE INDEX "needs_organization_idx" ON "needs" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "volunteer_interest_events_interest_idx" ON "volunteer_interest_events" USING btree ("interest_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_interests_token_idx" ON "volunteer_interests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "volunteer_interests_organization_idx" ON "volunteer_interests" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "volunteer_interests_municipality_idx" ON "volunteer_interests" USING btree ("municipality_number","status");--> statement-breakpoint
CREATE INDEX "volunteer_interests_email_idx" ON "volunteer_interests" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "volunteer_interests_role_idx" ON "volunteer_interests" USING btree ("role_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_links_token_idx" ON "volunteer_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "volunteer_links_email_idx" ON "volunteer_links" USING btree (lower("email"),"created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_profiles_email_idx" ON "volunteer_profiles" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "volunteer_roles_activity_idx" ON "volunteer_roles" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "volunteer_roles_need_idx" ON "volunteer_roles" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "placement_checkins_placement_idx" ON "placement_checkins" USING btree ("placement_id","due_on");--> statement-breakpoint
CREATE INDEX "placement_checkins_due_idx" ON "placement_checkins" USING btree ("due_on") WHERE "placement_checkins"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "placement_outcome_counts_placement_idx" ON "placement_outcome_counts" USING btree ("placement_id","period_month");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_outcome_counts_one_row" ON "placement_outcome_counts" USING btree ("placement_id","period_month","outcome",coalesce("early_end_reason", ''));--> statement-breakpoint
CREATE INDEX "placements_employer_idx" ON "placements" USING btree ("employer_organization_id","status");--> statement-breakpoint
CREATE INDEX "placements_municipality_idx" ON "placements" USING btree ("municipality_number","status");--> statement-breakpoint
CREATE INDEX "placements_follow_up_idx" ON "placements" USING btree ("follow_up_organization_id","follow_up_status");