ALTER TABLE "activity_partners" ADD COLUMN "status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_partners" ADD COLUMN "requested_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_partners" ADD COLUMN "requested_by" uuid;--> statement-breakpoint
ALTER TABLE "activity_partners" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activity_partners" ADD CONSTRAINT "activity_partners_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Partnerships from before consent existed (demo data) stay as they were: confirmed.
UPDATE "activity_partners" SET "status" = 'confirmed', "confirmed_at" = "requested_at";
