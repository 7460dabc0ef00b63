-- A kommune's public page counts organisations' members (getMunicipalitySummary reads memberships): a change to
-- memberships clears the cached kommune and organisation pages.
CREATE TRIGGER page_cache_memberships AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON memberships
  FOR EACH STATEMENT EXECUTE FUNCTION page_cache_flush('kommune', 'org');
