CREATE TABLE "page_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"path" text NOT NULL,
	"tags" text[] NOT NULL,
	"body" text NOT NULL,
	"etag" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "page_cache_tags_idx" ON "page_cache" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "page_cache_created_idx" ON "page_cache" USING btree ("created_at");--> statement-breakpoint
-- Invalidation of the page cache (server/page-cache.server.ts) by the tables the cached pages read, so every
-- write path (domain modules, CLI, Brreg import, restore) invalidates without remembering to. Statement-level:
-- a bulk write of a million rows runs each trigger once per statement, and when the cache is empty (an import
-- on a fresh database) it stops at one probe of an empty table.
-- page_cache_flush(tag, ...): deletes the entries carrying any of the given tags (page kinds).
CREATE OR REPLACE FUNCTION page_cache_flush() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM page_cache) THEN
    DELETE FROM page_cache WHERE tags && TG_ARGV::text[];
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Activities: the activity's own page, its organisation's and kommune's pages, and every finder result page.
CREATE OR REPLACE FUNCTION page_cache_activities() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM page_cache) THEN
    IF TG_OP = 'DELETE' THEN
      DELETE FROM page_cache WHERE tags && ARRAY['finder']
        OR tags && (SELECT array_agg(t) FROM old_rows, LATERAL (VALUES ('activity:' || id), ('org:' || organization_id), ('kommune:' || municipality_number)) v(t));
    ELSIF TG_OP = 'UPDATE' THEN
      DELETE FROM page_cache WHERE tags && ARRAY['finder']
        OR tags && (SELECT array_agg(t) FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r,
                    LATERAL (VALUES ('activity:' || r.id), ('org:' || r.organization_id), ('kommune:' || r.municipality_number)) v(t));
    ELSE
      DELETE FROM page_cache WHERE tags && ARRAY['finder']
        OR tags && (SELECT array_agg(t) FROM new_rows, LATERAL (VALUES ('activity:' || id), ('org:' || organization_id), ('kommune:' || municipality_number)) v(t));
    END IF;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER page_cache_activities_insert AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_activities();
--> statement-breakpoint
CREATE TRIGGER page_cache_activities_update AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_activities();
--> statement-breakpoint
CREATE TRIGGER page_cache_activities_delete AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_activities();
--> statement-breakpoint
CREATE TRIGGER page_cache_activities_truncate AFTER TRUNCATE ON activities
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('activity', 'org', 'kommune', 'finder');
--> statement-breakpoint
-- Organisations: their own page and the pages of their activities (tagged org:<id>), and the finder (it shows
-- organisation names). A new organisation has no cached page yet; kommune pages may list it.
CREATE OR REPLACE FUNCTION page_cache_organizations() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM page_cache) THEN
    IF TG_OP = 'DELETE' THEN
      DELETE FROM page_cache WHERE tags && ARRAY['finder', 'kommune'] OR tags && (SELECT array_agg('org:' || id) FROM old_rows);
    ELSE
      DELETE FROM page_cache WHERE tags && ARRAY['finder', 'kommune'] OR tags && (SELECT array_agg('org:' || id) FROM new_rows);
    END IF;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER page_cache_organizations_update AFTER UPDATE ON organizations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_organizations();
--> statement-breakpoint
CREATE TRIGGER page_cache_organizations_delete AFTER DELETE ON organizations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_organizations();
--> statement-breakpoint
CREATE TRIGGER page_cache_organizations_insert AFTER INSERT ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('kommune');
--> statement-breakpoint
CREATE TRIGGER page_cache_organizations_truncate AFTER TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('activity', 'org', 'kommune', 'finder');
--> statement-breakpoint
-- The other tables the cached pages read: by page kind (rarely written, so precision is not worth a transition table).
CREATE TRIGGER page_cache_activity_partners AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_partners
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('activity', 'org', 'finder');
--> statement-breakpoint
CREATE TRIGGER page_cache_stories AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stories
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('activity', 'org', 'kommune');
--> statement-breakpoint
CREATE TRIGGER page_cache_volunteer_roles AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON volunteer_roles
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('activity', 'org');
--> statement-breakpoint
CREATE TRIGGER page_cache_organization_municipalities AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organization_municipalities
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('org', 'kommune', 'finder');
--> statement-breakpoint
CREATE TRIGGER page_cache_municipalities AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON municipalities
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('activity', 'org', 'kommune', 'finder');
--> statement-breakpoint
CREATE TRIGGER page_cache_counties AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON counties
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('activity', 'org', 'kommune', 'finder');
--> statement-breakpoint
CREATE TRIGGER page_cache_municipality_contacts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON municipality_contacts
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('kommune');
--> statement-breakpoint
CREATE TRIGGER page_cache_role_grants AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_grants
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('kommune', 'org');
--> statement-breakpoint
CREATE TRIGGER page_cache_users AFTER UPDATE OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('kommune', 'org');
