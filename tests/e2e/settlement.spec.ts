import path from "node:path";
import { apiFor, expect, expectNoAxeViolations, expectNoProblems, test, watchPage } from "./support/fixtures.ts";
import { ids } from "./route-manifest.ts";

/**
 * Settlement figures: a coordinator enters a year (JavaScript off, so the
 * form works without it), bad input is refused with localised messages and
 * nothing written, a national admin imports a CSV with bad lines and sees the
 * report, and another kommune's coordinator cannot write.
 */

const hamarUrl = `/kommuner/${ids.hamar}/bosetting`;
const fixture = (name: string) => path.join(import.meta.dirname, "..", "fixtures", "settlement", name);

test.describe("settlement figures", () => {
  test.describe.configure({ mode: "serial" });

  test("the Hamar coordinator sees the demo years, enters a year and sees it in the table (JavaScript off)", async ({ pageAs }) => {
    const page = await pageAs("coordinator_hamar", { javaScript: false });
    await page.goto(hamarUrl);
    const table = page.getByRole("table", { name: "Tall per år" });
    // Demo data: 2026 is not reported yet for "bosatt".
    await expect(table.getByRole("row", { name: /^2026/ })).toContainText("Ikke rapportert");
    await page.getByLabel("År", { exact: true }).fill("2022");
    await page.getByLabel("Anmodning fra IMDi (antall personer)").fill("80");
    await page.getByLabel("Kommunens vedtak (antall personer)").fill("80");
    await page.getByLabel("Bosatt (antall personer)").fill("83");
    await page.getByRole("button", { name: "Lagre tallene" }).click();
    await page.waitForURL(/\/bosetting\?lagret=2022$/);
    await expect(page.getByRole("status")).toContainText("Tallene for 2022 er lagret.");
    const row = page.getByRole("table", { name: "Tall per år" }).getByRole("row", { name: /^2022/ });
    await expect(row.getByRole("cell")).toHaveText(["80", "80", "83", "Ikke rapportert"]);
  });

  test("bad input shows localised errors, answers 400 and writes nothing", async ({ pageAs }) => {
    const page = await pageAs("coordinator_hamar");
    const problems = watchPage(page, { ignoreHttpErrorConsole: true });
    await page.goto(hamarUrl);
    await page.getByLabel("År", { exact: true }).fill("1999");
    await page.getByLabel("Anmodning fra IMDi (antall personer)").fill("-3");
    await page.getByLabel("Bosatt (antall personer)").fill("<b>mange</b>");
    await page.getByRole("button", { name: "Lagre tallene" }).click();
    await expect(page.getByText("Skriv et årstall fra 2000 til neste år.").first()).toBeVisible();
    await expect(page.getByText("Tallet kan ikke være negativt.").first()).toBeVisible();
    await expect(page.getByText("Skriv et helt tall, eller la feltet stå tomt.").first()).toBeVisible();
    await expect(page.getByLabel("Bosatt (antall personer)")).toHaveValue("<b>mange</b>");
    await expect(page.getByRole("table", { name: "Tall per år" }).getByRole("row", { name: /^1999/ })).toHaveCount(0);
    await expectNoAxeViolations(page);
    expectNoProblems(problems);

    // The same over HTTP: 400, and the gap threshold form too.
    const api = await apiFor("coordinator_hamar");
    const token = /name="_csrf" value="([^"]+)"/.exec(await (await api.get(hamarUrl)).text())?.[1] ?? "";
    const bad = await api.post(hamarUrl, { form: { _csrf: token, intent: "figures", year: "2024", settled: "9".repeat(10_000) } });
    expect(bad.status()).toBe(400);
    const badThreshold = await api.post(hamarUrl, { form: { _csrf: token, intent: "threshold", gapThreshold: "101" } });
    expect(badThreshold.status()).toBe(400);
    expect(await badThreshold.text()).toContain("Skriv et helt tall fra 0 til 100.");
  });

  test("the Tønsberg coordinator cannot edit Hamar, and the Innlandet advisor only reads it", async ({ pageAs }) => {
    const api = await apiFor("coordinator_tonsberg");
    const token = /name="_csrf" value="([^"]+)"/.exec(await (await api.get(`/kommuner/${ids.tonsberg}/bosetting`)).text())?.[1] ?? "";
    expect(token).not.toBe("");
    const refused = await api.post(hamarUrl, { form: { _csrf: token, intent: "figures", year: "2021", settled: "999" } });
    expect(refused.status()).toBe(403);
    const refusedThreshold = await api.post(hamarUrl, { form: { _csrf: token, intent: "threshold", gapThreshold: "9" } });
    expect(refusedThreshold.status()).toBe(403);

    const page = await pageAs("county_advisor");
    await page.goto(hamarUrl);
    await expect(page.getByRole("table", { name: "Tall per år" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Tall per år" }).getByRole("row", { name: /^2021/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Lagre tallene" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Innstillinger for oversikten" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Lagre terskelen" })).toHaveCount(0);
  });

  test("the Hamar coordinator sets the gap threshold under #terskel", async ({ pageAs }) => {
    const page = await pageAs("coordinator_hamar", { javaScript: false });
    await page.goto(`${hamarUrl}#terskel`);
    await page.getByLabel("Terskel for mangler").fill("3");
    await page.getByRole("button", { name: "Lagre terskelen" }).click();
    await page.waitForURL(/\/bosetting\?terskel=1#terskel$/);
    await expect(page.getByText("Terskelen er nå 3.")).toBeVisible();
  });

  test("a national admin previews a CSV with bad lines (nothing written), applies it and sees the report", async ({ pageAs }) => {
    const page = await pageAs("national_admin");
    const problems = watchPage(page, { ignoreHttpErrorConsole: true });
    await page.goto("/admin/bosetting/import");
    await page.getByLabel("CSV-fil").setInputFiles(fixture("import-with-errors.csv"));
    await page.getByRole("button", { name: "Forhåndsvis (lagrer ingenting)" }).click();
    await expect(page.getByRole("heading", { name: "Forhåndsvisning – ingenting er lagret" })).toBeVisible();
    await expect(page.getByText("9 linjer lest: 3 gyldige, 6 avvist.")).toBeVisible();
    const rejected = page.getByRole("table", { name: "Avviste linjer" });
    await expect(rejected.getByRole("row")).toHaveCount(7);
    await expect(rejected.getByRole("row", { name: /^5 / })).toContainText("Ukjent kommunenummer");
    await expect(rejected.getByRole("row", { name: /^6 / })).toContainText("Ugyldig år");
    await expect(rejected.getByRole("row", { name: /^7 / })).toContainText("Negativt tall");
    await expect(rejected.getByRole("row", { name: /^8 / })).toContainText("Et tall er ikke et helt tall");
    await expect(rejected.getByRole("row", { name: /^9 / })).toContainText("Feil antall kolonner");
    await expect(rejected.getByRole("row", { name: /^10 / })).toContainText("Samme kommune og år");
    await expectNoAxeViolations(page);

    // Nothing written by the preview: Kongsvinger (3401) still has no figures.
    const kongsvinger = await page.context().newPage();
    await kongsvinger.goto("/kommuner/3401/bosetting");
    await expect(kongsvinger.getByText("Ingen tall er rapportert for denne kommunen ennå.")).toBeVisible();

    await page.getByRole("button", { name: "Importer de 3 gyldige linjene" }).click();
    await expect(page.getByRole("heading", { name: "Importen er ferdig" })).toBeVisible();
    await expect(page.getByText(/Lagret: \d+ nye år, \d+ endret, \d+ uendret\./)).toBeVisible();
    await expect(page.getByRole("table", { name: "Avviste linjer" }).getByRole("row")).toHaveCount(7);
    expectNoProblems(problems);

    await kongsvinger.reload();
    const row = kongsvinger.getByRole("table", { name: "Tall per år" }).getByRole("row", { name: /^2024/ });
    await expect(row.getByRole("cell")).toHaveText(["20", "20", "19", "15"]);
    await expect(kongsvinger.getByRole("table", { name: "Tall per år" }).getByRole("row", { name: /^2025/ })).toContainText("Ikke rapportert");

    // A file that is not such a CSV: 400, whole file refused.
    await page.goto("/admin/bosetting/import");
    await page.getByLabel("CSV-fil").setInputFiles(fixture("no-header.csv"));
    await page.getByRole("button", { name: "Importer nå" }).click();
    await expect(page.getByText("Første linje må være overskriftene", { exact: false })).toBeVisible();
  });

  test("the import refuses hostile files over HTTP (400, nothing written) and everyone but national admins (403)", async () => {
    const api = await apiFor("national_admin");
    const token = /name="_csrf" value="([^"]+)"/.exec(await (await api.get("/admin/bosetting/import")).text())?.[1] ?? "";
    const post = (file: { name: string; mimeType: string; buffer: Buffer } | null) =>
      api.post("/admin/bosetting/import", { multipart: file ? { _csrf: token, intent: "apply", file } : { _csrf: token, intent: "apply" } });
    const header = "kommunenummer;år;anmodning;vedtak;bosatt\n";
    const cases: [{ name: string; mimeType: string; buffer: Buffer } | null, string][] = [
      [null, "Velg en CSV-fil."],
      [{ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(header + "3411;2025;1;1;1\n".repeat(80_000)) }, "Filen er større enn 1 MB."],
      [{ name: "latin1.csv", mimeType: "text/csv", buffer: Buffer.from(header.replace("å", "\u00e5"), "latin1") }, "Filen er ikke en tekstfil i UTF-8."],
      [{ name: "page.html", mimeType: "text/html", buffer: Buffer.from("<html><script>alert(1)</script></html>") }, "Første linje må være overskriftene"],
    ];
    for (const [file, message] of cases) {
      const response = await post(file);
      expect(response.status(), file?.name ?? "no file").toBe(400);
      expect(await response.text()).toContain(message);
    }
    const kongsvinger = await (await api.get("/kommuner/3411/bosetting")).text();
    expect(kongsvinger).toContain("Ingen tall er rapportert for denne kommunen ennå.");

    const coordinator = await apiFor("coordinator_hamar");
    const coordinatorToken = /name="_csrf" value="([^"]+)"/.exec(await (await coordinator.get(hamarUrl)).text())?.[1] ?? "";
    const refused = await coordinator.post("/admin/bosetting/import", {
      multipart: {
        _csrf: coordinatorToken,
        intent: "apply",
        file: { name: "ok.csv", mimeType: "text/csv", buffer: Buffer.from(header + "3411;2025;1;1;1\n") },
      },
    });
    expect(refused.status()).toBe(403);
  });
});
