CREATE TABLE "knowledge_article_versions" (
	"article_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (case locale
  when 'en' then setweight(to_tsvector('english', samspill_unaccent(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('english', samspill_unaccent(coalesce(summary, ''))), 'B')
    || setweight(to_tsvector('english', samspill_unaccent(coalesce(body, ''))), 'C')
  when 'nb' then setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(summary, ''))), 'B')
    || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(body, ''))), 'C')
  when 'nn' then setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(summary, ''))), 'B')
    || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(body, ''))), 'C')
  else setweight(to_tsvector('simple', samspill_unaccent(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('simple', samspill_unaccent(coalesce(summary, ''))), 'B')
    || setweight(to_tsvector('simple', samspill_unaccent(coalesce(body, ''))), 'C')
  end) STORED,
	CONSTRAINT "knowledge_article_versions_article_id_locale_pk" PRIMARY KEY("article_id","locale")
);
--> statement-breakpoint
CREATE TABLE "knowledge_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"audience" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_level" text NOT NULL,
	"owner_municipality_number" char(4),
	"owner_county_number" char(2),
	"link_url" text,
	"review_by" date,
	"proposed_by" uuid,
	"proposer_organization_id" uuid,
	"proposer_municipality_number" char(4),
	"review_comment" text,
	"source_guidance_request_id" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "knowledge_search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_votes" (
	"article_id" uuid NOT NULL,
	"voter_hash" text NOT NULL,
	"helpful" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_votes_article_id_voter_hash_pk" PRIMARY KEY("article_id","voter_hash")
);
--> statement-breakpoint
ALTER TABLE "knowledge_article_versions" ADD CONSTRAINT "knowledge_article_versions_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_owner_municipality_number_municipalities_number_fk" FOREIGN KEY ("owner_municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_owner_county_number_counties_number_fk" FOREIGN KEY ("owner_county_number") REFERENCES "public"."counties"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_proposer_organization_id_organizations_id_fk" FOREIGN KEY ("proposer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_proposer_municipality_number_municipalities_number_fk" FOREIGN KEY ("proposer_municipality_number") REFERENCES "public"."municipalities"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_votes" ADD CONSTRAINT "knowledge_votes_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "knowledge_article_versions_search_idx" ON "knowledge_article_versions" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_articles_slug_idx" ON "knowledge_articles" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "knowledge_articles_status_idx" ON "knowledge_articles" USING btree ("status");--> statement-breakpoint
CREATE INDEX "knowledge_articles_owner_idx" ON "knowledge_articles" USING btree ("owner_level","owner_county_number","owner_municipality_number");--> statement-breakpoint
CREATE INDEX "knowledge_articles_themes_idx" ON "knowledge_articles" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "knowledge_articles_audience_idx" ON "knowledge_articles" USING gin ("audience");--> statement-breakpoint
CREATE INDEX "knowledge_articles_proposed_by_idx" ON "knowledge_articles" USING btree ("proposed_by");--> statement-breakpoint
CREATE INDEX "knowledge_search_words_trgm_idx" ON "knowledge_search_words" USING gin ("word" gin_trgm_ops);