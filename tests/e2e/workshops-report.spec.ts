import { demoWorkshopEscalationIds, demoWorkshops } from "../../app/domain/demo/ids.ts";
import { expect, expectNoAxeViolations, expectPageStructure, noScriptContextFor, test } from "./support/fixtures.ts";
import { message } from "./support/messages.ts";

/**
 * Above the kommune, common obstacles and the report (issue 13, H5), at phone width (375px) and without
 * JavaScript: IMDi's inbox shows Hamar's answered obstacle and the common obstacles list Hamar; Innlandet's advisor
 * sends an empty answer back (bad input) and then passes the open one on to IMDi; Hamar's coordinator hands an
 * obstacle up and reads the printable report and its PDF; the employer, a participant, sees IMDi's answer.
 */

const phone = { viewport: { width: 375, height: 740 } };
const hamar = demoWorkshops.hamar.id;

test.describe("workshop report and obstacles above the kommune", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(300_000);

  test("IMDi sees Hamar's answered obstacle and the common obstacles", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "national_admin", phone);
    const page = await context.newPage();
    await page.goto("/verksteder/innspill");
    await expectPageStructure(page, "nb");
    await expect(page.getByRole("heading", { name: message("nb", "workshops.escalation.inbox.answered") })).toBeVisible();
    await expect(page.getByText(message("nb", "workshops.escalation.status.taken_up")).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/verksteder/hindringer-pa-tvers");
    await expectPageStructure(page, "nb");
    await expect(page.getByText(/Hamar/).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await context.close();
  });

  test("Innlandet's advisor: an empty answer comes back with its message; then passes the obstacle on to IMDi", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "county_advisor", phone);
    const page = await context.newPage();
    await page.goto("/verksteder/innspill");
    const item = page.locator("li", { has: page.locator(`input[name=escalationId][value="${demoWorkshopEscalationIds.hamarToInnlandet}"]`) }).first();
    await item.getByText(message("nb", "workshops.escalation.inbox.answerHeading")).click();
    await item.getByRole("button", { name: message("nb", "workshops.escalation.inbox.submit") }).click();
    await expect(page.getByText(message("nb", "workshops.escalation.error.answer")).first()).toBeVisible();
    await expectNoAxeViolations(page);
    const again = page.locator("li", { has: page.locator(`input[name=escalationId][value="${demoWorkshopEscalationIds.hamarToInnlandet}"]`) }).first();
    await again.getByText(message("nb", "workshops.escalation.inbox.passOnHeading")).click();
    await again.getByLabel(message("nb", "workshops.escalation.inbox.reason")).fill("Reglene for mottakene er nasjonale.");
    await again.getByRole("button", { name: message("nb", "workshops.escalation.inbox.passOnSubmit") }).click();
    await expect(page).toHaveURL(/videresendt/);
    await expect(page.getByText(message("nb", "workshops.escalation.inbox.passedOn.notice"))).toBeVisible();
    await context.close();
  });

  test("Hamar's coordinator hands an obstacle up and reads the report and its PDF", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "coordinator_hamar", phone);
    const page = await context.newPage();
    await page.goto(`/verksteder/${hamar}/innspill`);
    await expectPageStructure(page, "nb");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: message("nb", "workshops.escalation.form.submit") }).click();
    await expect(page).toHaveURL(/sendt/);
    await expect(page.getByText(message("nb", "workshops.escalation.sent"))).toBeVisible();
    await page.goto(`/verksteder/${hamar}/rapport`);
    await expectPageStructure(page, "nb");
    await expect(page.getByRole("heading", { name: message("nb", "workshops.report.actions") })).toBeVisible();
    await expectNoAxeViolations(page);
    const pdf = await page.request.get(`/verksteder/${hamar}/rapport.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await context.close();
  });

  test("the employer, a participant, sees IMDi's answer and a report without names", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "employer", phone);
    const page = await context.newPage();
    await page.goto(`/verksteder/${hamar}/innspill`);
    await expect(page.getByText(message("nb", "workshops.escalation.status.taken_up")).first()).toBeVisible();
    await expect(page.getByRole("button", { name: message("nb", "workshops.escalation.form.submit") })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.goto(`/verksteder/${hamar}/rapport`);
    await expect(page.getByText(message("nb", "workshops.report.namesNote"))).toBeVisible();
    await expectNoAxeViolations(page);
    await context.close();
  });
});
