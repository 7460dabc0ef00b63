CREATE TABLE "activity_pair_follow_ups" (
	"activity_a" uuid NOT NULL,
	"activity_b" uuid NOT NULL,
	"municipality_number" char(4) NOT NULL,
	"status" text NOT NULL,
	"suggested_by_organization_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_pair_follow_ups_activity_a_activity_b_pk" PRIMARY KEY("activity_a","activity_b")
);
--> statement-breakpoint
ALTER TABLE "activity_pair_follow_ups" ADD CONSTRAINT "activity_pair_follow_ups_activity_a_activities_id_fk" FOREIGN KEY ("activity_a") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_pair_follow_ups" ADD CONSTRAINT "activity_pair_follow_ups_activity_b_activities_id_fk" FOREIGN KEY ("activity_b") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_pair_follow_ups" ADD CONSTRAINT "activity_pair_follow_ups_municipality_number_municipalities_number_fk" FOREIGN KEY ("municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_pair_follow_ups" ADD CONSTRAINT "activity_pair_follow_ups_suggested_by_organization_id_organizations_id_fk" FOREIGN KEY ("suggested_by_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_pair_follow_ups" ADD CONSTRAINT "activity_pair_follow_ups_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_pair_follow_ups_b_idx" ON "activity_pair_follow_ups" USING btree ("activity_b");--> statement-breakpoint
CREATE INDEX "activity_pair_follow_ups_kommune_idx" ON "activity_pair_follow_ups" USING btree ("municipality_number","status");