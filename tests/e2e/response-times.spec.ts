import { expect, expectNoAxeViolations, test } from "./support/fixtures.ts";
import { ids } from "./route-manifest.ts";

/**
 * Guidance response times (issue 12) on the kommune, county and national overviews: for those who coordinate the
 * kommune, the fylke's advisors (its kommuner side by side) and IMDi (the fylker side by side); nobody else sees them.
 * The figures themselves are tested on a fixture with Norwegian public holidays (app/domain/guidance/response-times.test.ts).
 */

test.describe("guidance response times on the overviews", () => {
  test.setTimeout(180_000);

  test("Hamar's coordinator sees them on the kommune overview, at phone width; an organisation admin does not", async ({ pageAs }) => {
    const page = await pageAs("coordinator_hamar", { viewport: { width: 375, height: 800 } });
    await page.goto(`/kommuner/${ids.hamar}/oversikt`);
    const section = page.getByRole("region", { name: "Svartid på veiledning" });
    await expect(section).toBeVisible();
    await expect(section.getByText("Besvart innen 5 arbeidsdager")).toBeVisible();
    await expect(section.getByText(/helger og helligdager teller ikke/)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await expectNoAxeViolations(page);

    const admin = await pageAs("org_admin");
    await admin.goto(`/kommuner/${ids.hamar}/oversikt`);
    await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(admin.getByRole("region", { name: "Svartid på veiledning" })).toHaveCount(0);
  });

  test("the county advisor sees Innlandet's kommuner side by side, each linked to its overview", async ({ pageAs }) => {
    const page = await pageAs("county_advisor");
    await page.goto("/fylker/34/oversikt");
    const section = page.getByRole("region", { name: "Svartid på veiledning i kommunene" });
    const table = section.getByRole("table", { name: /Svartid på veiledning i kommunene i Innlandet/ });
    await expect(table.getByRole("rowheader", { name: "Hamar" })).toBeVisible();
    await expect(table.getByRole("link", { name: "Hamar" })).toHaveAttribute("href", `/kommuner/${ids.hamar}/oversikt`);
    await expect(table.getByRole("rowheader", { name: "Hele fylket" })).toBeVisible();
    await expect(table.getByRole("rowheader", { name: "Tønsberg" })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test("IMDi sees the fylker side by side on the national overview", async ({ pageAs }) => {
    const page = await pageAs("national_admin");
    await page.goto("/oversikt");
    const table = page.getByRole("region", { name: "Svartid på veiledning i fylkene" }).getByRole("table");
    await expect(table.getByRole("rowheader")).toHaveCount(16);
    await expect(table.getByRole("link", { name: "Vestfold" })).toHaveAttribute("href", "/fylker/39/oversikt");
    await expect(table.getByRole("rowheader", { name: "Hele landet" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
