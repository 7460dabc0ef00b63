import { expect, expectNoAxeViolations, expectPageStructure, noScriptContextFor, test, watchPage, expectNoProblems } from "./support/fixtures.ts";
import { expectedLang, ids, roles, type Role } from "./route-manifest.ts";

/**
 * The start page: a visitor finds the activity finder first; a signed-in
 * person lands on their own work and reaches it from there, without
 * JavaScript, at phone width, with axe on every role's variant (the crawl
 * checks only one signed-in variant of "/").
 */

test.describe("start page", () => {
  for (const role of roles) {
    test(`${role}: the start page passes axe at phone width without scripts`, async ({ browser }) => {
      const context = role === "anonymous" ? await browser.newContext() : await noScriptContextFor(browser, role as Exclude<Role, "anonymous">);
      const page = await context.newPage();
      await page.setViewportSize({ width: 360, height: 800 });
      const problems = watchPage(page, { scriptsBlocked: role !== "anonymous" });
      await page.goto("/");
      await expectPageStructure(page, expectedLang(role, "/"));
      await expectNoAxeViolations(page);
      expectNoProblems(problems);
      await context.close();
    });
  }

  test("a visitor searches for activities from the start page without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    const search = page.getByRole("search");
    await search.getByLabel("Søkeord").fill("leksehjelp");
    await search.getByRole("button", { name: "Søk" }).click();
    await expect(page).toHaveURL(/\/aktiviteter\?q=leksehjelp$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Finn aktiviteter");
    await context.close();
  });

  test("the Hamar coordinator reaches Hamar's overview, parallel initiatives, settlement figures and contacts from the start page", async ({ pageAs }) => {
    const page = await pageAs("coordinator_hamar");
    await page.goto("/");
    const hamar = page.getByTestId(`home-kommune-${ids.hamar}`);
    await expect(hamar.getByRole("heading", { level: 3 })).toHaveText("Hamar kommune");
    for (const path of ["oversikt", "parallelle", "bosetting", "intern"]) {
      await expect(hamar.locator(`a[href^="/kommuner/${ids.hamar}/${path}"]`).first()).toBeVisible();
    }
    await expect(hamar.getByRole("link", { name: /mulige? parallelle tiltak/ })).toBeVisible();
    await expect(page.getByTestId(`home-kommune-${ids.tonsberg}`)).toHaveCount(0);
    await hamar.getByRole("link", { name: /mulige? parallelle tiltak|Ingen mulige/ }).click();
    await expect(page).toHaveURL(`/kommuner/${ids.hamar}/parallelle`);
  });

  test("the county advisor and IMDi see their overview's headline and the kommuner that need attention", async ({ pageAs }) => {
    const page = await pageAs("county_advisor");
    await page.goto("/");
    const innlandet = page.getByTestId("home-county-34");
    await expect(innlandet).toContainText("ikke kartlagt ennå");
    await innlandet.getByRole("link", { name: "Oversikt for Innlandet" }).click();
    await expect(page).toHaveURL("/fylker/34/oversikt");

    const national = await pageAs("national_admin");
    await national.goto("/");
    await expect(national.getByTestId("home-national")).toContainText("357 kommuner");
    await expect(national.getByTestId("home-national").getByRole("link", { name: "Nasjonal oversikt" })).toHaveAttribute("href", "/oversikt");
  });

  test("an organisation admin sees their organisation's activities and those waiting for confirmation", async ({ pageAs }) => {
    const page = await pageAs("org_admin");
    await page.goto("/");
    const centre = page.getByTestId(`home-organization-${ids.hamarVolunteerCentre}`);
    await expect(centre.getByRole("link", { name: "Hamar frivilligsentral" })).toBeVisible();
    await expect(centre.getByRole("link", { name: "Ny aktivitet" })).toHaveAttribute("href", `/organisasjoner/${ids.hamarVolunteerCentre}/aktiviteter/ny`);
    await expect(centre.getByRole("link", { name: "Medlemmer og invitasjoner" })).toBeVisible();
    // No kommune or county work for an organisation admin.
    await expect(page.locator("[data-testid^=home-kommune-], [data-testid^=home-county-], [data-testid=home-national]")).toHaveCount(0);
  });
});
