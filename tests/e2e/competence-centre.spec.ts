import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./support/fixtures.ts";
import { roles, type Role } from "./route-manifest.ts";

/**
 * The competence centre's start, /kompetansesenter (issue 12): each level finds its tools there — a kommune's
 * coordinator its open requests, response times, events and stories; the county advisor what was handed over to the
 * fylkeskommune, its networks and courses and its kommuner side by side; IMDi its inbox, national events, surveys
 * and the national response times; an organisation's members where to ask and their own requests; everyone the
 * public parts. Every role: axe at phone width, no sideways scrolling, reached from the start page.
 */

const phone = { viewport: { width: 375, height: 800 } };
const region = (page: Page, name: string | RegExp) => page.getByRole("region", { name, exact: typeof name === "string" });

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
}

test.describe("the competence centre", () => {
  test.setTimeout(240_000);

  for (const role of roles) {
    test(`${role}: reached from the start page and the navigation, axe-clean at phone width`, async ({ pageAs, page: anonymousPage }) => {
      const page = role === "anonymous" ? anonymousPage : await pageAs(role as Exclude<Role, "anonymous">, phone);
      if (role === "anonymous") await page.setViewportSize(phone.viewport);
      await page.goto("/");
      // The same word in bokmål and nynorsk (Kinn's coordinator gets nynorsk).
      await page.getByRole("main").getByRole("link", { name: "Kompetansesenteret", exact: true }).click();
      await expect(page).toHaveURL(/\/kompetansesenter$/);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("navigation").first().getByRole("link", { name: "Kompetansesenteret" })).toHaveAttribute("href", "/kompetansesenter");
      await noSidewaysScroll(page);
      await expectNoAxeViolations(page);
    });
  }

  test("anonymous: only the public parts, with a hint to sign in", async ({ page }) => {
    await page.goto("/kompetansesenter");
    await expect(region(page, "For alle")).toBeVisible();
    await expect(region(page, "For alle").getByRole("link", { name: /Søk i kunnskapsbanken/ })).toHaveAttribute("href", "/kunnskap");
    await expect(page.getByText("Logg inn for å spørre om veiledning")).toBeVisible();
    await expect(region(page, "Åpne forespørsler om veiledning")).toHaveCount(0);
    await expect(region(page, "For organisasjonen din")).toHaveCount(0);
    await expect(page.getByText("Politiattest for leksehjelpere")).toHaveCount(0);
  });

  test("Hamar's coordinator: Hamar's open request, not the one handed to Innlandet or Tønsberg's; Hamar's response times, events and stories", async ({
    pageAs,
  }) => {
    const page = await pageAs("coordinator_hamar");
    await page.goto("/kompetansesenter");
    const inbox = region(page, "Åpne forespørsler om veiledning");
    await expect(inbox.getByRole("link", { name: "Politiattest for leksehjelpere" })).toBeVisible();
    await expect(page.getByText("Regionale tilskudd til møteplasser")).toHaveCount(0);
    await expect(page.getByText("Lokaler til foreldremøter")).toHaveCount(0);
    const hamar = region(page, "Hamar kommune");
    await expect(hamar.getByRole("region", { name: "Svartid på veiledning" })).toBeVisible();
    await expect(hamar.getByRole("heading", { name: "Kurs og møter i Hamar" })).toBeVisible();
    await expect(hamar.getByRole("heading", { name: "Erfaringer fra Hamar" })).toBeVisible();
    await expect(region(page, /fylkeskommune$/)).toHaveCount(0);
    await expect(region(page, "IMDi – nasjonalt kompetansesenter")).toHaveCount(0);
  });

  test("the county advisor: what was handed over to Innlandet, its networks and courses, its kommuner side by side", async ({ pageAs }) => {
    const page = await pageAs("county_advisor");
    await page.goto("/kompetansesenter");
    await expect(region(page, "Åpne forespørsler om veiledning").getByRole("link", { name: "Regionale tilskudd til møteplasser" })).toBeVisible();
    await expect(page.getByText("Politiattest for leksehjelpere")).toHaveCount(0);
    const innlandet = region(page, "Innlandet fylkeskommune");
    await expect(innlandet.getByRole("heading", { name: "Nettverk i fylket" })).toBeVisible();
    await expect(
      innlandet.getByRole("table", { name: /Svartid på veiledning i kommunene i Innlandet/ }).getByRole("rowheader", { name: "Hamar" }),
    ).toBeVisible();
    await expect(region(page, "Hamar kommune")).toHaveCount(0);
    await expect(region(page, "IMDi – nasjonalt kompetansesenter")).toHaveCount(0);
  });

  test("IMDi: national events, surveys and response times by fylke", async ({ pageAs }) => {
    const page = await pageAs("national_admin");
    await page.goto("/kompetansesenter");
    const imdi = region(page, "IMDi – nasjonalt kompetansesenter");
    await expect(imdi.getByRole("heading", { name: "Kartlegginger av organisasjonenes behov" })).toBeVisible();
    await expect(imdi.getByRole("link", { name: "Kartlegginger og resultater" })).toHaveAttribute("href", "/undersokelser");
    // The demo survey of Innlandet's organisations, linked to its results.
    await expect(imdi.locator('a[href^="/undersokelser/"]').first()).toBeVisible();
    await expect(imdi.getByRole("table", { name: /per fylke/ }).getByRole("rowheader", { name: "Hele landet" })).toBeVisible();
  });

  test("an organisation admin: ask for guidance, their own requests, share a story; no body's inbox", async ({ pageAs }) => {
    const page = await pageAs("org_admin");
    await page.goto("/kompetansesenter");
    const own = region(page, "For organisasjonen din");
    await expect(own.getByRole("link", { name: "Spør om veiledning" })).toHaveAttribute("href", "/veiledning/ny");
    await expect(own.getByRole("link", { name: "Politiattest for leksehjelpere" })).toBeVisible();
    await expect(own.getByText("Lokaler til foreldremøter")).toHaveCount(0);
    // By name: other specs may have made this admin an admin of more organisations by the time this runs.
    await expect(own.getByRole("link", { name: "Skriv om god praksis fra Hamar frivilligsentral" })).toBeVisible();
    await expect(region(page, "Åpne forespørsler om veiledning")).toHaveCount(0);
  });

  test("Kinn's coordinator gets the page in nynorsk", async ({ pageAs }) => {
    const page = await pageAs("coordinator_kinn");
    await page.goto("/kompetansesenter");
    await expect(page.locator("html")).toHaveAttribute("lang", "nn");
    await expect(region(page, "Kinn kommune").getByRole("region", { name: "Svartid på rettleiing" })).toBeVisible();
  });
});
