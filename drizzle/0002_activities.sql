-- An IMMUTABLE wrapper of unaccent with its dictionary named, so generated
-- columns and expression indexes may use it (unaccent itself is only STABLE).
CREATE OR REPLACE FUNCTION samspill_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"municipality_number" char(4) NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"how_to_join" text DEFAULT '' NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"address" text,
	"postal_code" text,
	"postal_place" text,
	"latitude" double precision,
	"longitude" double precision,
	"schedule_kind" text DEFAULT 'ongoing' NOT NULL,
	"starts_at" timestamp with time zone,
	"duration_minutes" integer,
	"rrule" text,
	"extra_dates" timestamp with time zone[] DEFAULT '{}'::timestamptz[] NOT NULL,
	"exception_dates" timestamp with time zone[] DEFAULT '{}'::timestamptz[] NOT NULL,
	"next_occurrence_at" timestamp with time zone,
	"weekdays" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"capacity" integer,
	"is_free" boolean DEFAULT true NOT NULL,
	"cost_description" text,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"registration_url" text,
	"status" text DEFAULT 'active' NOT NULL,
	"seeks_volunteers" boolean DEFAULT false NOT NULL,
	"volunteer_tasks" text,
	"visibility" text DEFAULT 'public' NOT NULL,
	"last_confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (
  setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(title, ''))), 'A')
  || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(translations->'nn'->>'title', ''))), 'A')
  || setweight(to_tsvector('english', samspill_unaccent(coalesce(translations->'en'->>'title', ''))), 'A')
  || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(description, ''))), 'B')
  || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(translations->'nn'->>'description', ''))), 'C')
  || setweight(to_tsvector('english', samspill_unaccent(coalesce(translations->'en'->>'description', ''))), 'C')) STORED
);
--> statement-breakpoint
CREATE TABLE "activity_partners" (
	"activity_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "activity_partners_activity_id_organization_id_pk" PRIMARY KEY("activity_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"input" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_partners" ADD CONSTRAINT "activity_partners_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_partners" ADD CONSTRAINT "activity_partners_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_search_idx" ON "activities" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "activities_themes_idx" ON "activities" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "activities_target_groups_idx" ON "activities" USING gin ("target_groups");--> statement-breakpoint
CREATE INDEX "activities_languages_idx" ON "activities" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "activities_municipality_next_idx" ON "activities" USING btree ("municipality_number","next_occurrence_at");--> statement-breakpoint
CREATE INDEX "activities_next_idx" ON "activities" USING btree ("next_occurrence_at");--> statement-breakpoint
CREATE INDEX "activities_organization_idx" ON "activities" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "activities_confirmed_idx" ON "activities" USING btree ("last_confirmed_at");--> statement-breakpoint
CREATE INDEX "activities_point_idx" ON "activities" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "activity_partners_org_idx" ON "activity_partners" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "jobs_status_idx" ON "jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "jobs_kind_idx" ON "jobs" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organizations_name_trgm_idx" ON "organizations" USING gin (samspill_unaccent("name") gin_trgm_ops);