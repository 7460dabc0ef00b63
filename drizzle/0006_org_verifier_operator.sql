ALTER TABLE "organizations" ADD COLUMN "verified_by_level" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "verified_by_body" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "reception_centre_operator" text;--> statement-breakpoint
-- Rows verified before the verifier was recorded: the demo's verifications were made by the kommune, so name the first kommune the organisation serves.
UPDATE "organizations" o SET "verified_by_level" = 'municipality', "verified_by_body" = (
  SELECT m."name" || ' kommune' FROM "organization_municipalities" om JOIN "municipalities" m ON m."number" = om."municipality_number"
  WHERE om."organization_id" = o."id" ORDER BY om."municipality_number" LIMIT 1
) WHERE o."verified" = true AND o."verified_by_level" IS NULL;
