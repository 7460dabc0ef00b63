import type { Browser, BrowserContext } from "@playwright/test";
import { DEMO_PASSWORD, demoPlacementIds, extraDemoAccountEmails } from "../../app/domain/demo/ids.ts";
import { apiFor, expect, expectNoAxeViolations, expectPageStructure, noScriptContextFor, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { message } from "./support/messages.ts";

/**
 * Placements' follow-up and figures (issue 14, H5), at phone width (375px) and without JavaScript: NAV Hamar, the
 * building practice's confirmed follow-up contact, answers a check-in (an empty form first: its messages), schedules
 * an extra one (a date before the start is refused) and refuses an early end without a reason; the employer reads the
 * note but gets no answer form; nobody else reads the page — not Hamar's or Tønsberg's coordinators, not the county,
 * not IMDi; the share that became lasting work shows on Hamar's, Innlandet's and the national overview.
 */

const phone = { viewport: { width: 375, height: 740 } };
const building = `/praksisplasser/${demoPlacementIds.hamarBuildingPractice}/oppfolging-og-resultat`;
const apprenticeship = `/praksisplasser/${demoPlacementIds.hamarEndedApprenticeship}/oppfolging-og-resultat`;
const nb = (key: string) => message("nb", key);

/** NAV Hamar's account (not a manifest role), signed in with the password, its pages served without scripts. */
async function navHamarContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext(phone);
  const form = await context.request.get("/logg-inn");
  const response = await context.request.post("/logg-inn", {
    form: { _csrf: csrfTokenFrom(await form.text()), intent: "password", next: "/", email: extraDemoAccountEmails.nav_hamar, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect([302, 303]).toContain(response.status());
  await context.route("**/*", async (route) => {
    if (!route.request().isNavigationRequest()) return route.continue();
    const fetched = await route.fetch({ maxRedirects: 0 });
    await route.fulfill({ response: fetched, headers: { ...fetched.headers(), "content-security-policy": "script-src 'none'" } });
  });
  return context;
}

test.describe("placements' follow-up and outcomes", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(240_000);

  test("NAV Hamar answers a check-in, schedules an extra one and is refused bad input", async ({ browser }) => {
    const context = await navHamarContext(browser);
    const page = await context.newPage();
    await page.goto(building);
    await expectPageStructure(page, "nb");
    await expect(page.getByText(nb("placementFollowup.youAre.followUp"))).toBeVisible();
    await expectNoAxeViolations(page);

    const midway = page.locator("article", { hasText: nb("placements.checkinKind.midway") });
    await midway.getByRole("button", { name: nb("placementFollowup.checkin.submit") }).click();
    await expect(page.getByText(nb("placementFollowup.error.attendance")).first()).toBeVisible();
    await expect(page.getByText(nb("placementFollowup.error.nextStep")).first()).toBeVisible();
    await expectNoAxeViolations(page);

    const again = page.locator("article", { hasText: nb("placements.checkinKind.midway") });
    await again.getByLabel(nb("placements.attendance.some_absence"), { exact: true }).check();
    await again.getByLabel(nb("placementFollowup.checkin.needsSupport.yes"), { exact: true }).check();
    await again.getByLabel(nb("placements.nextStep.extend"), { exact: true }).check();
    await again.getByLabel(nb("placementFollowup.checkin.note"), { exact: true }).fill("Avtalt to uker til med mentor før vi vurderer fast stilling.");
    await again.getByRole("button", { name: nb("placementFollowup.checkin.submit") }).click();
    await expect(page).toHaveURL(/lagret=answered/);
    await expect(page.getByRole("status")).toContainText(nb("placementFollowup.saved.answered"));
    await expect(page.getByText("Avtalt to uker til med mentor før vi vurderer fast stilling.")).toBeVisible();

    await page.getByLabel(nb("placementFollowup.extra.dueOn"), { exact: true }).fill("2000-01-01");
    await page.getByRole("button", { name: nb("placementFollowup.extra.submit") }).click();
    await expect(page.getByText(/Datoen kan ikke være før plassen starter/).first()).toBeVisible();

    await page.goto(apprenticeship);
    await page.getByLabel(nb("placementFollowup.outcomes.outcome"), { exact: true }).selectOption("ended_early");
    await page.getByLabel(nb("placementFollowup.outcomes.count"), { exact: true }).fill("1");
    await page.getByRole("button", { name: nb("placementFollowup.outcomes.submit") }).click();
    await expect(page.getByText(nb("placementFollowup.error.reasonRequired")).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await context.close();
  });

  test("the employer reads the notes, records nothing it may not, and answers no check-in", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "employer", phone);
    const page = await context.newPage();
    await page.goto(building);
    await expectPageStructure(page, "nb");
    await expect(page.getByText("Avtalt to uker til med mentor før vi vurderer fast stilling.")).toBeVisible();
    await expect(page.getByRole("button", { name: nb("placementFollowup.checkin.submit") })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.goto(apprenticeship);
    await expect(page.getByTestId("placement-outcomes")).toContainText(nb("placements.outcome.lasting_work"));
    await page.getByLabel(nb("placementFollowup.outcomes.count"), { exact: true }).fill("9999");
    await page.getByRole("button", { name: nb("placementFollowup.outcomes.submit") }).click();
    await expect(page.getByText(nb("placementFollowup.error.count")).first()).toBeVisible();
    await expectNoAxeViolations(page);

    // Answering is the follow-up contact's: the employer's forged answer is refused.
    const html = await (await page.request.get(building)).text();
    const checkinId = /name="checkinId" value="([0-9a-f-]{36})"/.exec(html)?.[1] ?? "00000000-0000-4000-8000-000000000000";
    const forged = await page.request.post(building, {
      form: { _csrf: csrfTokenFrom(html), intent: "answer", checkinId, attendance: "good", needsSupport: "no", nextStep: "continue", note: "" },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    const unknownIntent = await page.request.post(building, { form: { _csrf: csrfTokenFrom(html), intent: "delete" }, maxRedirects: 0 });
    expect(unknownIntent.status()).toBe(400);
    await context.close();
  });

  test("no coordinator, county advisor or IMDi reads a placement's follow-up", async () => {
    for (const role of ["coordinator_hamar", "coordinator_tonsberg", "county_advisor", "national_admin", "org_admin"] as const) {
      const api = await apiFor(role);
      const response = await api.get(building);
      expect(response.status(), role).toBe(403);
      expect(await response.text(), role).not.toContain("mentor");
      await api.dispose();
    }
  });

  test("the share that became lasting work shows on the kommune, county and national overviews", async ({ browser }) => {
    for (const [role, url] of [
      ["coordinator_hamar", "/kommuner/3403/oversikt"],
      ["county_advisor", "/fylker/34/oversikt"],
      ["national_admin", "/oversikt"],
    ] as const) {
      const context = await noScriptContextFor(browser, role, phone);
      const page = await context.newPage();
      await page.goto(url);
      await expect(page.getByRole("heading", { name: nb("placementFollowup.figures.heading") })).toBeVisible();
      await expect(page.getByTestId("lasting-work-share")).toContainText(/%/);
      await expect(page.getByRole("heading", { name: nb("placementFollowup.flag.heading") })).toBeVisible();
      await context.close();
    }
    // The kommune's public summary has no placement figures.
    const visitor = await browser.newContext(phone);
    const page = await visitor.newPage();
    await page.goto("/kommuner/3403/oversikt");
    await expect(page.getByRole("heading", { name: nb("placementFollowup.figures.heading") })).toHaveCount(0);
    await visitor.close();
  });
});
