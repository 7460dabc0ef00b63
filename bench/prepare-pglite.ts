/**
 * Creates a PGlite folder with the app's migrations and reference data, then
 * exits: the Brreg bench runs it first so the import's peak RSS is the
 * import's own, not PGlite's initdb (which alone peaks at ≈ 750 MB).
 * Usage: node --import tsx bench/prepare-pglite.ts <dir>
 */
import { openDatabase } from "~/db/client.server.ts";
import { loadReferenceData } from "~/domain/reference/reference.server.ts";

// With DATABASE_URL set (the PostgreSQL variant) it prepares that database instead.
const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, pgliteDataDir: process.argv[2]! });
await loadReferenceData(handle.db);
await handle.close();
