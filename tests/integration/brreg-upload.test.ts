import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { jobs, organizationMunicipalities, organizations, roleGrants } from "~/db/schema/index.ts";
import { EnvError, parseEnv, setEnvForTests } from "~/env.server.ts";
import { createSession } from "~/domain/auth/session.server.ts";
import { ensureCsrf } from "~/domain/auth/csrf.server.ts";
import { enqueueJob, getImportJob } from "~/domain/jobs/jobs.server.ts";
import { JOB_KINDS } from "~/domain/jobs/jobs.schema.ts";
import { runNextJob } from "~/domain/jobs/worker.server.ts";
import { brregUploadHandler, BRREG_UPLOAD_PATH } from "../../server/upload.server.ts";
import { testEnv } from "../setup/test-env.ts";
import { createActor, createOrganization } from "../factories.ts";

/**
 * The real upload handler over real HTTP: a multipart body streamed to it,
 * session and CSRF cookies as a browser sends them, and the job it queues
 * run to the end.
 */
const uploadDir = mkdtempSync(path.join(tmpdir(), "samspill-uploads-"));
const fixture = (name: string) => readFileSync(path.resolve("tests/fixtures/brreg", name));
let server: Server;
let base: string;

function useEnv(overrides: Record<string, string> = {}) {
  setEnvForTests(testEnv({ UPLOAD_DIR: uploadDir, ...overrides }));
}

beforeAll(async () => {
  useEnv();
  const app = express();
  app.post(BRREG_UPLOAD_PATH, brregUploadHandler());
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(uploadDir, { recursive: true, force: true });
  useEnv();
});

beforeEach(async () => {
  useEnv();
  await getDb().delete(jobs);
});

/** A signed-in browser: its session and CSRF cookies, and the token its forms carry. */
async function browserOf(userId: string) {
  const sessionCookie = (await createSession(getDb(), userId, "test", { ip: null, userAgent: null })).split(";")[0]!;
  const csrf = await ensureCsrf(new Request(base));
  const csrfCookie = csrf.setCookie!.split(";")[0]!;
  return { cookie: `${sessionCookie}; ${csrfCookie}`, token: csrf.token };
}

type Part = [name: string, value: string] | [name: string, content: Buffer | string, fileName: string];

async function post(cookie: string | null, parts: Part[], headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const part of parts) {
    if (part.length === 2) form.append(part[0], part[1]);
    else form.append(part[0], new Blob([typeof part[1] === "string" ? part[1] : new Uint8Array(part[1])]), part[2]);
  }
  const response = await fetch(`${base}${BRREG_UPLOAD_PATH}`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { ...(cookie ? { cookie } : {}), ...headers },
  });
  return { status: response.status, location: response.headers.get("location"), text: await response.text() };
}

const uploadsLeft = () => readdirSync(uploadDir);
const jobCount = async () => (await getDb().select().from(jobs)).length;

describe("uploading a Brreg file", () => {
  it("a coordinator of Hamar uploads the gzipped sample; the job runs and Hamar's organisations are there", async () => {
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    const browser = await browserOf(hamar.userId);
    const res = await post(browser.cookie, [
      ["_csrf", browser.token],
      ["file", fixture("enheter-sample.json.gz"), "enheter_alle.json.gz"],
      ["municipalities", "3905"],
      ["all", "on"],
    ]);
    expect(res.status).toBe(303);
    const jobId = res.location!.match(/^\/admin\/import\/([0-9a-f-]{36})$/)?.[1];
    expect(jobId).toBeTruthy();
    expect(uploadsLeft()).toHaveLength(1);

    expect(await runNextJob()).toBe(true);
    const job = await getImportJob(hamar, jobId!);
    expect(job).toMatchObject({ status: "succeeded", fileName: "enheter_alle.json.gz", municipalities: ["3403"], all: false });
    expect(job.fileBytes).toBe(fixture("enheter-sample.json.gz").length);
    expect(job.result).toMatchObject({ read: 5, inserted: 1 });
    const inHamar = await getDb()
      .select({ orgNumber: organizations.orgNumber })
      .from(organizations)
      .innerJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
      .where(eq(organizationMunicipalities.municipalityNumber, "3403"));
    expect(inHamar.map((o) => o.orgNumber)).toContain("995260182");
    expect(uploadsLeft()).toEqual([]);
  });

  it("refuses a post without a CSRF token, with a wrong one, with the token after the file, or from another site: 403, nothing saved", async () => {
    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    const browser = await browserOf(admin.userId);
    const file: Part = ["file", fixture("enheter-sample.json"), "enheter.json"];
    const refusals = [
      await post(browser.cookie, [file]),
      await post(browser.cookie, [["_csrf", "x".repeat(64)], file]),
      await post(browser.cookie, [file, ["_csrf", browser.token]]),
      await post(browser.cookie, [["_csrf", browser.token], file], { origin: "https://evil.example" }),
      // A token without the cookie it was made from.
      await post(browser.cookie.split("; ")[0]!, [["_csrf", browser.token], file]),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(403);
      expect(res.text).toContain("Skjemaet er utløpt");
    }
    expect(await jobCount()).toBe(0);
    expect(uploadsLeft()).toEqual([]);
    // The token may come as a header instead.
    const viaHeader = await post(browser.cookie, [file], { "x-csrf-token": browser.token });
    expect(viaHeader.status).toBe(303);
    expect(viaHeader.location).toMatch(/^\/admin\/import\/[0-9a-f-]{36}$/);
    await runNextJob();
  });

  it("sends anonymous visitors to sign in and refuses users who may not import", async () => {
    const anonymous = await post(null, [["file", fixture("enheter-sample.json"), "enheter.json"]]);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe("/logg-inn?neste=%2Fadmin%2Fimport");

    const org = await createOrganization();
    for (const actor of [
      await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] }),
      await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] }),
    ]) {
      const browser = await browserOf(actor.userId);
      const res = await post(browser.cookie, [
        ["_csrf", browser.token],
        ["file", fixture("enheter-sample.json"), "enheter.json"],
      ]);
      expect(res.status).toBe(403);
    }
    expect(await jobCount()).toBe(0);
    expect(uploadsLeft()).toEqual([]);
  });

  it("turns away a missing, empty, wrongly typed or too large file with a message, and queues nothing", async () => {
    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    const browser = await browserOf(admin.userId);
    const csrf: Part = ["_csrf", browser.token];
    const cases: [Part[], string][] = [
      [[csrf], "noFile"],
      [[csrf, ["file", "", ""]], "noFile"],
      [[csrf, ["file", "", "enheter.json"]], "empty"],
      [[csrf, ["file", "hello", "notes.txt"]], "wrongType"],
      [[csrf, ["file", "<html><script>alert(1)</script>", "enheter.json"]], "wrongType"],
      [[csrf, ["file", fixture("enheter-sample.json"), "enheter.json.gz"]], "wrongType"],
      [[csrf, ["file", fixture("enheter-sample.json"), "enheter.json"], ["municipalities", "<script>alert(1)</script>"]], "kommune"],
      [[csrf, ["file", fixture("enheter-sample.json"), "enheter.json"], ["municipalities", "9999"]], "unknownKommune"],
      [[csrf, ["file", fixture("enheter-sample.json"), "enheter.json"], ["forms", "'; drop table jobs; --"]], "form"],
      [[csrf, ["file", fixture("enheter-sample.json"), "enheter.json"], ["forms", "x".repeat(20_000)]], "invalidFields"],
    ];
    for (const [parts, code] of cases) {
      const res = await post(browser.cookie, parts);
      expect(res.status, code).toBe(303);
      expect(res.location, code).toBe(`/admin/import?feil=${code}`);
    }

    useEnv({ UPLOAD_MAX_BYTES: "100" });
    const tooBig = await post(browser.cookie, [csrf, ["file", fixture("enheter-sample.json"), "enheter.json"]]);
    expect(tooBig.location).toBe("/admin/import?feil=tooBig");
    // Larger than the limit by far: refused from Content-Length before the body is read.
    useEnv({ UPLOAD_MAX_BYTES: "1" });
    const wayTooBig = await post(browser.cookie, [csrf, ["file", Buffer.alloc(3 * 1024 * 1024, "["), "enheter.json"]]);
    expect(wayTooBig.location).toBe("/admin/import?feil=tooBig");

    expect(await jobCount()).toBe(0);
    expect(uploadsLeft()).toEqual([]);
  });

  it("answers a form that is not multipart with a message", async () => {
    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    const browser = await browserOf(admin.userId);
    const res = await fetch(`${base}${BRREG_UPLOAD_PATH}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: browser.cookie, "content-type": "application/x-www-form-urlencoded", "x-csrf-token": browser.token },
      body: "municipalities=3403",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/import?feil=notMultipart");
    expect(await jobCount()).toBe(0);
  });
});

describe("a coordinator's upload changes only organisations in their kommuner", () => {
  /** A Tønsberg organisation as the register and its coordinator left it, with its kommune links. */
  async function tonsbergOrganization() {
    const org = await createOrganization({
      name: "TØNSBERG RØDE KORS",
      orgNumber: "980308243",
      source: "brreg",
      contactEmail: "post@rodekors-tonsberg.example",
      website: "https://rodekors-tonsberg.example",
      address: "Storgata 1",
      postalCode: "3126",
      postalPlace: "TØNSBERG",
      municipalities: ["3905"],
    });
    const stored = async () => {
      const [row] = await getDb().select().from(organizations).where(eq(organizations.id, org.id));
      const links = await getDb()
        .select({ number: organizationMunicipalities.municipalityNumber })
        .from(organizationMunicipalities)
        .where(eq(organizationMunicipalities.organizationId, org.id));
      return { row, kommuner: links.map((l) => l.number).sort() };
    };
    return { org, stored };
  }
  /** Hamar's coordinator's file: Tønsberg's org number with new name, e-mail, website and address, claimed for Hamar. */
  const crafted = JSON.stringify([
    {
      organisasjonsnummer: "980308243",
      navn: "KAPRET AV HAMAR",
      organisasjonsform: { kode: "FLI" },
      registrertIFrivillighetsregisteret: true,
      epostadresse: "angriper@hamar.example",
      hjemmeside: "angriper.example",
      forretningsadresse: { landkode: "NO", postnummer: "2317", poststed: "HAMAR", adresse: ["Kapret gate 1"], kommunenummer: "3403" },
    },
    {
      organisasjonsnummer: "995260182",
      navn: "HAMAR LEKSEHJELP OG SPRÅKKAFÉ",
      organisasjonsform: { kode: "FLI" },
      registrertIFrivillighetsregisteret: true,
      forretningsadresse: { landkode: "NO", postnummer: "2317", poststed: "HAMAR", adresse: ["Torggata 1"], kommunenummer: "3403" },
    },
  ]);

  beforeEach(async () => {
    await getDb().delete(organizations).where(eq(organizations.source, "brreg"));
  });

  it("a Hamar coordinator's crafted file leaves the Tønsberg organisation as it was; the job lists the skip with its reason", async () => {
    const { stored } = await tonsbergOrganization();
    const before = await stored();
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    const browser = await browserOf(hamar.userId);
    const res = await post(browser.cookie, [
      ["_csrf", browser.token],
      ["file", crafted, "enheter.json"],
    ]);
    expect(res.status).toBe(303);
    expect(await runNextJob()).toBe(true);

    expect(await stored()).toEqual(before);
    expect(before.kommuner).toEqual(["3905"]);
    const job = await getImportJob(hamar, res.location!.split("/").at(-1)!);
    expect(job.status).toBe("succeeded");
    expect(job.result).toMatchObject({
      kept: 2,
      inserted: 1,
      updated: 0,
      outOfScope: 1,
      outOfScopeByReason: { exists_outside_scope: 1 },
      outOfScopeExamples: [{ orgNumber: "980308243", name: "KAPRET AV HAMAR", reason: "exists_outside_scope" }],
      scopeMunicipalities: ["3403"],
    });
    expect(job.progress).toMatchObject({ outOfScope: 1 });
    // The legitimate Hamar record in the same file was created, in Hamar.
    const [created] = await getDb().select().from(organizations).where(eq(organizations.orgNumber, "995260182"));
    const links = await getDb().select().from(organizationMunicipalities).where(eq(organizationMunicipalities.organizationId, created!.id));
    expect(links.map((l) => l.municipalityNumber)).toEqual(["3403"]);
  });

  it("the scope comes from the creator's roles when the job runs, not from the job's input; a creator without the role any more writes nothing", async () => {
    const { stored } = await tonsbergOrganization();
    const before = await stored();
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    const file = path.join(uploadDir, "forged.json");
    // A job whose input claims Tønsberg and "all units" (the web form never queues that for Hamar's coordinator).
    writeFileSync(file, crafted);
    const forged = await enqueueJob(getDb(), {
      kind: JOB_KINDS.brregImport,
      input: { filePath: file, fileName: "forged.json", fileBytes: 1, municipalities: ["3905"], forms: [], all: true, dryRun: false, attempt: 1 },
      createdBy: hamar.userId,
    });
    await runNextJob();
    expect(await stored()).toEqual(before);
    expect((await getImportJob(hamar, forged.id)).result).toMatchObject({ outOfScope: 1, inserted: 1 });

    // The role is revoked while the next job waits in the queue: it fails and writes nothing.
    writeFileSync(file, crafted);
    await getDb().delete(organizations).where(eq(organizations.orgNumber, "995260182"));
    const queued = await enqueueJob(getDb(), {
      kind: JOB_KINDS.brregImport,
      input: { filePath: file, fileName: "forged.json", fileBytes: 1, municipalities: ["3403"], forms: [], all: false, dryRun: false, attempt: 1 },
      createdBy: hamar.userId,
    });
    await getDb().delete(roleGrants).where(eq(roleGrants.userId, hamar.userId));
    await runNextJob();
    const [failed] = await getDb().select().from(jobs).where(eq(jobs.id, queued.id));
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed!.error).toMatch(/may no longer import/);
    expect(await getDb().select().from(organizations).where(eq(organizations.orgNumber, "995260182"))).toEqual([]);
    expect(uploadsLeft()).toEqual([]);
  });

  it("a national admin's import of the same file is not limited", async () => {
    const { stored } = await tonsbergOrganization();
    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    const browser = await browserOf(admin.userId);
    const res = await post(browser.cookie, [
      ["_csrf", browser.token],
      ["file", crafted, "enheter.json"],
    ]);
    expect(res.status).toBe(303);
    await runNextJob();
    const after = await stored();
    expect(after.row).toMatchObject({ name: "KAPRET AV HAMAR", contactEmail: "angriper@hamar.example", address: "Kapret gate 1" });
    expect(after.kommuner).toEqual(["3403"]);
    expect((await getImportJob(admin, res.location!.split("/").at(-1)!)).result).toMatchObject({ outOfScope: 0, scopeMunicipalities: null });
  });
});

describe("upload settings", () => {
  it("defaults to 2 GiB in ./data/uploads and refuses a limit that is not a positive whole number", () => {
    const base = { SESSION_SECRET: "test-secret-test-secret-test-secret-0123" };
    expect(parseEnv(base)).toMatchObject({ UPLOAD_MAX_BYTES: 2 * 1024 ** 3, UPLOAD_DIR: "./data/uploads" });
    expect(parseEnv({ ...base, UPLOAD_MAX_BYTES: "1048576" }).UPLOAD_MAX_BYTES).toBe(1048576);
    for (const bad of ["0", "-5", "1.5", "two gigabytes"]) {
      expect(() => parseEnv({ ...base, UPLOAD_MAX_BYTES: bad }), bad).toThrow(EnvError);
    }
    expect(() => parseEnv({ ...base, UPLOAD_MAX_BYTES: "1" })).not.toThrow();
  });
});
