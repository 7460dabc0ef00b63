-- Organisations invalidate the page cache without transition tables: PostgreSQL copies every changed row into a
-- transition table whether the trigger reads it or not, which made a Brreg import's upserts (hundreds of thousands
-- of rows, in batches) measurably slower. A change to organisations is rare outside that import, so it now
-- clears every page kind that shows an organisation (its page, its activities' pages, the finder, kommune pages)
-- once per statement: coarser, and at most one probe of page_cache per batch.
DROP TRIGGER IF EXISTS page_cache_organizations_update ON organizations;
--> statement-breakpoint
DROP TRIGGER IF EXISTS page_cache_organizations_delete ON organizations;
--> statement-breakpoint
DROP FUNCTION IF EXISTS page_cache_organizations();
--> statement-breakpoint
CREATE TRIGGER page_cache_organizations_change AFTER UPDATE OR DELETE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('activity', 'org', 'kommune', 'finder');
