import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, expectNoProblems, test, watchPage } from "./support/fixtures.ts";
import { ids } from "./route-manifest.ts";
import { demoActivityIds, UNKNOWN_ID } from "../../app/domain/demo/ids.ts";

/**
 * Organisations managing their activities: create with "search before you
 * create" (with and without JavaScript), edit, one-click confirm of a stale
 * activity, and another organisation refused.
 */

const HOMEWORK = demoActivityIds.hamarHomework;
const STALE = demoActivityIds.hamarStale;
const newUrl = `/organisasjoner/${ids.hamarVolunteerCentre}/aktiviteter/ny`;

async function fillNewActivity(page: Page, title: string) {
  await page.getByLabel("Tittel", { exact: true }).fill(title);
  await page.getByLabel("Beskrivelse", { exact: true }).fill("Frivillige hjelper barn og unge med lekser på biblioteket hver onsdag.");
  await page.getByRole("group", { name: "Tema" }).getByLabel("Leksehjelp").check();
  await page.getByRole("group", { name: "Hvem er aktiviteten for?" }).getByLabel("Barn", { exact: true }).check();
  await page.getByLabel("Kommune", { exact: true }).selectOption("3403");
  await page.getByLabel("Første gang (dato og klokkeslett)").fill("2027-01-06T17:00");
  await page.getByRole("group", { name: "Ukedager" }).getByLabel("onsdag").check();
}

test.describe("activity admin", () => {
  test.describe.configure({ mode: "serial" });

  test("org admin is warned of a similar activity, confirms, creates, edits and sees it (JavaScript on)", async ({ pageAs }) => {
    const page = await pageAs("org_admin");
    const problems = watchPage(page, { ignoreHttpErrorConsole: true });
    await page.goto(newUrl);
    await fillNewActivity(page, "Leksehjelp for barn og unge");
    // The live list appears while typing (debounced fetch to /aktiviteter/lignende).
    const similar = page.getByRole("region", { name: /Lignende aktiviteter i Hamar/ });
    await expect(similar).toBeVisible({ timeout: 10_000 });
    await expect(similar.getByRole("link", { name: "Leksehjelp for barn og unge" })).toBeVisible();
    await page.getByLabel("Jeg har sett på de lignende aktivitetene og vil opprette min likevel").check();
    await page.getByRole("button", { name: "Opprett aktiviteten" }).click();
    await page.waitForURL(/\/aktiviteter\/[0-9a-f-]{36}\?opprettet=1$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Leksehjelp for barn og unge");
    const id = new URL(page.url()).pathname.split("/")[2]!;

    await page.goto(`/aktiviteter/${id}/rediger`);
    await expect(page.getByLabel("Tittel", { exact: true })).toHaveValue("Leksehjelp for barn og unge");
    // A simple weekly rule comes back into the simple fields, not the advanced RRULE box.
    await expect(page.getByRole("group", { name: "Ukedager" }).getByLabel("onsdag")).toBeChecked();
    await expect(page.getByLabel("Gjentakelsesregel (RRULE)")).toHaveValue("");
    await page.getByLabel("Tittel", { exact: true }).fill("Leksehjelp for barn og unge (onsdager)");
    await page.getByRole("button", { name: "Lagre endringene" }).click();
    await page.waitForURL(new RegExp(`/aktiviteter/${id}\\?lagret=1$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Leksehjelp for barn og unge (onsdager)");

    // Deleting needs the confirmation box.
    await page.goto(`/aktiviteter/${id}/rediger`);
    await page.getByRole("button", { name: "Slett aktiviteten" }).click();
    await expect(page.getByText("Kryss av for å bekrefte at aktiviteten skal slettes.")).toBeVisible();
    await page.getByLabel("Jeg forstår at aktiviteten slettes for godt").check();
    await page.getByRole("button", { name: "Slett aktiviteten" }).click();
    await page.waitForURL(/\/aktiviteter\?slettet=1$/);
    await expect(page.getByRole("status")).toContainText("Aktiviteten er slettet");
    await expect(page.getByRole("link", { name: "Leksehjelp for barn og unge (onsdager)" })).toHaveCount(0);
    expectNoProblems(problems);
  });

  test("without JavaScript: the first POST shows similar activities, the second with the box creates", async ({ pageAs }) => {
    const page = await pageAs("org_admin", { javaScript: false });
    await page.goto(newUrl);
    await fillNewActivity(page, "Leksehjelp for barn og unge");
    await page.getByRole("button", { name: "Opprett aktiviteten" }).click();
    await page.waitForLoadState("load");
    await expect(page.getByRole("heading", { name: /Lignende aktiviteter i Hamar/ })).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("Se på de lignende aktivitetene");
    // Values are kept.
    await expect(page.getByLabel("Tittel", { exact: true })).toHaveValue("Leksehjelp for barn og unge");
    await page.getByLabel("Jeg har sett på de lignende aktivitetene og vil opprette min likevel").check();
    await page.getByRole("button", { name: "Opprett aktiviteten" }).click();
    await page.waitForURL(/\/aktiviteter\/[0-9a-f-]{36}\?opprettet=1$/);
  });

  test("validation errors are summarised with links to the fields and keep the input", async ({ pageAs }) => {
    const page = await pageAs("org_admin", { javaScript: false });
    await page.goto(newUrl);
    await page.getByLabel("Tittel", { exact: true }).fill("<script>alert(1)</script> Uvanlig tittel");
    await page.getByLabel("Breddegrad (valgfritt)").fill("48");
    await page.getByLabel("Lengdegrad (valgfritt)").fill("2");
    await page.getByRole("button", { name: "Opprett aktiviteten" }).click();
    await page.waitForLoadState("load");
    const summary = page.getByRole("alert");
    await expect(summary.getByRole("link", { name: "Punktet ligger utenfor Norge. Sjekk breddegrad og lengdegrad." })).toHaveAttribute(
      "href",
      "#activity-latitude",
    );
    await expect(page.getByLabel("Tittel", { exact: true })).toHaveValue("<script>alert(1)</script> Uvanlig tittel");
  });

  test("a stale activity is flagged and confirmed with one click", async ({ pageAs }) => {
    const page = await pageAs("org_admin");
    await page.goto(`/organisasjoner/${ids.hamarVolunteerCentre}`);
    await expect(page.getByText(/aktivitet(er)? må bekreftes/)).toBeVisible();
    await page.goto(`/organisasjoner/${ids.hamarVolunteerCentre}/aktiviteter`);
    const row = page.getByRole("row").filter({ hasText: "Sykkelopplæring for voksne" });
    await expect(row.getByText("Må bekreftes")).toBeVisible();
    await expect(row).toContainText("Ikke bekreftet siden");
    await row.getByRole("button", { name: "Stemmer fortsatt: Sykkelopplæring for voksne" }).click();
    await page.waitForURL(new RegExp(`bekreftet=${STALE}`));
    await expect(page.getByRole("status")).toContainText("Aktiviteten er bekreftet");
    await expect(page.getByRole("row").filter({ hasText: "Sykkelopplæring for voksne" }).getByText("Må bekreftes")).toHaveCount(0);
  });

  test("another organisation's admin gets 403 on the edit page and cannot confirm", async ({ apiAs }) => {
    const api = await apiAs("employer");
    expect((await api.get(`/aktiviteter/${HOMEWORK}/rediger`)).status()).toBe(403);
    const page = await api.get(`/organisasjoner/${ids.hamarEmployer}/aktiviteter/ny`);
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
    const confirm = await api.post(`/aktiviteter/${HOMEWORK}/bekreft`, { form: { _csrf: token } });
    expect(confirm.status()).toBe(403);
    const similar = await api.get("/aktiviteter/lignende?municipality=3403&title=Leksehjelp&themes=homework_help");
    expect(similar.status()).toBe(200);
    const body = (await similar.json()) as { items: { title: string }[] };
    expect(body.items.map((i) => i.title)).toContain("Leksehjelp for barn og unge");
    // Internal activities never show up for another organisation.
    expect(body.items.map((i) => i.title)).not.toContain("Planlegging av vårens frivilligkurs");
  });
});

test.describe("organisation register fields", () => {
  test("Hamar's coordinator marks the organisation verified, its admin confirms the details, Tønsberg's coordinator is refused", async ({ pageAs, apiAs }) => {
    const page = await pageAs("coordinator_hamar");
    await page.goto(`/organisasjoner/${ids.hamarVolunteerCentre}`);
    await page.getByRole("button", { name: "Merk som verifisert" }).click();
    await page.waitForURL(/verifisert=1/);
    await expect(page.getByRole("status")).toContainText("Verifiseringen er oppdatert");
    await expect(page.getByRole("button", { name: "Fjern verifisering" })).toBeVisible();
    // Named by the verifier's own body, not "the kommune" whoever verified.
    await expect(page.getByText("Verifisert av Hamar kommune").first()).toBeVisible();
    await expect(page.getByText("Verifisert av kommunen")).toHaveCount(0);

    const adminPage = await pageAs("org_admin");
    await adminPage.goto(`/organisasjoner/${ids.hamarVolunteerCentre}`);
    await expect(adminPage.getByRole("button", { name: "Merk som verifisert" })).toHaveCount(0);
    await adminPage.getByRole("button", { name: "Opplysningene stemmer" }).click();
    await adminPage.waitForURL(/bekreftet=1/);
    await expect(adminPage.getByRole("status")).toContainText("Opplysningene er bekreftet");

    const api = await apiAs("coordinator_tonsberg");
    const html = await (await api.get(`/organisasjoner/${ids.tonsbergRedCross}`)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const refused = await api.post(`/organisasjoner/${ids.hamarVolunteerCentre}`, { form: { _csrf: token, intent: "verify", verified: "false" } });
    expect(refused.status()).toBe(403);
  });
});

test.describe("reception centre: who runs it", () => {
  test("without JavaScript: refused for another kind with a message on the field, saved and shown for a reception centre", async ({ pageAs }) => {
    const page = await pageAs("org_admin", { javaScript: false });
    const problems = watchPage(page, { scriptsBlocked: true, ignoreHttpErrorConsole: true });
    await page.goto("/organisasjoner/ny");
    const name = `Mottak ${Date.now()}`;
    await page.getByLabel("Navn", { exact: true }).fill(name);
    await page.getByLabel("Type organisasjon").selectOption("voluntary");
    await page.getByLabel("Kommuner organisasjonen arbeider i").selectOption(["3403"]);
    await page.getByLabel("Drives av (asylmottak)").selectOption("municipal");
    await page.getByRole("button", { name: "Registrer organisasjonen" }).click();
    await expect(page.getByText("«Drives av» gjelder bare asylmottak").first()).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel("Type organisasjon").selectOption("reception_centre");
    await page.getByRole("button", { name: "Registrer organisasjonen" }).click();
    await page.waitForURL(/\/organisasjoner\/[0-9a-f-]{36}/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    await expect(page.getByText("Kommunen (kommunalt mottak)")).toBeVisible();
    expectNoProblems(problems);
  });
});

test.describe("activity form: hostile input over HTTP", () => {
  const base = {
    title: "Trygg tittel",
    description: "Beskrivelse",
    themes: "language",
    targetGroups: "everyone",
    municipality: "3403",
    scheduleKind: "ongoing",
    status: "active",
    visibility: "public",
    isFree: "on",
    confirmNotDuplicate: "on",
  };
  const cases: [string, Record<string, string | string[]>][] = [
    ["10,000-character title", { title: "x".repeat(10_000) }],
    ["script in the title with a bad kommune", { title: "<script>alert(1)</script>", municipality: "<img src=x onerror=alert(2)>" }],
    ["SQL in the description with an empty title", { title: "", description: "'; drop table activities; --" }],
    ["FREQ=SECONDLY", { scheduleKind: "recurring", startsAt: "2027-01-06T17:00", rrule: "FREQ=SECONDLY" }],
    ["a point in France", { latitude: "48", longitude: "2" }],
    ["repeated single-value fields", { status: ["active", "ended"], visibility: ["public", "internal"] }],
    ["unknown partner", { partners: UNKNOWN_ID }],
  ];
  for (const [label, overrides] of cases) {
    test(`new activity: ${label} → 400 with the error, escaped, nothing created`, async ({ apiAs }) => {
      const api = await apiAs("org_admin");
      const url = `/organisasjoner/${ids.hamarVolunteerCentre}/aktiviteter/ny`;
      const token = /name="_csrf" value="([^"]+)"/.exec(await (await api.get(url)).text())?.[1] ?? "";
      const form = new URLSearchParams({ _csrf: token });
      for (const [key, value] of Object.entries({ ...base, ...overrides })) {
        for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
      }
      const response = await api.post(url, { data: form.toString(), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
      expect(response.status()).toBe(400);
      const html = await response.text();
      expect(html).toContain('role="alert"');
      expect(html).not.toContain("<script>alert(1)</script>");
      expect(html).not.toContain("<img src=x onerror=alert(2)>");
      const list = await (await api.get(`/organisasjoner/${ids.hamarVolunteerCentre}/aktiviteter`)).text();
      expect(list).not.toContain("Trygg tittel");
    });
  }
});

test("confirm goes back only to a path on this site (no open redirect)", async ({ apiAs }) => {
  const api = await apiAs("org_admin");
  const token = /name="_csrf" value="([^"]+)"/.exec(await (await api.get(`/organisasjoner/${ids.hamarVolunteerCentre}/aktiviteter`)).text())?.[1] ?? "";
  for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
    const response = await api.post(`/aktiviteter/${HOMEWORK}/bekreft`, { form: { _csrf: token, next } });
    expect(response.status()).toBe(302);
    expect(response.headers()["location"]).toBe(`/organisasjoner/${ids.hamarVolunteerCentre}/aktiviteter?bekreftet=${HOMEWORK}`);
  }
  const back = await api.post(`/aktiviteter/${HOMEWORK}/bekreft`, { form: { _csrf: token, next: `/aktiviteter/${HOMEWORK}` } });
  expect(back.headers()["location"]).toBe(`/aktiviteter/${HOMEWORK}?bekreftet=${HOMEWORK}`);
});
