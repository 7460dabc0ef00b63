import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDb, openDatabase } from "~/db/client.server.ts";
import { auditLog, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import {
  AscendingIds,
  BrregImportError,
  importBrregFile,
  JsonArrayError,
  JsonArraySplitter,
  NATIONAL_IMPORT,
  OrgNumberSet,
  type BrregImportOptions,
  type BrregImportProgress,
  type BrregImportSummary,
} from "./brreg-import.server.ts";

const fixtures = path.resolve("tests/fixtures/brreg");

/** An operator's (or national admin's) import: every organisation. */
const importNational = (file: string, options: Omit<BrregImportOptions, "scope"> = {}) => importBrregFile(file, { scope: NATIONAL_IMPORT, ...options });
const fixture = (name: string) => path.join(fixtures, name);

async function byOrgNumber(orgNumber: string) {
  const [row] = await getDb().select().from(organizations).where(eq(organizations.orgNumber, orgNumber));
  return row;
}

async function kommunerOf(orgNumber: string): Promise<string[]> {
  const row = await byOrgNumber(orgNumber);
  if (!row) return [];
  const links = await getDb()
    .select({ number: organizationMunicipalities.municipalityNumber })
    .from(organizationMunicipalities)
    .where(eq(organizationMunicipalities.organizationId, row.id));
  return links.map((l) => l.number);
}

beforeEach(async () => {
  // Each test starts from an empty register (cascade removes the kommune links).
  await getDb().delete(organizations);
  await getDb().delete(auditLog);
});

describe("Brreg import: the shared sample", () => {
  it("imports the units in Frivillighetsregisteret by default, with kind, address, kommune and contact", async () => {
    const summary = await importNational(fixture("enheter-sample.json"));
    expect(summary).toMatchObject({ read: 5, kept: 3, inserted: 3, updated: 0, unchanged: 0, skipped: 2, rejected: 0, inactive: 1 });

    const hamar = await byOrgNumber("995260182");
    expect(hamar).toMatchObject({
      name: "HAMAR LEKSEHJELP OG SPRÅKKAFÉ",
      kind: "voluntary",
      source: "brreg",
      address: "Torggata 1",
      postalCode: "2317",
      postalPlace: "HAMAR",
      website: "https://www.eksempel-sprakkafe.no",
      contactEmail: "post@eksempel-sprakkafe.no",
      inFrivillighetsregisteret: true,
      active: true,
      brregOrganizationForm: "FLI",
      verified: false,
    });
    expect(hamar?.brregUpdatedAt).toBeInstanceOf(Date);
    expect(await kommunerOf("995260182")).toEqual(["3403"]);
    expect(await kommunerOf("921590830")).toEqual(["4602"]);
    // Under dissolution: kept, but inactive.
    expect(await byOrgNumber("980308243")).toMatchObject({ active: false });
    // The AS and the kommune are not in Frivillighetsregisteret.
    expect(await byOrgNumber("930166138")).toBeUndefined();
    expect(await byOrgNumber("973909967")).toBeUndefined();
  });

  it("reads the gzipped file the same way (detected by its bytes)", async () => {
    const summary = await importNational(fixture("enheter-sample.json.gz"));
    expect(summary).toMatchObject({ read: 5, kept: 3, inserted: 3 });
    expect(await byOrgNumber("921590830")).toMatchObject({ name: "KINN INNVANDRARFORENING", kind: "voluntary" });
  });

  it("is idempotent: a second run inserts and updates nothing", async () => {
    await importNational(fixture("enheter-sample.json.gz"), { all: true });
    const before = await getDb().select().from(organizations);
    const second = await importNational(fixture("enheter-sample.json"), { all: true });
    expect(second).toMatchObject({ read: 5, kept: 5, inserted: 0, updated: 0, unchanged: 5 });
    const after = await getDb().select().from(organizations);
    expect(after).toEqual(before);
  });

  it("--all keeps every unit and maps kommune and employer kinds", async () => {
    const summary = await importNational(fixture("enheter-sample.json"), { all: true });
    expect(summary).toMatchObject({ kept: 5, inserted: 5, skipped: 0 });
    expect(await byOrgNumber("973909967")).toMatchObject({ kind: "municipality_unit", inFrivillighetsregisteret: false });
    expect(await byOrgNumber("930166138")).toMatchObject({ kind: "employer", brregOrganizationForm: "AS" });
    expect(await kommunerOf("930166138")).toEqual(["3905"]);
  });

  it("--kommune narrows to units whose address is in one of the kommuner", async () => {
    const summary = await importNational(fixture("enheter-sample.json"), { municipalities: ["3403", "3905"] });
    expect(summary).toMatchObject({ kept: 2, skipped: 3 });
    expect(await byOrgNumber("995260182")).toBeDefined();
    expect(await byOrgNumber("980308243")).toBeDefined();
    expect(await byOrgNumber("921590830")).toBeUndefined();
  });

  it("--form widens to units of that organisasjonsform outside Frivillighetsregisteret", async () => {
    const summary = await importNational(fixture("enheter-sample.json"), { forms: ["KOMM"], municipalities: ["3403"] });
    expect(summary).toMatchObject({ kept: 2 });
    expect(await byOrgNumber("973909967")).toMatchObject({ kind: "municipality_unit" });
    expect(await byOrgNumber("995260182")).toBeDefined();
  });

  it("--dry-run counts what would change and writes nothing", async () => {
    const summary = await importNational(fixture("enheter-sample.json"), { dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, kept: 3, inserted: 3, committedBatches: 0 });
    expect(await getDb().select().from(organizations)).toHaveLength(0);
    expect(await getDb().select().from(auditLog)).toHaveLength(0);
  });

  it("records one audit entry per run by the system, with the counts", async () => {
    await importNational(fixture("enheter-sample.json"));
    const entries = await getDb().select().from(auditLog).where(eq(auditLog.action, "brreg.import"));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorUserId: null, ip: null, entityType: "organization" });
    expect(entries[0]?.after).toMatchObject({ read: 5, inserted: 3 });
  });

  it("a manual organisation with the same org number keeps its name and kommuner; Brreg fields are updated", async () => {
    const [manual] = await getDb()
      .insert(organizations)
      .values({ name: "Språkkafeen på Hamar", orgNumber: "995260182", kind: "volunteer_centre", description: "Skrevet av oss" })
      .returning();
    await getDb().insert(organizationMunicipalities).values({ organizationId: manual!.id, municipalityNumber: "3401" });

    const first = await importNational(fixture("enheter-sample.json"));
    expect(first).toMatchObject({ inserted: 2, updated: 1 });
    expect(await byOrgNumber("995260182")).toMatchObject({
      name: "Språkkafeen på Hamar",
      kind: "volunteer_centre",
      description: "Skrevet av oss",
      source: "manual",
      address: "Torggata 1",
      inFrivillighetsregisteret: true,
    });
    expect(await kommunerOf("995260182")).toEqual(["3401"]);
    const second = await importNational(fixture("enheter-sample.json"));
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });

  it("updates a Brreg row when the register changes, and moves its kommune with the address", async () => {
    await importNational(fixture("edge-cases.json"));
    const id = (await byOrgNumber("910004018"))!.id;
    await getDb().update(organizations).set({ name: "GAMMELT NAVN" }).where(eq(organizations.id, id));
    await getDb().delete(organizationMunicipalities).where(eq(organizationMunicipalities.organizationId, id));
    await getDb().insert(organizationMunicipalities).values({ organizationId: id, municipalityNumber: "3403" });
    const summary = await importNational(fixture("edge-cases.json"));
    expect(summary).toMatchObject({ inserted: 0, updated: 1 });
    expect(await byOrgNumber("910004018")).toMatchObject({ name: "DUPLIKAT FORENING (SIST)" });
    expect(await kommunerOf("910004018")).toEqual(["4602"]);
  });

  it("moves the kommune link of a unit whose row is unchanged (only its kommune number differs, as after a renumbering)", async () => {
    await importNational(fixture("edge-cases.json"));
    const id = (await byOrgNumber("910004018"))!.id;
    await getDb().delete(organizationMunicipalities).where(eq(organizationMunicipalities.organizationId, id));
    await getDb().insert(organizationMunicipalities).values({ organizationId: id, municipalityNumber: "3403" });
    const summary = await importNational(fixture("edge-cases.json"));
    expect(summary).toMatchObject({ inserted: 0, updated: 0 });
    expect(await kommunerOf("910004018")).toEqual(["4602"]);
  });
});

describe("Brreg import: edge cases", () => {
  it("marks deleted, bankrupt and dissolving units inactive; foreign or missing address gives no kommune", async () => {
    const summary = await importNational(fixture("edge-cases.json"));
    expect(summary).toMatchObject({ read: 11, kept: 7, inserted: 7, skipped: 1, rejected: 2, duplicatesInFile: 1, inactive: 3 });
    expect(await byOrgNumber("910000012")).toMatchObject({ active: false, kind: "voluntary" });
    expect(await byOrgNumber("910001019")).toMatchObject({ active: false, kind: "sports_club" });
    expect(await byOrgNumber("910008013")).toMatchObject({ active: false });
    expect(await byOrgNumber("910005014")).toMatchObject({ active: true, kind: "faith_community" });

    expect(await byOrgNumber("910002015")).toMatchObject({ address: null, postalCode: null });
    expect(await kommunerOf("910002015")).toEqual([]);
    expect(await byOrgNumber("910003011")).toMatchObject({ address: "Drottninggatan 1, Sverige", postalPlace: "STOCKHOLM" });
    expect(await kommunerOf("910003011")).toEqual([]);
  });

  it("a duplicate org number in the file gives one row, the later record winning", async () => {
    await importNational(fixture("edge-cases.json.gz"));
    const rows = await getDb().select().from(organizations).where(eq(organizations.orgNumber, "910004018"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "DUPLIKAT FORENING (SIST)", address: "Strandgata 2" });
  });

  it("a duplicate across batches also ends with the later record", async () => {
    const summary = await importNational(fixture("edge-cases.json"), { batchSize: 1 });
    expect(summary.duplicatesInFile).toBe(1);
    expect(await byOrgNumber("910004018")).toMatchObject({ name: "DUPLIKAT FORENING (SIST)" });
  });

  it("rejects invalid records with their reasons and imports the rest", async () => {
    const summary = await importNational(fixture("edge-cases.json"));
    expect(summary.rejectedByReason).toEqual({ invalid_org_number: 1, missing_name: 1 });
    expect(summary.rejectedExamples).toEqual([
      { index: 6, orgNumber: "123456789", reason: "invalid_org_number" },
      { index: 7, orgNumber: "910006010", reason: "missing_name" },
    ]);
    expect(await byOrgNumber("123456789")).toBeUndefined();
    expect(await byOrgNumber("910006010")).toBeUndefined();
  });

  it("--form STI keeps the foundation outside Frivillighetsregisteret, with its post address kommune", async () => {
    await importNational(fixture("edge-cases.json"), { forms: ["STI"] });
    expect(await byOrgNumber("910007017")).toMatchObject({ kind: "other", website: "https://stiftelse.example.no", address: "Postboks 9" });
    expect(await kommunerOf("910007017")).toEqual(["3403"]);
  });
});

describe("Brreg import: hostile or odd records", () => {
  it("rejects wrong types, too long values and non-objects; stores HTML/SQL-looking names as plain text", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "samspill-brreg-odd-"));
    const file = path.join(dir, "odd.json");
    const valid = (orgNumber: string, navn: string) => ({ organisasjonsnummer: orgNumber, navn, registrertIFrivillighetsregisteret: true });
    writeFileSync(
      file,
      JSON.stringify([
        null,
        42,
        ["not", "an", "object"],
        { organisasjonsnummer: 995260182, navn: "Number, not string", registrertIFrivillighetsregisteret: true },
        { ...valid("921590830", "x".repeat(10_000)) },
        { ...valid("930166138", "Wrong type"), registrertIFrivillighetsregisteret: "ja" },
        { navn: "No org number", registrertIFrivillighetsregisteret: true },
        valid("973909967", "<script>alert(1)</script>'; drop table organizations; --"),
      ]),
    );
    try {
      const summary = await importNational(file);
      expect(summary).toMatchObject({ read: 8, rejected: 7, inserted: 1 });
      expect(summary.rejectedByReason).toEqual({
        not_an_object: 3,
        invalid_org_number: 1,
        invalid_navn: 1,
        invalid_registrertIFrivillighetsregisteret: 1,
        missing_org_number: 1,
      });
      expect(await byOrgNumber("973909967")).toMatchObject({ name: "<script>alert(1)</script>'; drop table organizations; --" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a JSON null in an optional field means absent: the unit is imported, without a kommune when its addresses are null", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "samspill-brreg-null-"));
    const file = path.join(dir, "null.json");
    const [one, two] = units(2, 93_000_000);
    writeFileSync(
      file,
      JSON.stringify([
        {
          ...one,
          forretningsadresse: null,
          postadresse: null,
          hjemmeside: null,
          epostadresse: null,
          telefon: null,
          naeringskode1: null,
          slettedato: null,
          konkurs: null,
        },
        {
          ...two,
          organisasjonsform: { kode: "FLI", beskrivelse: null },
          forretningsadresse: { landkode: "NO", postnummer: null, adresse: [null, "Storgata 1"], kommunenummer: "3403", kommune: null },
        },
      ]),
    );
    try {
      const summary = await importNational(file);
      expect(summary).toMatchObject({ read: 2, inserted: 2, rejected: 0 });
      expect(await byOrgNumber(one!.organisasjonsnummer as string)).toMatchObject({ active: true, website: null, contactEmail: null });
      expect(await kommunerOf(one!.organisasjonsnummer as string)).toEqual([]);
      expect(await kommunerOf(two!.organisasjonsnummer as string)).toEqual(["3403"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a NUL character (valid JSON, refused by PostgreSQL) is dropped instead of failing the batch", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "samspill-brreg-nul-"));
    const file = path.join(dir, "nul.json");
    const [one, two] = units(2, 94_000_000);
    writeFileSync(
      file,
      JSON.stringify([{ ...one, navn: "NUL\u0000FORENING", forretningsadresse: { landkode: "SE", land: "Sver\u0000ige", adresse: ["Gata\u0000 1"] } }, two]),
    );
    try {
      const summary = await importNational(file);
      expect(summary).toMatchObject({ read: 2, inserted: 2, rejected: 0 });
      expect(await byOrgNumber(one!.organisasjonsnummer as string)).toMatchObject({ name: "NULFORENING", address: "Gata 1, Sverige" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an empty array imports nothing and is not an error", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "samspill-brreg-empty-"));
    writeFileSync(path.join(dir, "empty.json"), "[]");
    try {
      expect(await importNational(path.join(dir, "empty.json"))).toMatchObject({ read: 0, inserted: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Brreg import: fatal errors", () => {
  it("bad JSON in the middle stops with a clear error; committed batches stay, the failing batch is absent", async () => {
    // 400 good records, then one that is not JSON, then 9 more; the error is ≈ 220 kB in.
    // Batches of 150: records 0–299 are committed, 300–399 are the batch in hand when the error comes.
    const error = await importNational(fixture("bad-json-middle.json"), { batchSize: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrregImportError);
    const importError = error as BrregImportError;
    expect(importError.message).toMatch(/JSON/);
    expect(importError.message).toMatch(/record 400\b/);
    // Every record before the broken one was read.
    expect(importError.summary.read).toBe(400);
    const committed = importError.summary.committedBatches;
    expect(committed).toBe(2);
    const rows = await getDb().select({ orgNumber: organizations.orgNumber }).from(organizations);
    // Whole batches only: never a part of the batch that was in hand.
    expect(rows).toHaveLength(committed * 150);
    const present = new Set(rows.map((r) => r.orgNumber));
    expect(present.has("920000002")).toBe(true);
    expect(present.has("920039901")).toBe(false); // the record just before the broken one
    expect(present.has("920040101")).toBe(false); // the one after it
    const entries = await getDb().select().from(auditLog).where(eq(auditLog.action, "brreg.import"));
    expect(entries[0]?.after).toMatchObject({ error: importError.message, committedBatches: committed });
  });

  it("bad JSON in a CLI import of a full register (the statement parsed once) stops the same way: the batches before it stay", async () => {
    await getDb().execute(sql`insert into organizations (name, kind, source) select 'Lag ' || g, 'voluntary', 'manual' from generate_series(1, 10001) as g`);
    const error = await importNational(fixture("bad-json-middle.json"), { batchSize: 150, exclusiveDatabase: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrregImportError);
    expect((error as Error).message).toMatch(/record 400\b/);
    expect((error as BrregImportError).summary).toMatchObject({ bulkLoad: false, read: 400, committedBatches: 2, inserted: 300 });
    expect(await getDb().select().from(organizations).where(eq(organizations.source, "brreg"))).toHaveLength(300);
  });

  it("a truncated gzip file ends with a clear error and writes nothing of the batch in hand", async () => {
    const error = await importNational(fixture("truncated.json.gz")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrregImportError);
    expect((error as Error).message).toMatch(/truncated/i);
    expect(await getDb().select().from(organizations)).toHaveLength(0);
  });

  it("a truncated plain JSON file ends with a clear error", async () => {
    const error = await importNational(fixture("truncated.json")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrregImportError);
    expect((error as Error).message).toMatch(/JSON/);
    expect(await getDb().select().from(organizations)).toHaveLength(0);
  });

  it("a file that is not a JSON array (an HTML error page, an object) is a clear error", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "samspill-brreg-notarray-"));
    writeFileSync(path.join(dir, "page.html"), "<!doctype html><html><body>502 Bad Gateway</body></html>");
    writeFileSync(path.join(dir, "object.json"), JSON.stringify({ _embedded: { enheter: [] } }));
    try {
      for (const name of ["page.html", "object.json"]) {
        const error = await importNational(path.join(dir, name)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BrregImportError);
        expect((error as Error).message).toMatch(/JSON/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a missing file is a clear error", async () => {
    const error = await importNational(fixture("does-not-exist.json")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrregImportError);
    expect((error as Error).message).toMatch(/not found/i);
  });
});

describe("samspill import brreg (the CLI)", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "samspill-brreg-cli-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Runs the CLI as an operator would, on its own PGlite folder. */
  function samspill(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DATA_DIR: dataDir, LOG_LEVEL: "silent" };
    delete env.DATABASE_URL;
    return new Promise((resolve) => {
      execFile(path.resolve("node_modules/.bin/tsx"), ["bin/samspill.ts", ...args], { env }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  it("imports a file, then a second run reports nothing new; exit code 0", { timeout: 60_000 }, async () => {
    const first = await samspill("import", "brreg", fixture("edge-cases.json.gz"));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/inserted\s+7\b/);
    expect(first.stdout).toMatch(/rejected\s+2\b/);
    expect(first.stdout).toMatch(/#6 123456789: invalid_org_number/);
    expect(first.stderr).toMatch(/100\.0%/);
    const second = await samspill("import", "brreg", fixture("edge-cases.json"));
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/inserted\s+0\b/);
    expect(second.stdout).toMatch(/updated\s+0\b/);
  });

  it("a first load killed midway (kill -9) leaves an empty register with its name indexes: nothing half-loaded", { timeout: 120_000 }, async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "samspill-brreg-kill-"));
    const file = path.join(folder, "big.json.gz");
    writeFileSync(file, gzipSync(JSON.stringify(units(60_000, 97_000_000))));
    const dataDir = path.join(folder, "db");
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DATA_DIR: dataDir, LOG_LEVEL: "silent" };
      delete env.DATABASE_URL;
      const child = spawn(path.resolve("node_modules/.bin/tsx"), ["bin/samspill.ts", "import", "brreg", file, "--all"], {
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      let progress = "";
      const killed = await new Promise<boolean>((resolve) => {
        // Once a third of the file is read, several batches have been written inside the load's transaction.
        child.stderr.on("data", (chunk: Buffer) => {
          progress += chunk.toString();
          if (/\b([3-9]\d)\.\d%/.test(progress)) resolve(child.kill("SIGKILL"));
        });
        child.on("exit", () => resolve(false));
      });
      expect(killed, `the import ended before it could be killed:\n${progress}`).toBe(true);
      await exited;

      const handle = await openDatabase({ pgliteDataDir: dataDir });
      try {
        const count = await handle.db.execute(sql`select count(*)::int as n from organizations`);
        expect((count as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
        const indexes = await handle.db.execute(sql`select indexname from pg_indexes where tablename = 'organizations' order by indexname`);
        expect((indexes as unknown as { rows: { indexname: string }[] }).rows.map((r) => r.indexname)).toEqual(
          expect.arrayContaining(["organizations_name_idx", "organizations_name_trgm_idx", "organizations_org_number_idx"]),
        );
      } finally {
        await handle.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("with npm run samspill's flags, no WebAssembly function of PGlite takes V8's optimising compiler more than 200 MB", { timeout: 120_000 }, async () => {
    // PostgreSQL's SQL grammar (one 105 kB function) takes ≈ 600 MB to optimise, the rest ≤ 90 MB. It stays on
    // V8's baseline code only while the import parses little SQL (prepareOnPglite, loadReferenceData), under
    // the script's --wasm-tiering-budget: a statement parsed once per batch again would break this.
    const script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.samspill!;
    const flags = script.slice("node ".length, script.indexOf(" --import tsx")).split(" ");
    const folder = mkdtempSync(path.join(tmpdir(), "samspill-brreg-compile-"));
    const file = path.join(folder, "units.json.gz");
    writeFileSync(file, gzipSync(JSON.stringify(units(5_000, 96_000_000))));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DATA_DIR: path.join(folder, "db"), LOG_LEVEL: "silent" };
      delete env.DATABASE_URL;
      const cli = (...args: string[]) =>
        new Promise<{ code: number; stdout: string }>((resolve) => {
          execFile(process.execPath, [...flags, ...args], { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
          );
        });
      // A folder nobody has opened yet is created and migrated first (as the server does at its first start):
      // that parses every migration, and is not the import.
      expect((await cli("--import", "tsx", "bin/samspill.ts", "import", "brreg", fixture("edge-cases.json"))).code).toBe(0);
      const run = await cli("--trace-wasm-compilation-times", "--import", "tsx", "bin/samspill.ts", "import", "brreg", file, "--all");
      expect(run.code).toBe(0);
      // V8's trace lines come between the summary's lines.
      expect(run.stdout.replaceAll(/^Compiled .*\n/gm, "")).toMatch(/inserted\s+5,000\n/);
      const compilerBytes = [...run.stdout.matchAll(/using TurboFan, took \d+ ms and (\d+) \/ \d+ max\/total bytes/g)].map((m) => Number(m[1]));
      // The trace is there (every function PGlite runs is compiled by the baseline compiler first) …
      expect(run.stdout.match(/ using Liftoff, took /g)?.length ?? 0).toBeGreaterThan(100);
      // … and no optimised function needed more than 200 MB.
      expect(Math.max(0, ...compilerBytes)).toBeLessThan(200_000_000);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("a truncated file or bad arguments end with exit code 1 and a clear message", { timeout: 60_000 }, async () => {
    const truncated = await samspill("import", "brreg", fixture("truncated.json.gz"));
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(/truncated/);
    const noFile = await samspill("import", "brreg");
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/Give exactly one file/);
    const badFlag = await samspill("import", "brreg", fixture("edge-cases.json"), "--kommune", "oslo");
    expect(badFlag.code).toBe(1);
    expect(badFlag.stderr).toMatch(/--kommune/);
  });
});

/** A valid org number (MOD11) from an 8-digit base, skipping bases without a check digit. */
function orgNumber(base: number): string {
  for (let b = base; ; b++) {
    const digits = String(b).padStart(8, "0");
    const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
    const check = sum % 11 === 0 ? 0 : 11 - (sum % 11);
    if (check !== 10) return digits + check;
  }
}

/** `count` distinct valid units (kommuner alternating Hamar/Tønsberg/none), org numbers from `base` up. */
function units(count: number, base = 93_000_000) {
  const list: Record<string, unknown>[] = [];
  for (let i = 0, b = base; i < count; i++, b += 2) {
    const number = orgNumber(b);
    b = Number(number.slice(0, 8));
    const kommune = i % 3 === 0 ? "3403" : i % 3 === 1 ? "3905" : null;
    list.push({
      organisasjonsnummer: number,
      navn: `BATCHFORENING ${i}`,
      organisasjonsform: { kode: "FLI", beskrivelse: "Forening/lag/innretning" },
      registrertIFrivillighetsregisteret: true,
      ...(kommune ? { forretningsadresse: { landkode: "NO", postnummer: "2317", poststed: "STED", adresse: [`Gate ${i}`], kommunenummer: kommune } } : {}),
    });
  }
  return list;
}

describe("Brreg import: many batches", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "samspill-brreg-batches-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, records: unknown[], gzip = true) => {
    const file = path.join(dir, name);
    const text = JSON.stringify(records);
    writeFileSync(file, gzip ? gzipSync(text) : text);
    return file;
  };

  it("a second run of the same file changes nothing: no row or kommune link rewritten", async () => {
    const records = units(2_500);
    const file = write("same.json.gz", [...records.slice(0, 1_200), { organisasjonsnummer: "123456789", navn: "Feil" }, ...records.slice(1_200)]);
    const first = await importNational(file, { batchSize: 1_000 });
    expect(first).toMatchObject({ read: 2_501, kept: 2_500, inserted: 2_500, updated: 0, unchanged: 0, rejected: 1, committedBatches: 3 });
    const rowsBefore = await getDb().select().from(organizations);
    const linksBefore = await getDb().select().from(organizationMunicipalities);
    expect(linksBefore).toHaveLength(1_667);

    const second = await importNational(file, { batchSize: 700 });
    expect(second).toMatchObject({ read: 2_501, kept: 2_500, inserted: 0, updated: 0, unchanged: 2_500, rejected: 1 });
    expect(await getDb().select().from(organizations)).toEqual(rowsBefore);
    expect(await getDb().select().from(organizationMunicipalities)).toEqual(linksBefore);
  });

  it("a file in any order inserts each batch in org-number order, with ids that ascend from batch to batch", async () => {
    // Ascending ids keep the primary key and the kommune links' key filling at their right-hand end,
    // and each batch walks the org-number index once, in order (random v4 ids hit random pages).
    const records = units(1_500).reverse();
    const orgNumbers = records.map((r) => r.organisasjonsnummer as string);
    const summary = await importNational(write("reversed.json.gz", records), { batchSize: 1_000 });
    expect(summary).toMatchObject({ inserted: 1_500, committedBatches: 2 });
    const byId = await getDb().select({ orgNumber: organizations.orgNumber }).from(organizations).orderBy(organizations.id);
    expect(byId.map((r) => r.orgNumber)).toEqual([...orgNumbers.slice(0, 1_000).sort(), ...orgNumbers.slice(1_000).sort()]);
    const links = await getDb().select().from(organizationMunicipalities).orderBy(organizationMunicipalities.organizationId);
    expect(links).toHaveLength(1_000);
  });

  it("a record changed in the next file is updated (its kommune link follows); the others are left alone", async () => {
    const records = units(1_500);
    await importNational(write("v1.json.gz", records), { batchSize: 500 });
    const untouched = await byOrgNumber(records[10]!.organisasjonsnummer as string);

    const changed = records.map((r) => ({ ...r }));
    changed[0] = { ...changed[0], navn: "NYTT NAVN" }; // Hamar, renamed
    changed[1] = { ...changed[1], forretningsadresse: { landkode: "NO", adresse: ["Ny gate"], kommunenummer: "3403" } }; // Tønsberg → Hamar
    delete changed[3]!.forretningsadresse; // Hamar → no address
    changed[700] = { ...changed[700], konkurs: true };
    const second = await importNational(write("v2.json", changed, false), { batchSize: 500 });
    expect(second).toMatchObject({ inserted: 0, updated: 4, unchanged: 1_496, inactive: 1 });

    expect(await byOrgNumber(changed[0]!.organisasjonsnummer as string)).toMatchObject({ name: "NYTT NAVN" });
    expect(await kommunerOf(changed[1]!.organisasjonsnummer as string)).toEqual(["3403"]);
    expect(await byOrgNumber(changed[1]!.organisasjonsnummer as string)).toMatchObject({ address: "Ny gate", postalCode: null });
    expect(await kommunerOf(changed[3]!.organisasjonsnummer as string)).toEqual([]);
    expect(await byOrgNumber(changed[700]!.organisasjonsnummer as string)).toMatchObject({ active: false });
    // An unchanged row is not rewritten: same brregUpdatedAt and updatedAt.
    expect(await byOrgNumber(records[10]!.organisasjonsnummer as string)).toEqual(untouched);
  });

  it("a database failure on one batch stops the run; the batches before it stay, nothing after it is written", async () => {
    const records = units(3_000, 95_000_000);
    const poisoned = records[1_500]!.organisasjonsnummer as string; // in the second of three batches
    await getDb().execute(
      sql.raw(`create function brreg_test_refuse() returns trigger language plpgsql as $$
        begin if new.org_number = '${poisoned}' then raise exception 'refused by a test trigger'; end if; return new; end $$`),
    );
    await getDb().execute(sql.raw("create trigger brreg_test_refuse before insert on organizations for each row execute function brreg_test_refuse()"));
    try {
      const error = await importNational(write("poisoned.json.gz", records), { batchSize: 1_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BrregImportError);
      expect((error as Error).message).toMatch(/Writing a batch to the database failed.*refused by a test trigger/);
      // The database's message, not the statement with the whole batch as its parameter.
      expect((error as Error).message.length).toBeLessThan(700);
      expect((error as BrregImportError).summary).toMatchObject({ committedBatches: 1, inserted: 1_000 });
      const rows = await getDb().select({ orgNumber: organizations.orgNumber }).from(organizations);
      expect(rows).toHaveLength(1_000);
      const entries = await getDb().select().from(auditLog).where(eq(auditLog.action, "brreg.import"));
      expect(entries[0]?.after).toMatchObject({ committedBatches: 1, error: (error as Error).message });
    } finally {
      await getDb().execute(sql.raw("drop trigger brreg_test_refuse on organizations"));
      await getDb().execute(sql.raw("drop function brreg_test_refuse()"));
    }
  });

  describe("a first load with the database to itself (the CLI on PGlite) is one bulk load", () => {
    const bulk = { batchSize: 1_000, exclusiveDatabase: true } as const;
    async function nameIndexes(): Promise<string[]> {
      const result = await getDb().execute(
        sql`select indexdef from pg_indexes where tablename = 'organizations' and indexname like 'organizations_name%' order by indexname`,
      );
      return (result as unknown as { rows: { indexdef: string }[] }).rows.map((r) => r.indexdef);
    }

    it("writes every batch and builds the name indexes again as the migrations made them; the search finds the names", async () => {
      const before = await nameIndexes();
      expect(before).toHaveLength(2);
      const records = units(2_500);
      const summary = await importNational(write("bulk.json.gz", records), bulk);
      expect(summary).toMatchObject({ bulkLoad: true, inserted: 2_500, committedBatches: 3 });
      expect(await nameIndexes()).toEqual(before);
      expect(await kommunerOf(records[0]!.organisasjonsnummer as string)).toEqual(["3403"]);
      const found = await getDb().execute(sql`select count(*)::int as n from organizations where samspill_unaccent(name) ilike ${"%forening 1%"}`);
      expect((found as unknown as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThan(0);
      const entries = await getDb().select().from(auditLog).where(eq(auditLog.action, "brreg.import"));
      expect(entries).toHaveLength(1);
      expect(entries[0]?.after).toMatchObject({ bulkLoad: true, inserted: 2_500 });
    });

    it("a load that breaks off writes nothing at all (not even the batches before), keeps the indexes and says so", async () => {
      const before = await nameIndexes();
      const text = JSON.stringify(units(2_500));
      const file = write("bulk-truncated.json", [], false);
      writeFileSync(file, text.slice(0, Math.floor(text.length * 0.9)));
      const error = await importNational(file, bulk).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BrregImportError);
      expect((error as Error).message).toMatch(/truncated/i);
      expect((error as BrregImportError).summary).toMatchObject({ bulkLoad: true, committedBatches: 0, inserted: 0 });
      expect((error as BrregImportError).summary.read).toBeGreaterThan(2_000);
      expect(await getDb().select().from(organizations)).toHaveLength(0);
      expect(await nameIndexes()).toEqual(before);
      const entries = await getDb().select().from(auditLog).where(eq(auditLog.action, "brreg.import"));
      expect(entries[0]?.after).toMatchObject({ committedBatches: 0, inserted: 0, error: (error as Error).message });
    });

    it("is batch by batch as usual once the register holds more than 10,000 organisations, and never for a dry run", async () => {
      await getDb().execute(sql`insert into organizations (name, kind, source) select 'Lag ' || g, 'voluntary', 'manual' from generate_series(1, 10001) as g`);
      const summary = await importNational(write("bulk-big-register.json.gz", units(1_200)), bulk);
      expect(summary).toMatchObject({ bulkLoad: false, inserted: 1_200, committedBatches: 2 });
      await getDb().execute(sql`delete from organizations where source = 'manual'`);
      expect(await importNational(write("bulk-dry.json.gz", units(10, 96_000_000)), { ...bulk, dryRun: true })).toMatchObject({
        bulkLoad: false,
        dryRun: true,
        inserted: 10,
      });
      // Counted, then rolled back (the statement parsed once ran inside each batch's transaction).
      expect(await getDb().select().from(organizations)).toHaveLength(1_200);
    });
  });

  it("the CLI's way (the database to itself, the statement parsed once) gives the same summary, rows and links as the server's, also for changes", async () => {
    const records = [...units(2_300, 98_000_000), { organisasjonsnummer: "123456789", navn: "Feil" }, ...units(100, 98_000_000)];
    const changed = records.map((r, i) => (i % 3 === 0 ? { ...r, navn: `${String(r.navn)} (nytt navn)` } : r));
    const strip = ({ durationMs: _d, recordsPerSecond: _r, bulkLoad: _b, ...rest }: BrregImportSummary) => rest;
    const rows = () => getDb().select({ orgNumber: organizations.orgNumber, name: organizations.name }).from(organizations).orderBy(organizations.orgNumber);
    const results = [];
    for (const exclusiveDatabase of [false, true]) {
      await getDb().delete(organizations);
      const first = await importNational(write(`ways-${exclusiveDatabase}.json.gz`, records), { batchSize: 1_000, exclusiveDatabase });
      const second = await importNational(write(`ways-changed-${exclusiveDatabase}.json.gz`, changed), { batchSize: 1_000, exclusiveDatabase });
      results.push({ first: strip(first), second: strip(second), rows: await rows(), links: (await getDb().select().from(organizationMunicipalities)).length });
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1]!.first).toMatchObject({ read: 2_401, kept: 2_300, duplicatesInFile: 100, inserted: 2_300, rejected: 1, committedBatches: 3 });
    expect(results[1]!.second).toMatchObject({ inserted: 0, updated: 767 });
  });

  it("reports progress by the file's bytes up to the whole file, with running counts", async () => {
    const file = write("progress.json.gz", units(3_000));
    const seen: BrregImportProgress[] = [];
    const summary = await importNational(file, { batchSize: 1_000, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ bytesRead: last.totalBytes, records: 3_000, counts: { kept: 3_000, inserted: 3_000 } });
    expect(seen.every((p, i) => i === 0 || p.bytesRead >= seen[i - 1]!.bytesRead)).toBe(true);
    expect(summary.inserted).toBe(3_000);
  });

  it("reports progress as the file is read also when the filters keep nothing (no batch fills)", async () => {
    const file = write("progress-filtered.json", units(6_000), false);
    const seen: BrregImportProgress[] = [];
    const summary = await importNational(file, { municipalities: ["9999"], onProgress: (p) => seen.push(p) });
    expect(summary).toMatchObject({ read: 6_000, kept: 0, inserted: 0 });
    const partway = seen.filter((p) => p.bytesRead > 0 && p.bytesRead < p.totalBytes);
    expect(partway.length).toBeGreaterThan(0);
    expect(partway[0]!.records).toBeGreaterThan(0);
    expect(seen.at(-1)).toMatchObject({ records: 6_000 });
  });

  it("keeps only the first rejected records as examples, but counts them all", async () => {
    const bad = Array.from({ length: 50 }, (_, i) => ({ organisasjonsnummer: String(100_000_000 + i * 7), navn: "Feil nummer" }));
    const summary = await importNational(write("bad.json.gz", [...bad, ...units(3)]), { maxRejectedExamples: 5 });
    expect(summary.rejected).toBeGreaterThanOrEqual(45);
    expect(summary.rejectedExamples).toHaveLength(5);
    // The few with a valid check digit are not in Frivillighetsregisteret: left out by the filters.
    expect(summary).toMatchObject({ inserted: 3, skipped: 50 - summary.rejected });
  });
});

describe("JsonArraySplitter", () => {
  const split = (text: string, chunkBytes: number) => {
    const bytes = Buffer.from(text, "utf8");
    const splitter = new JsonArraySplitter();
    const out: string[] = [];
    for (let i = 0; i < bytes.length; i += chunkBytes) {
      const error = splitter.push(bytes.subarray(i, i + chunkBytes), out);
      if (error) throw error;
    }
    splitter.end();
    return out;
  };
  const tricky = [
    { navn: 'Quote " and backslash \\ and } ] { [ in a string', adresse: ["Ærfuglveien 1", null], n: -1.5e3 },
    "a string element, with, commas",
    42,
    null,
    true,
    [],
    {},
    { nested: [{ a: [1, 2, { b: "ø🙂" }] }] },
  ];
  const text = `\uFEFF [ ${tricky.map((t) => JSON.stringify(t)).join(" ,\n ")} ] \n`;

  it("cuts out every element whole, however the bytes are chunked (down to one byte at a time)", () => {
    for (const size of [1, 2, 3, 7, 64, 100_000]) {
      expect(split(text, size).map((t) => JSON.parse(t))).toEqual(tricky);
    }
    expect(split("[]", 1)).toEqual([]);
    expect(split(" [ ] ", 2)).toEqual([]);
  });

  it.each([
    ["<!doctype html><html>", /not a JSON array/],
    ['{"_embedded": {}}', /not a JSON array/],
    ["", /empty/],
    ['[{"a": 1}', /truncated/],
    ['[{"a": "unterminated', /truncated/],
    ['[{"a": 1} {"b": 2}]', /","/],
    ['[{"a": 1},]', /Unexpected "\]"/],
    ["[1,,2]", /Unexpected ","/],
    ['[{"a": 1}] x', /after the end/],
    ['[{"a": "line\nbreak"}]', /line break/],
  ])("%j is an error", (input, message) => {
    expect(() => split(input, 4)).toThrow(JsonArrayError);
    expect(() => split(input, 4)).toThrow(message);
  });

  it("hands back the elements before a syntax error, then the error", () => {
    const splitter = new JsonArraySplitter();
    const out: string[] = [];
    const error = splitter.push(Buffer.from('[{"a": 1}, {"b": 2}, {"c": "x\n'), out);
    expect(out).toEqual(['{"a": 1}', '{"b": 2}']);
    expect(error).toBeInstanceOf(JsonArrayError);
  });

  it("refuses an element larger than 1 MB instead of buffering it", () => {
    const splitter = new JsonArraySplitter();
    const out: string[] = [];
    expect(splitter.push(Buffer.from('[{"a": "'), out)).toBeNull();
    let error: JsonArrayError | null = null;
    for (let i = 0; i < 20 && !error; i++) error = splitter.push(Buffer.alloc(100_000, 0x61), out);
    expect(error?.message).toMatch(/larger than 1 MB/);
  });
});

describe("OrgNumberSet", () => {
  it("tells new numbers from ones already added, across growth", () => {
    const set = new OrgNumberSet();
    for (let i = 0; i < 300_000; i++) expect(set.add(String(800_000_000 + i * 3))).toBe(true);
    for (let i = 0; i < 300_000; i += 997) expect(set.add(String(800_000_000 + i * 3))).toBe(false);
    expect(set.add("999999999")).toBe(true);
    expect(set.add("999999999")).toBe(false);
    expect(set.add("000000000")).toBe(true);
    expect(set.size).toBe(300_002);
  });
});

describe("AscendingIds", () => {
  it("gives UUIDv7-shaped ids that ascend, also many within one millisecond, and differ in their random part", () => {
    const ids = new AscendingIds();
    const random = randomBytes(8 * 20_000);
    const list = Array.from({ length: 20_000 }, (_, i) => ids.next(random, i * 8));
    for (const id of list) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...list].sort()).toEqual(list);
    expect(new Set(list).size).toBe(list.length);
    expect(new Set(list.map((id) => id.slice(19))).size).toBe(list.length);
  });
});

describe("Brreg import by a municipal coordinator: only organisations in their kommuner", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "samspill-brreg-scope-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, records: unknown[]) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(records));
    return file;
  };
  /** As the web upload runs a Hamar coordinator's job: scope from their role, the filter forced to Hamar. */
  const asHamar = (file: string, options: Omit<BrregImportOptions, "scope"> = {}) =>
    importBrregFile(file, { scope: { national: false, municipalities: ["3403"] }, municipalities: ["3403"], ...options });

  const tonsbergNumber = orgNumber(96_000_000);
  const bothNumber = orgNumber(96_000_100);
  const hamarNumber = orgNumber(96_000_200);
  const newNumber = orgNumber(96_000_300);

  /** A unit in Enhetsregisteret's format, in Frivillighetsregisteret, with its business address in `kommune`. */
  const enhet = (organisasjonsnummer: string, navn: string, kommune: string | null, extra: Record<string, unknown> = {}) => ({
    organisasjonsnummer,
    navn,
    organisasjonsform: { kode: "FLI" },
    registrertIFrivillighetsregisteret: true,
    ...(kommune ? { forretningsadresse: { landkode: "NO", postnummer: "2317", poststed: "HAMAR", adresse: ["Kapret gate 1"], kommunenummer: kommune } } : {}),
    ...extra,
  });
  /** What an attacker in Hamar writes about someone else's organisation: new contact details, and Hamar as its kommune. */
  const hijack = (number: string) =>
    enhet(number, "KAPRET AV HAMAR", "3403", { epostadresse: "angriper@hamar.example", hjemmeside: "angriper.example", telefon: "99999999" });

  async function seed(orgNumber: string, name: string, kommuner: string[], source: "brreg" | "manual" = "brreg") {
    const [org] = await getDb()
      .insert(organizations)
      .values({
        name,
        orgNumber,
        kind: "voluntary",
        source,
        website: "https://rodekors-tonsberg.example",
        contactEmail: "post@rodekors-tonsberg.example",
        contactPhone: "33000000",
        address: "Storgata 1",
        postalCode: "3126",
        postalPlace: "TØNSBERG",
        inFrivillighetsregisteret: true,
        brregOrganizationForm: "FLI",
        brregUpdatedAt: new Date("2026-01-01T00:00:00Z"),
        updatedAt: new Date("2026-01-01T00:00:00Z"),
      })
      .returning();
    for (const k of kommuner) await getDb().insert(organizationMunicipalities).values({ organizationId: org!.id, municipalityNumber: k });
    return org!;
  }

  it("a crafted file cannot rewrite a Tønsberg organisation or move it to Hamar: nothing of it changes, the skip is listed with its reason", async () => {
    const brregOrg = await seed(tonsbergNumber, "TØNSBERG RØDE KORS", ["3905"]);
    const manualOrg = await seed(bothNumber, "Somalisk forening i Vestfold", ["3905"], "manual");
    const file = write("hijack.json", [hijack(tonsbergNumber), hijack(bothNumber), enhet(newNumber, "NY FORENING PÅ HAMAR", "3403")]);

    const summary = await asHamar(file);
    expect(await byOrgNumber(tonsbergNumber)).toEqual(brregOrg);
    expect(await byOrgNumber(bothNumber)).toEqual(manualOrg);
    expect(await kommunerOf(tonsbergNumber)).toEqual(["3905"]);
    expect(await kommunerOf(bothNumber)).toEqual(["3905"]);
    expect(summary).toMatchObject({
      kept: 3,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      outOfScope: 2,
      outOfScopeByReason: { exists_outside_scope: 2 },
      scopeMunicipalities: ["3403"],
    });
    expect(summary.outOfScopeExamples).toHaveLength(2);
    expect(summary.outOfScopeExamples).toEqual(
      expect.arrayContaining([
        { orgNumber: tonsbergNumber, name: "KAPRET AV HAMAR", reason: "exists_outside_scope" },
        { orgNumber: bothNumber, name: "KAPRET AV HAMAR", reason: "exists_outside_scope" },
      ]),
    );
    // The legitimate Hamar record in the same batch is created, in Hamar.
    expect(await byOrgNumber(newNumber)).toMatchObject({ name: "NY FORENING PÅ HAMAR", source: "brreg" });
    expect(await kommunerOf(newNumber)).toEqual(["3403"]);
    // The run's audit entry tells the scope and the counts (not the names).
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.action, "brreg.import"));
    expect(entry?.after).toMatchObject({ outOfScope: 2, scopeMunicipalities: ["3403"] });
    expect(entry?.after).not.toHaveProperty("outOfScopeExamples");
  });

  it("an organisation with no kommune at all is outside every coordinator's scope", async () => {
    const loose = await seed(tonsbergNumber, "UTENLANDSK FORENING", []);
    const summary = await asHamar(write("loose.json", [hijack(tonsbergNumber)]));
    expect(summary).toMatchObject({ outOfScope: 1, outOfScopeByReason: { exists_outside_scope: 1 } });
    expect(await byOrgNumber(tonsbergNumber)).toEqual(loose);
    expect(await kommunerOf(tonsbergNumber)).toEqual([]);
  });

  it("creates only in their kommuner: a new unit elsewhere or without a kommune is skipped, whatever the filters say", async () => {
    const file = write("new.json", [
      enhet(newNumber, "NY I TØNSBERG", "3905"),
      enhet(hamarNumber, "UTENLANDSK", "3403", { forretningsadresse: { landkode: "SE", land: "Sverige", kommunenummer: "3403" } }),
      enhet(bothNumber, "NY PÅ HAMAR", "3403"),
    ]);
    // `all` (which the web form never sends a coordinator) must not widen the scope either.
    const summary = await asHamar(file, { all: true });
    expect(summary).toMatchObject({ kept: 3, inserted: 1, outOfScope: 2, outOfScopeByReason: { kommune_outside_scope: 2 } });
    expect(await byOrgNumber(newNumber)).toBeUndefined();
    expect(await byOrgNumber(hamarNumber)).toBeUndefined();
    expect(await kommunerOf(bothNumber)).toEqual(["3403"]);
  });

  it("updates a Hamar organisation from the register; one it serves with Tønsberg too, keeping its Tønsberg link", async () => {
    await seed(hamarNumber, "HAMAR FORENING", ["3403"]);
    await seed(bothNumber, "MJØS OG FJORD FORENING", ["3403", "3905"]);
    await seed(tonsbergNumber, "TØNSBERG OG HAMAR (MANUELL)", ["3905", "3403"], "manual");
    const file = write("update.json", [
      enhet(hamarNumber, "HAMAR FORENING (NYTT NAVN)", "3403", { epostadresse: "ny@hamar.example" }),
      enhet(bothNumber, "MJØS OG FJORD FORENING (NYTT NAVN)", "3403"),
      enhet(tonsbergNumber, "NAVN FRA REGISTERET", "3403"),
    ]);
    const summary = await asHamar(file);
    expect(summary).toMatchObject({ inserted: 0, updated: 3, outOfScope: 0 });
    expect(await byOrgNumber(hamarNumber)).toMatchObject({ name: "HAMAR FORENING (NYTT NAVN)", contactEmail: "ny@hamar.example", address: "Kapret gate 1" });
    expect(await byOrgNumber(bothNumber)).toMatchObject({ name: "MJØS OG FJORD FORENING (NYTT NAVN)", address: "Kapret gate 1" });
    // A national import would make a Brreg row follow its address to Hamar alone; a Hamar coordinator's never touches Tønsberg's link.
    expect((await kommunerOf(bothNumber)).sort()).toEqual(["3403", "3905"]);
    // A manual row keeps its name and kommuner, as in a national import; the register's fields are updated.
    expect(await byOrgNumber(tonsbergNumber)).toMatchObject({ name: "TØNSBERG OG HAMAR (MANUELL)", address: "Kapret gate 1" });
    expect((await kommunerOf(tonsbergNumber)).sort()).toEqual(["3403", "3905"]);
    // Re-running the same file changes nothing.
    expect(await asHamar(file)).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, outOfScope: 0 });
  });

  it("cannot move an organisation out of their kommuner, and moves one within them only there", async () => {
    await seed(hamarNumber, "HAMAR FORENING", ["3403"]);
    await seed(bothNumber, "HAMAR OG TØNSBERG", ["3403", "3905"]);
    const moved = await byOrgNumber(hamarNumber);
    const scope = { national: false as const, municipalities: ["3403", "3412"] };
    // No kommune filter here: the register says the unit moved to Tønsberg (out of scope) or to Løten (in scope).
    const summary = await importBrregFile(write("move.json", [enhet(hamarNumber, "FLYTTET", "3905"), enhet(bothNumber, "TIL LØTEN", "3412")]), { scope });
    expect(summary).toMatchObject({ updated: 1, outOfScope: 1, outOfScopeByReason: { kommune_outside_scope: 1 } });
    expect(await byOrgNumber(hamarNumber)).toEqual(moved);
    expect(await kommunerOf(hamarNumber)).toEqual(["3403"]);
    // Within the scope the link follows the address (Hamar → Løten); Tønsberg's link stays.
    expect(await byOrgNumber(bothNumber)).toMatchObject({ name: "TIL LØTEN" });
    expect((await kommunerOf(bothNumber)).sort()).toEqual(["3412", "3905"]);
  });

  it("judges each batch on the database before it, never on the file: a claim earlier in the file does not open a later batch", async () => {
    await seed(tonsbergNumber, "TØNSBERG RØDE KORS", ["3905"]);
    // The same org number twice, a batch apart: the first record is refused, so the second is judged the same way.
    const summary = await asHamar(write("twice.json", [hijack(tonsbergNumber), enhet(newNumber, "NY", "3403"), hijack(tonsbergNumber)]), { batchSize: 1 });
    expect(summary).toMatchObject({ inserted: 1, outOfScope: 2, duplicatesInFile: 1 });
    expect(await kommunerOf(tonsbergNumber)).toEqual(["3905"]);
    expect(await byOrgNumber(tonsbergNumber)).toMatchObject({ name: "TØNSBERG RØDE KORS" });
  });

  it("links each new organisation to its own kommune, batch after batch", async () => {
    const records = units(1_200, 98_000_000); // Hamar, Tønsberg, no kommune, in turn
    const scope = { national: false as const, municipalities: ["3403", "3905"] };
    const summary = await importBrregFile(write("two-kommuner.json", records), { scope, all: true, batchSize: 500 });
    expect(summary).toMatchObject({ inserted: 800, outOfScope: 400, outOfScopeByReason: { kommune_outside_scope: 400 } });
    const links = await getDb()
      .select({ orgNumber: organizations.orgNumber, kommune: organizationMunicipalities.municipalityNumber })
      .from(organizations)
      .innerJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id));
    const byNumber = new Map(links.map((l) => [l.orgNumber, l.kommune]));
    expect(links).toHaveLength(800);
    records.forEach((r, i) => {
      expect(byNumber.get(r.organisasjonsnummer as string), `record ${i}`).toBe(i % 3 === 0 ? "3403" : i % 3 === 1 ? "3905" : undefined);
    });
  });

  it("counts every record left out but lists only the first ones; a dry run counts them and writes nothing", async () => {
    const records = units(150, 97_000_000).map((r) => ({ ...r, forretningsadresse: { landkode: "NO", kommunenummer: "3905" } }));
    const file = write("many.json", records);
    const dry = await asHamar(file, { all: true, dryRun: true, maxOutOfScopeExamples: 100 });
    expect(dry).toMatchObject({ dryRun: true, inserted: 0, outOfScope: 150, unchanged: 0 });
    expect(dry.outOfScopeExamples).toHaveLength(100);
    expect(dry.outOfScopeExamples[0]).toMatchObject({ reason: "kommune_outside_scope", name: expect.stringMatching(/^BATCHFORENING/) });
    expect(await getDb().select().from(organizations)).toHaveLength(0);
  });

  it("a national import (the CLI, a national admin) is not limited: the same file rewrites and moves the organisation", async () => {
    await seed(tonsbergNumber, "TØNSBERG RØDE KORS", ["3905"]);
    const summary = await importNational(write("national.json", [hijack(tonsbergNumber)]));
    expect(summary).toMatchObject({ updated: 1, outOfScope: 0, outOfScopeExamples: [], scopeMunicipalities: null });
    expect(await byOrgNumber(tonsbergNumber)).toMatchObject({
      name: "KAPRET AV HAMAR",
      contactEmail: "angriper@hamar.example",
      website: "https://angriper.example",
    });
    expect(await kommunerOf(tonsbergNumber)).toEqual(["3403"]);
  });
});
