import type { Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO_PASSWORD, demoPlacementIds, extraDemoAccountEmails, UNKNOWN_ID } from "../../app/domain/demo/ids.ts";
import { INCENTIVES_LAST_CHECKED } from "../../app/domain/placements/incentives.ts";
import { expect, expectNoAxeViolations, expectPageStructure, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { dataUrl } from "./support/loader-data.ts";
import { message } from "./support/messages.ts";

/**
 * Placements (issue 14, H4), at phone width and without JavaScript: Mjøs Bygg's employer posts a practice placement
 * with NAV Hamar as follow-up contact and asks about the mentor grant, with the incentives beside the form; NAV Hamar
 * finds it first in its inbox and confirms; the public sees the placement but not the follow-up or the incentive
 * request. Then refusals per role over HTTP and bad input on every form.
 */

const nb = (key: string) => message("nb", key);
const phone = { viewport: { width: 375, height: 740 } };

/**
 * A context signed in as one of the extra demo accounts (not a manifest role), without the app's scripts: as in
 * noScriptContextFor, each page arrives with a policy forbidding scripts (Chromium's own switch also stops axe).
 */
async function signedInContext(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await browser.newContext(phone);
  await context.route("**/*", async (route) => {
    if (!route.request().isNavigationRequest()) return route.continue();
    const response = await route.fetch({ maxRedirects: 0 });
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": "script-src 'none'" } });
  });
  const form = await context.request.get("/logg-inn");
  const response = await context.request.post("/logg-inn", {
    form: { _csrf: csrfTokenFrom(await form.text()), intent: "password", next: "/", email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect([302, 303], `signing in as ${email}`).toContain(response.status());
  return context;
}

async function post(page: Page, url: string, form: Record<string, string | string[]>, csrfFrom = url) {
  const html = await (await page.request.get(csrfFrom)).text();
  const body = new URLSearchParams();
  body.append("_csrf", csrfTokenFrom(html));
  for (const [name, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return page.request.post(url, {
    data: body.toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    maxRedirects: 0,
  });
}

let createdUrl = "";

test.describe("placements", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(300_000);

  test("the employer posts a practice placement with NAV Hamar as follow-up contact, seeing the incentives beside the form", async ({ pageAs }) => {
    const page = await pageAs("employer", { javaScript: false, ...phone });
    await page.goto("/");
    await page
      .getByTestId("start-placements")
      .getByRole("link", { name: nb("placements.start.post") })
      .click();
    await expect(page).toHaveURL(/\/praksisplasser\/ny$/);
    await expectPageStructure(page);
    // The incentives beside the form: NAV's and IMDi's own pages, and when the text was last checked.
    const aside = page.locator("aside");
    await expect(aside.locator('a[href^="https://www.nav.no/"]').first()).toBeVisible();
    await expect(aside.locator('a[href^="https://www.imdi.no/"]')).toBeVisible();
    await expect(aside).toContainText(INCENTIVES_LAST_CHECKED.slice(0, 4));
    await expectNoAxeViolations(page);

    // Nothing filled in: the summary names the fields, nothing is posted.
    await page.getByLabel(nb("placements.field.title"), { exact: true }).fill("");
    await page.getByRole("button", { name: nb("placements.new.submit") }).click();
    await expect(page.locator(".ds-error-summary, [data-testid=error-summary], [role=alert]").first()).toBeVisible();
    await expect(page).toHaveURL(/\/praksisplasser\/ny$/);
    await expectNoAxeViolations(page);

    const title = `Praksis som betongarbeider ${Date.now()}`;
    await page.getByLabel(nb("placements.field.title"), { exact: true }).fill(title);
    await page.getByLabel(nb("placements.field.occupation")).fill("Betongarbeider");
    await page.getByLabel(nb("placements.field.periodStart")).fill("2027-02-01");
    await page.getByLabel(nb("placements.field.periodEnd")).fill("2027-04-30");
    await page.getByLabel(nb("placements.field.places")).fill("2");
    await page.getByLabel(nb("placements.field.followUp"), { exact: true }).selectOption({ label: "NAV Hamar (Hamar)" });
    await page.getByRole("checkbox", { name: nb("placements.supportNeed.mentor") }).check();
    await page.getByRole("checkbox", { name: nb("placements.incentive.mentor_grant") }).check();
    await page.getByLabel(nb("placements.field.incentiveMessage")).fill("Kan formannen vår få mentortilskudd?");
    await page.getByLabel(nb("placements.field.contactName")).fill("Eirik, Mjøs Bygg");
    await page.getByLabel(nb("placements.field.contactEmail")).fill("hr@mjosbygg.samspill.example");
    await page.getByRole("button", { name: nb("placements.new.submit") }).click();

    await expect(page).toHaveURL(/\/praksisplasser\/[0-9a-f-]{36}\?lagt-ut=1$/);
    createdUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText(nb("placements.detail.created"))).toBeVisible();
    await expect(page.getByTestId("placement-follow-up-status")).toHaveText(nb("placements.followUpStatus.requested"));
    await expect(page.getByText("Kan formannen vår få mentortilskudd?")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("NAV Hamar finds it in its inbox, awaiting first, and confirms; the employer's start page shows it", async ({ browser, pageAs }) => {
    expect(createdUrl).not.toBe("");
    const context = await signedInContext(browser, extraDemoAccountEmails.nav_hamar);
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByTestId("start-placements-awaiting")).toContainText("Språkpraksis på lageret");
    await page
      .getByTestId("start-placements")
      .getByRole("link", { name: nb("placements.start.inbox") })
      .click();
    await expect(page).toHaveURL(/\/praksisplasser\/oppfolging$/);
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    const rows = page.getByTestId("placements-inbox").locator("tbody tr");
    // Those awaiting an answer (the new one and the demo's language practice) come before the confirmed ones.
    await expect(rows.nth(0)).toContainText(nb("placements.followUpStatus.requested"));
    await expect(rows.nth(1)).toContainText(nb("placements.followUpStatus.requested"));
    await expect(rows.nth(2)).toContainText(nb("placements.followUpStatus.confirmed"));
    await page.getByTestId("placements-inbox").locator(`a[href="${createdUrl}"]`).click();
    await expect(page.getByText("Kan formannen vår få mentortilskudd?")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: nb("placements.answer.confirm") }).click();
    await expect(page).toHaveURL(/\?svar=bekreftet$/);
    await expect(page.getByText(nb("placements.detail.confirmed"))).toBeVisible();
    await expect(page.getByRole("button", { name: nb("placements.answer.confirm") })).toHaveCount(0);
    // Answering twice is refused: it stays confirmed.
    const again = await post(page, createdUrl, { intent: "decline" });
    expect(again.status()).toBe(409);
    await context.close();

    const employer = await pageAs("employer", { javaScript: false, ...phone });
    await employer.goto("/");
    const own = employer.getByTestId("start-placements-own");
    await expect(own.locator("li").filter({ has: employer.locator(`a[href="${createdUrl}"]`) })).toContainText(nb("placements.followUpStatus.confirmed"));
  });

  test("the public reads the placement without its follow-up details or the incentive request; lists and incentives page", async ({ pageAs }) => {
    const page = await pageAs("anonymous", { javaScript: false, ...phone });
    await page.goto(createdUrl);
    await expectPageStructure(page);
    await expect(page.getByText("Følges opp av NAV Hamar.")).toBeVisible();
    await expect(page.getByText("Kan formannen vår få mentortilskudd?")).toHaveCount(0);
    await expect(page.getByTestId("placement-follow-up-status")).toHaveCount(0);
    const data = await (await page.request.get(dataUrl(createdUrl))).text();
    expect(data).not.toContain("mentortilskudd");
    expect(data).not.toContain("incentiveRequestMessage");
    await expectNoAxeViolations(page);

    await page.goto("/praksisplasser");
    await page.getByLabel(nb("placements.list.kind")).selectOption("practice_placement");
    await page.getByRole("button", { name: nb("placements.list.filterSubmit") }).click();
    await expect(page).toHaveURL(/type=practice_placement/);
    await expect(page.getByTestId("placements-table")).toContainText("Praksis som betongarbeider");
    await expect(page.getByTestId("placements-table")).not.toContainText("Språkpraksis på lageret");
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: nb("placements.list.incentives") }).click();
    await expect(page).toHaveURL(/\/praksisplasser\/insentiver$/);
    await expect(page.locator('a[href="https://www.nav.no/arbeidsgiver/lonnstilskudd"]')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("only the follow-up contact answers and only the employer edits; a non-public placement does not exist for others", async ({ apiAs, pageAs }) => {
    const awaiting = `/praksisplasser/${demoPlacementIds.hamarLanguagePracticeAwaiting}`;
    for (const role of ["employer", "coordinator_hamar", "coordinator_tonsberg", "county_advisor", "national_admin", "org_admin"] as const) {
      const api = await apiAs(role);
      const html = await (await api.get(awaiting)).text();
      const response = await api.post(awaiting, { form: { _csrf: csrfTokenFrom(html), intent: "confirm" }, maxRedirects: 0 });
      expect(response.status(), `${role} confirming`).toBe(403);
    }
    const anonymous = await apiAs("anonymous");
    const anonymousHtml = await (await anonymous.get(awaiting)).text();
    const signIn = await anonymous.post(awaiting, { form: { _csrf: csrfTokenFrom(anonymousHtml), intent: "confirm" }, maxRedirects: 0 });
    expect([302, 303]).toContain(signIn.status());
    expect(signIn.headers().location).toContain("/logg-inn");

    const building = `/praksisplasser/${demoPlacementIds.hamarBuildingPractice}`;
    const coordinator = await apiAs("coordinator_hamar");
    const editHtml = await (await coordinator.get(building)).text();
    expect((await coordinator.post(`${building}/rediger`, { form: { _csrf: csrfTokenFrom(editHtml), title: "Kapret" }, maxRedirects: 0 })).status()).toBe(403);

    // A placement the employer keeps out of the public list.
    const employer = await pageAs("employer", { javaScript: false, ...phone });
    const created = await post(employer, "/praksisplasser/ny", {
      employerOrganizationId: "00000000-0000-4000-8000-000000000103",
      kind: "mentoring",
      title: "Mentor i prosjektledelse (intern)",
      occupation: "Prosjektleder",
      sector: "construction",
      municipalityNumber: "3403",
      periodStart: "2027-03-01",
      languageRequirement: "b1",
      places: "1",
      followUpOrganizationId: "00000000-0000-4000-8000-00000000e002",
      contactName: "Eirik",
      contactPhone: "62 00 00 00",
    });
    expect(created.status()).toBe(302);
    const hidden = new URL(created.headers().location!, "http://x").pathname;
    expect((await anonymous.get(hidden)).status()).toBe(404);
    for (const role of ["coordinator_hamar", "coordinator_tonsberg", "national_admin", "org_admin"] as const) {
      expect((await (await apiAs(role)).get(hidden)).status(), role).toBe(404);
    }
    expect((await employer.request.get(hidden)).status()).toBe(200);
    expect((await anonymous.get(`/praksisplasser/${UNKNOWN_ID}`)).status()).toBe(404);
  });

  test("bad input on the new and edit forms and on the answer is refused with a message, never a 500", async ({ pageAs, apiAs }) => {
    const employer = await pageAs("employer", { javaScript: false, ...phone });
    const good = {
      employerOrganizationId: "00000000-0000-4000-8000-000000000103",
      kind: "practice_placement",
      title: "Praksis på lageret",
      occupation: "Lager",
      sector: "transport_logistics",
      municipalityNumber: "3403",
      periodStart: "2027-03-01",
      languageRequirement: "none",
      places: "1",
      followUpOrganizationId: "00000000-0000-4000-8000-00000000e002",
      contactName: "Eirik",
      contactPhone: "62 00 00 00",
    };
    const bad: Record<string, string | string[]>[] = [
      { places: "0" },
      { places: "tusen" },
      { periodStart: "2027-02-30" },
      { periodEnd: "2027-01-01" },
      { kind: "volunteering" },
      { municipalityNumber: "3905" },
      { followUpOrganizationId: UNKNOWN_ID },
      { followUpOrganizationId: "00000000-0000-4000-8000-000000000103" },
      { employerOrganizationId: "00000000-0000-4000-8000-000000000101" },
      { contactPhone: "", contactEmail: "" },
      { supportNeeds: ["mentor", "money"] },
      { title: "x".repeat(5000) },
      { title: ["a", "b"] },
    ];
    for (const change of bad) {
      const response = await post(employer, "/praksisplasser/ny", { ...good, ...change });
      expect(response.status(), JSON.stringify(change).slice(0, 80)).toBe(400);
      expect(await response.text()).toContain(nb("common.errorSummary").slice(0, 20));
    }
    const edit = `/praksisplasser/${demoPlacementIds.hamarBuildingPractice}/rediger`;
    const editBad = await post(employer, edit, { ...good, status: "paused" });
    expect(editBad.status()).toBe(400);
    const moved = await post(employer, edit, { ...good, status: "ongoing", municipalityNumber: "3905" });
    expect(moved.status()).toBe(400);

    const nav = await apiAs("coordinator_hamar");
    const inbox = await nav.get("/praksisplasser/oppfolging?side=999999");
    expect(inbox.status()).toBe(200);
    const detail = `/praksisplasser/${demoPlacementIds.hamarLanguagePracticeAwaiting}`;
    const html = await (await employer.request.get(detail)).text();
    const unknownIntent = await employer.request.post(detail, { form: { _csrf: csrfTokenFrom(html), intent: "approve-all" }, maxRedirects: 0 });
    expect(unknownIntent.status()).toBe(400);
  });
});
