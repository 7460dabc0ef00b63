import { demoWorkshopActionIds, demoWorkshops } from "../../app/domain/demo/ids.ts";
import { apiFor, expect, expectNoAxeViolations, expectPageStructure, noScriptContextFor, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { message, type TestLocale } from "./support/messages.ts";
import { ids } from "./route-manifest.ts";

/**
 * The action plan (issue 13, H4), at phone width (375px) and without JavaScript: the volunteer centre's admin
 * updates its own action's status and adds a progress note on Hamar's closed workshop's plan (the follow-up goes on
 * after close), with the "what moved since last time" diff above; Hamar's coordinator adds an action, edits it and
 * deletes it after the confirmation step; the kommune overview shows the plan's progress. Then refusals over HTTP:
 * another organisation's member, another kommune's coordinator, an unknown status, another workshop's action.
 */

const msg = (locale: TestLocale, key: string, values: Record<string, string> = {}) =>
  Object.entries(values).reduce((text, [name, value]) => text.replace(`{${name}}`, value), message(locale, key));

const phone = { viewport: { width: 375, height: 740 } };
const hamarPlan = `/verksteder/${demoWorkshops.hamar.id}/handlingsplan`;
const kinnPlan = `/verksteder/${demoWorkshops.kinn.id}/handlingsplan`;
const mentors = demoWorkshopActionIds.volunteerMentors;

test.describe("the action plan", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(300_000);

  test("the volunteer centre's admin follows up its own action on the closed workshop's plan", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "org_admin", phone);
    const page = await context.newPage();
    await page.goto(hamarPlan);
    await expectPageStructure(page, "nb");
    await expect(page.getByRole("heading", { name: msg("nb", "workshops.actions.diff.heading") })).toBeVisible();
    await expect(page.getByText(msg("nb", "workshops.actions.closedNote"))).toBeVisible();
    await expectNoAxeViolations(page);

    const card = page.locator(`#tiltak-${mentors}`);
    // Only its own action has the follow-up forms.
    await expect(page.getByRole("button", { name: msg("nb", "workshops.actions.saveStatus") })).toHaveCount(1);
    await card.getByLabel(msg("nb", "workshops.actions.field.status")).selectOption("done");
    await card.getByRole("button", { name: msg("nb", "workshops.actions.saveStatus") }).click();
    await expect(page).toHaveURL(/lagret=status/);
    await expect(page.getByText(msg("nb", "workshops.actions.notice.status"))).toBeVisible();

    // An empty note comes back with its message; a real one is shown under the organisation's name.
    await page
      .locator(`#tiltak-${mentors}`)
      .getByRole("button", { name: msg("nb", "workshops.actions.addNote") })
      .click();
    await expect(page.locator(`#tiltak-${mentors}`).getByText(message("nb", "validation.required")).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.locator(`#tiltak-${mentors}`).getByLabel(msg("nb", "workshops.actions.field.note")).fill("Alle mentorene har hatt sin første samtale.");
    await page
      .locator(`#tiltak-${mentors}`)
      .getByRole("button", { name: msg("nb", "workshops.actions.addNote") })
      .click();
    await expect(page).toHaveURL(/lagret=notat/);
    await expect(page.locator(`#tiltak-${mentors}`)).toContainText("Hamar frivilligsentral: Alle mentorene har hatt sin første samtale.");
    await context.close();
  });

  test("Hamar's coordinator adds an action, edits it and deletes it after confirming; the overview shows the plan's progress", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "coordinator_hamar", phone);
    const page = await context.newPage();
    await page.goto(hamarPlan);
    const form = page.locator("form", { has: page.getByRole("button", { name: msg("nb", "workshops.actions.create") }) });
    // Neither e-mail nor phone: refused with its message.
    await form.getByLabel(msg("nb", "workshops.actions.field.title"), { exact: true }).fill("Felles rekrutteringsdag for frivillige");
    await form.getByLabel(msg("nb", "workshops.actions.field.owner"), { exact: true }).selectOption({ label: "Hamar frivilligsentral" });
    await form.getByLabel(msg("nb", "workshops.actions.field.contactName")).fill("Ola Organisasjonsleder");
    await form.getByLabel(msg("nb", "workshops.actions.field.deadline")).fill("2030-03-01");
    await form.getByRole("button", { name: msg("nb", "workshops.actions.create") }).click();
    await expect(page.getByText(msg("nb", "workshops.actions.error.emailOrPhone")).first()).toBeVisible();
    await expectNoAxeViolations(page);
    const retry = page.locator("form", { has: page.getByRole("button", { name: msg("nb", "workshops.actions.create") }) });
    await retry.getByLabel(msg("nb", "workshops.actions.field.contactPhone")).fill("+47 900 00 000");
    await retry.getByRole("button", { name: msg("nb", "workshops.actions.create") }).click();
    await expect(page).toHaveURL(/lagret=ny/);
    await expect(page.getByRole("heading", { name: "Felles rekrutteringsdag for frivillige" })).toBeVisible();

    await page.getByRole("link", { name: msg("nb", "workshops.actions.editLink", { action: "Felles rekrutteringsdag for frivillige" }) }).click();
    await expectPageStructure(page, "nb");
    await expectNoAxeViolations(page);
    await page.getByLabel(msg("nb", "workshops.actions.field.deadline")).fill("2030-04-01");
    await page.getByRole("button", { name: msg("nb", "workshops.actions.save") }).click();
    await expect(page).toHaveURL(/lagret=endret/);

    await page.getByRole("link", { name: msg("nb", "workshops.actions.editLink", { action: "Felles rekrutteringsdag for frivillige" }) }).click();
    await page.getByRole("button", { name: msg("nb", "workshops.actions.delete") }).click();
    await expect(page.getByText(msg("nb", "workshops.actions.error.confirm")).first()).toBeVisible();
    await page.getByLabel(msg("nb", "workshops.actions.deleteConfirm")).check();
    await page.getByRole("button", { name: msg("nb", "workshops.actions.delete") }).click();
    await expect(page).toHaveURL(/lagret=slettet/);
    await expect(page.getByRole("heading", { name: "Felles rekrutteringsdag for frivillige" })).toHaveCount(0);

    await page.goto(`/kommuner/${ids.hamar}/oversikt`);
    const table = page.getByTestId("overview-action-plans");
    await expect(table.getByRole("link")).toHaveAttribute("href", hamarPlan);
    await context.close();
  });

  test("refuses another organisation's member, another kommune's coordinator, unknown statuses and another workshop's action", async () => {
    const employer = await apiFor("employer");
    const employerToken = csrfTokenFrom(await (await employer.get(hamarPlan)).text());
    const notOwner = await employer.post(hamarPlan, { form: { _csrf: employerToken, intent: "status", actionId: mentors, status: "dropped" } });
    expect(notOwner.status()).toBe(403);
    const notManager = await employer.post(hamarPlan, {
      form: {
        _csrf: employerToken,
        intent: "create",
        title: "Kapret",
        ownerOrganizationId: ids.hamarEmployer,
        contactName: "X Y",
        contactPhone: "12345678",
        deadline: "2030-01-01",
      },
    });
    expect(notManager.status()).toBe(403);

    const orgAdmin = await apiFor("org_admin");
    const token = csrfTokenFrom(await (await orgAdmin.get(hamarPlan)).text());
    expect((await orgAdmin.post(hamarPlan, { form: { _csrf: token, intent: "status", actionId: mentors, status: "finished" } })).status()).toBe(400);
    expect((await orgAdmin.post(hamarPlan, { form: { _csrf: token, intent: "shout", actionId: mentors } })).status()).toBe(400);

    const tonsberg = await apiFor("coordinator_tonsberg");
    expect((await tonsberg.get(hamarPlan)).status()).toBe(403);

    const kinn = await apiFor("coordinator_kinn");
    const kinnToken = csrfTokenFrom(await (await kinn.get(kinnPlan)).text());
    expect((await kinn.post(kinnPlan, { form: { _csrf: kinnToken, intent: "status", actionId: mentors, status: "done" } })).status()).toBe(404);
    expect((await kinn.post(`${kinnPlan}/${mentors}`, { form: { _csrf: kinnToken, intent: "delete", confirm: "on" } })).status()).toBe(404);

    const hamar = await apiFor("coordinator_hamar");
    const hamarToken = csrfTokenFrom(await (await hamar.get(hamarPlan)).text());
    const badDeadline = await hamar.post(`${hamarPlan}/${mentors}`, {
      form: {
        _csrf: hamarToken,
        intent: "save",
        title: "Frivillige mentorer",
        ownerOrganizationId: "x",
        contactName: "Ola",
        contactPhone: "12345678",
        deadline: "31.12.2030",
      },
    });
    expect(badDeadline.status()).toBe(400);
    const html = await badDeadline.text();
    expect(html).toContain(message("nb", "workshops.actions.error.deadline"));
    expect(html).toContain(message("nb", "workshops.actions.error.owner"));
  });
});
