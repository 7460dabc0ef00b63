CREATE TABLE "activity_pair_decisions" (
	"activity_a" uuid NOT NULL,
	"activity_b" uuid NOT NULL,
	"decision" text DEFAULT 'distinct' NOT NULL,
	"activity_a_updated_at" timestamp with time zone NOT NULL,
	"activity_b_updated_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_pair_decisions_activity_a_activity_b_pk" PRIMARY KEY("activity_a","activity_b")
);
--> statement-breakpoint
CREATE TABLE "collaboration_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_a" uuid NOT NULL,
	"activity_b" uuid NOT NULL,
	"message" text,
	"suggested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "municipality_coverage" (
	"municipality_number" char(4) NOT NULL,
	"scope" text NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"activity_count" integer DEFAULT 0 NOT NULL,
	"organization_count" integer DEFAULT 0 NOT NULL,
	"capacity" integer DEFAULT 0 NOT NULL,
	"seeking_volunteers" integer DEFAULT 0 NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipality_coverage_municipality_number_scope_dimension_key_pk" PRIMARY KEY("municipality_number","scope","dimension","key")
);
--> statement-breakpoint
CREATE TABLE "municipality_overview_settings" (
	"municipality_number" char(4) PRIMARY KEY NOT NULL,
	"gap_threshold" integer DEFAULT 2 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlement_figures" (
	"municipality_number" char(4) NOT NULL,
	"year" smallint NOT NULL,
	"requested" integer,
	"decided" integer,
	"settled" integer,
	"in_introduction_programme" integer,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settlement_figures_municipality_number_year_pk" PRIMARY KEY("municipality_number","year")
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "reminder_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activity_pair_decisions" ADD CONSTRAINT "activity_pair_decisions_activity_a_activities_id_fk" FOREIGN KEY ("activity_a") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_pair_decisions" ADD CONSTRAINT "activity_pair_decisions_activity_b_activities_id_fk" FOREIGN KEY ("activity_b") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_pair_decisions" ADD CONSTRAINT "activity_pair_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_suggestions" ADD CONSTRAINT "collaboration_suggestions_activity_a_activities_id_fk" FOREIGN KEY ("activity_a") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_suggestions" ADD CONSTRAINT "collaboration_suggestions_activity_b_activities_id_fk" FOREIGN KEY ("activity_b") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_suggestions" ADD CONSTRAINT "collaboration_suggestions_suggested_by_users_id_fk" FOREIGN KEY ("suggested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_coverage" ADD CONSTRAINT "municipality_coverage_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_overview_settings" ADD CONSTRAINT "municipality_overview_settings_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_overview_settings" ADD CONSTRAINT "municipality_overview_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_figures" ADD CONSTRAINT "settlement_figures_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_figures" ADD CONSTRAINT "settlement_figures_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_pair_decisions_b_idx" ON "activity_pair_decisions" USING btree ("activity_b");--> statement-breakpoint
CREATE INDEX "collaboration_suggestions_pair_idx" ON "collaboration_suggestions" USING btree ("activity_a","activity_b");--> statement-breakpoint
CREATE INDEX "settlement_figures_year_idx" ON "settlement_figures" USING btree ("year");