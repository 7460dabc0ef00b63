CREATE TABLE "competence_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guidance_handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_level" text,
	"from_municipality_number" char(4),
	"from_county_number" char(2),
	"from_organization_id" uuid,
	"to_level" text,
	"to_municipality_number" char(4),
	"to_county_number" char(2),
	"to_organization_id" uuid,
	"reason" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guidance_internal_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"author_level" text,
	"author_municipality_number" char(4),
	"author_county_number" char(2),
	"author_user_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guidance_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"side" text NOT NULL,
	"author_level" text,
	"author_municipality_number" char(4),
	"author_county_number" char(2),
	"author_organization_id" uuid,
	"author_user_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guidance_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"municipality_number" char(4) NOT NULL,
	"topic" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"consent_to_reuse" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"holder_level" text NOT NULL,
	"holder_municipality_number" char(4),
	"holder_county_number" char(2),
	"holder_organization_id" uuid,
	"assigned_user_id" uuid,
	"created_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guidance_requests_holder_check" CHECK (("guidance_requests"."holder_level" = 'municipality' and "guidance_requests"."holder_municipality_number" is not null and "guidance_requests"."holder_county_number" is null)
       or ("guidance_requests"."holder_level" = 'county' and "guidance_requests"."holder_county_number" is not null and "guidance_requests"."holder_municipality_number" is null)
       or ("guidance_requests"."holder_level" = 'national' and "guidance_requests"."holder_county_number" is null and "guidance_requests"."holder_municipality_number" is null))
);
--> statement-breakpoint
ALTER TABLE "competence_offers" ADD CONSTRAINT "competence_offers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_handovers" ADD CONSTRAINT "guidance_handovers_request_id_guidance_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."guidance_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_handovers" ADD CONSTRAINT "guidance_handovers_from_municipality_number_municipalities_number_fk" FOREIGN KEY ("from_municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_handovers" ADD CONSTRAINT "guidance_handovers_from_county_number_counties_number_fk" FOREIGN KEY ("from_county_number") REFERENCES "public"."counties"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_handovers" ADD CONSTRAINT "guidance_handovers_from_organization_id_organizations_id_fk" FOREIGN KEY ("from_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_handovers" ADD CONSTRAINT "guidance_handovers_to_municipality_number_municipalities_number_fk" FOREIGN KEY ("to_municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_handovers" ADD CONSTRAINT "guidance_handovers_to_county_number_counties_number_fk" FOREIGN KEY ("to_county_number") REFERENCES "public"."counties"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_handovers" ADD CONSTRAINT "guidance_handovers_to_organization_id_organizations_id_fk" FOREIGN KEY ("to_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_handovers" ADD CONSTRAINT "guidance_handovers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_internal_notes" ADD CONSTRAINT "guidance_internal_notes_request_id_guidance_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."guidance_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_internal_notes" ADD CONSTRAINT "guidance_internal_notes_author_municipality_number_municipalities_number_fk" FOREIGN KEY ("author_municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_internal_notes" ADD CONSTRAINT "guidance_internal_notes_author_county_number_counties_number_fk" FOREIGN KEY ("author_county_number") REFERENCES "public"."counties"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_internal_notes" ADD CONSTRAINT "guidance_internal_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_messages" ADD CONSTRAINT "guidance_messages_request_id_guidance_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."guidance_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_messages" ADD CONSTRAINT "guidance_messages_author_municipality_number_municipalities_number_fk" FOREIGN KEY ("author_municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_messages" ADD CONSTRAINT "guidance_messages_author_county_number_counties_number_fk" FOREIGN KEY ("author_county_number") REFERENCES "public"."counties"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_messages" ADD CONSTRAINT "guidance_messages_author_organization_id_organizations_id_fk" FOREIGN KEY ("author_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_messages" ADD CONSTRAINT "guidance_messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_requests" ADD CONSTRAINT "guidance_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_requests" ADD CONSTRAINT "guidance_requests_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_requests" ADD CONSTRAINT "guidance_requests_holder_municipality_number_municipalities_number_fk" FOREIGN KEY ("holder_municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_requests" ADD CONSTRAINT "guidance_requests_holder_county_number_counties_number_fk" FOREIGN KEY ("holder_county_number") REFERENCES "public"."counties"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_requests" ADD CONSTRAINT "guidance_requests_holder_organization_id_organizations_id_fk" FOREIGN KEY ("holder_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_requests" ADD CONSTRAINT "guidance_requests_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_requests" ADD CONSTRAINT "guidance_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "competence_offers_organization_topic_idx" ON "competence_offers" USING btree ("organization_id","topic");--> statement-breakpoint
CREATE INDEX "competence_offers_topic_idx" ON "competence_offers" USING btree ("topic");--> statement-breakpoint
CREATE INDEX "guidance_handovers_request_idx" ON "guidance_handovers" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "guidance_handovers_to_idx" ON "guidance_handovers" USING btree ("to_level","to_municipality_number","to_county_number");--> statement-breakpoint
CREATE INDEX "guidance_handovers_to_organization_idx" ON "guidance_handovers" USING btree ("to_organization_id");--> statement-breakpoint
CREATE INDEX "guidance_internal_notes_request_idx" ON "guidance_internal_notes" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "guidance_messages_request_idx" ON "guidance_messages" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "guidance_requests_organization_idx" ON "guidance_requests" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "guidance_requests_municipality_idx" ON "guidance_requests" USING btree ("municipality_number");--> statement-breakpoint
CREATE INDEX "guidance_requests_holder_idx" ON "guidance_requests" USING btree ("holder_level","holder_municipality_number","holder_county_number");--> statement-breakpoint
CREATE INDEX "guidance_requests_holder_organization_idx" ON "guidance_requests" USING btree ("holder_organization_id");--> statement-breakpoint
CREATE INDEX "guidance_requests_submitted_idx" ON "guidance_requests" USING btree ("submitted_at");