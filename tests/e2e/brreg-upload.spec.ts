import path from "node:path";
import { contextFor, expect, expectNoAxeViolations, expectNoProblems, expectPageStructure, noScriptContextFor, test, watchPage } from "./support/fixtures.ts";
import { message } from "./support/messages.ts";

/**
 * The Brreg import from the browser (issue 3's done-when): the Hamar
 * coordinator uploads Enhetsregisteret's file, follows the job's progress
 * page until it is done and finds Hamar's organisations. Without JavaScript:
 * the form posts the file itself and the progress page reloads itself.
 */
/** The bokmål text of a key, with simple `{name}` placeholders filled in. */
const nb = (key: string, values: Record<string, string> = {}) => message("nb", key).replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");
const fixture = (name: string) => path.resolve("tests/fixtures/brreg", name);

test("a Hamar coordinator uploads a Brreg file without JavaScript, sees progress reach done and Hamar's organisations", async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await noScriptContextFor(browser, "coordinator_hamar");
  const page = await context.newPage();
  // The no-script context re-fetches navigations to change their headers, and Chromium does not hand a
  // file's bytes to such a re-fetch: let the upload POST itself go straight through.
  await page.route("**/admin/import", (route) => (route.request().method() === "POST" ? route.continue() : route.fallback()));
  const problems = watchPage(page, { scriptsBlocked: true });

  await page.goto("/admin/import");
  await expectPageStructure(page);
  await expect(page.getByText(nb("jobs.upload.scopeCoordinator", { kommuner: "Hamar (3403)" }))).toBeVisible();
  await page.getByLabel(nb("jobs.upload.file")).setInputFiles(fixture("enheter-sample.json.gz"));
  await page.getByLabel(nb("jobs.upload.forms")).fill("FLI");
  await page.getByRole("button", { name: nb("jobs.upload.submit") }).click();

  await page.waitForURL(/\/admin\/import\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nb("jobs.progress.title"));
  // The page reloads itself every 2 s until the worker (polling every 2 s) has run the job.
  await expect(page.getByText(nb("jobs.progress.succeeded"))).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
  const counts = page.getByTestId("import-counts");
  await expect(counts).toContainText(nb("jobs.progress.records"));
  await expect(counts).toContainText("5");
  await expect(page.getByTestId("import-bytes")).toContainText("100");
  await expectPageStructure(page);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: nb("jobs.progress.seeOrganizations", { kommune: "Hamar" }) }).click();
  await expect(page).toHaveURL(/\/organisasjoner\?kommune=3403$/);
  await expect(page.getByRole("link", { name: /HAMAR LEKSEHJELP OG SPRÅKKAFÉ/ })).toBeVisible();
  // Tønsberg's units in the same file were left out: the coordinator's import is limited to Hamar.
  await page.goto("/organisasjoner?kommune=3905");
  await expect(page.getByRole("link", { name: /SPRÅKVENNER TØNSBERG/ })).toHaveCount(0);

  // The job is in the list of recent imports.
  await page.goto("/admin/import");
  await expect(page.getByRole("link", { name: "enheter-sample.json.gz" }).first()).toBeVisible();
  expectNoProblems(problems);
  await context.close();
});

test("a file of the wrong kind is turned away with a message, and the form is accessible", async ({ pageAs }) => {
  const page = await pageAs("coordinator_hamar");
  const problems = watchPage(page);
  await page.goto("/admin/import");
  await page.getByLabel(nb("jobs.upload.file")).setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await page.getByRole("button", { name: nb("jobs.upload.submit") }).click();
  await expect(page).toHaveURL(/\/admin\/import\?feil=wrongType$/);
  await expect(page.getByRole("alert")).toContainText(nb("jobs.upload.error.wrongType"));
  await expectPageStructure(page);
  await expectNoAxeViolations(page);
  expectNoProblems(problems);
});

test("a Hamar coordinator's file cannot take over a Tønsberg organisation: the job page lists it as outside their kommuner", async ({ browser }) => {
  test.setTimeout(120_000);
  // An org number no other test uses; the unit is first imported by Tønsberg's coordinator.
  const orgNumber = "961234565";
  const unit = (navn: string, kommunenummer: string, extra: Record<string, unknown> = {}) => ({
    organisasjonsnummer: orgNumber,
    navn,
    organisasjonsform: { kode: "FLI" },
    registrertIFrivillighetsregisteret: true,
    forretningsadresse: { landkode: "NO", adresse: ["Storgata 1"], kommunenummer },
    ...extra,
  });
  const upload = async (role: "coordinator_tonsberg" | "coordinator_hamar", records: unknown[]) => {
    const context = await contextFor(browser, role);
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto("/admin/import");
    await page
      .getByLabel(nb("jobs.upload.file"))
      .setInputFiles({ name: "enheter.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(records)) });
    await page.getByRole("button", { name: nb("jobs.upload.submit") }).click();
    await page.waitForURL(/\/admin\/import\/[0-9a-f-]{36}$/);
    await expect(page.getByText(nb("jobs.progress.succeeded"))).toBeVisible({ timeout: 60_000 });
    return { context, page, problems };
  };

  const tonsberg = await upload("coordinator_tonsberg", [unit("TØNSBERG E2E-FORENING", "3905")]);
  await expect(tonsberg.page.getByTestId("import-out-of-scope")).toHaveCount(0);
  expectNoProblems(tonsberg.problems);
  await tonsberg.context.close();

  const hamar = await upload("coordinator_hamar", [
    unit("KAPRET AV HAMAR", "3403", { epostadresse: "angriper@hamar.example", hjemmeside: "angriper.example" }),
  ]);
  const skipped = hamar.page.getByTestId("import-out-of-scope");
  await expect(skipped.getByRole("heading", { level: 2 })).toHaveText(nb("jobs.progress.outOfScopeHeading"));
  const row = skipped.getByRole("row").filter({ hasText: orgNumber });
  await expect(row).toContainText("KAPRET AV HAMAR");
  await expect(row).toContainText(nb("jobs.progress.outOfScopeReason.exists_outside_scope"));
  await expect(hamar.page.getByTestId("import-counts")).toContainText(nb("jobs.progress.outOfScope"));
  await expectPageStructure(hamar.page);
  await expectNoAxeViolations(hamar.page);

  // The organisation is still Tønsberg's, under its own name; Hamar's list does not have it.
  await hamar.page.goto("/organisasjoner?kommune=3905");
  await expect(hamar.page.getByRole("link", { name: /TØNSBERG E2E-FORENING/ })).toBeVisible();
  await hamar.page.goto("/organisasjoner?kommune=3403");
  await expect(hamar.page.getByRole("link", { name: /KAPRET AV HAMAR|TØNSBERG E2E-FORENING/ })).toHaveCount(0);
  expectNoProblems(hamar.problems);
  await hamar.context.close();
});
