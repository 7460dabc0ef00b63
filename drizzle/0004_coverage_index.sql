-- Coverage figures (app/domain/overview/coverage.server.ts) are recomputed per
-- kommune on every activity write: a covering index over the counted
-- (not ended) activities makes each pass an index-only scan of the kommune,
-- instead of reading its rows scattered over the heap. Not in the Drizzle
-- schema: its index builder has no INCLUDE.
CREATE INDEX IF NOT EXISTS "activities_coverage_idx" ON "activities" USING btree ("municipality_number", "organization_id") INCLUDE ("visibility", "capacity", "seeks_volunteers", "themes", "target_groups") WHERE "status" <> 'ended';
