import { apiFor, contextFor, expect, expectNoAxeViolations, noScriptContextFor, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { ids } from "./route-manifest.ts";

/**
 * No one to call in the kommune (issue 11, reads wrong 6): Hamar's coordinator publishes the kommune's contact for
 * voluntary and integration work without JavaScript, the public kommune page shows it, and only the kommune's own
 * coordinators (and IMDi) may change it.
 */

const internal = `/kommuner/${ids.hamar}/intern`;

test.describe("the kommune's contact", () => {
  test.describe.configure({ mode: "serial" });
  // Several page loads, form posts and axe runs each, on a shared two-core machine.
  test.setTimeout(300_000);

  test("Hamar's coordinator publishes a role contact, bad input comes back with field messages, and the public page shows it", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "coordinator_hamar");
    const page = await context.newPage();
    await page.goto(internal);
    const section = page.getByRole("region", { name: "Kommunens kontakt på den offentlige siden" });
    await section.getByLabel("Hvem svarer (rolle eller tjeneste)").fill("Frivillighetskoordinator, flyktningtjenesten");
    await section.getByLabel("E-post (funksjonsadresse)").fill("ikke en adresse");
    await section.getByRole("button", { name: "Vis på kommunesiden" }).click();
    await expect(page.getByText("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.").first()).toBeVisible();
    await expectNoAxeViolations(page);

    const again = page.getByRole("region", { name: "Kommunens kontakt på den offentlige siden" });
    await again.getByLabel("E-post (funksjonsadresse)").fill("frivillig@hamar.kommune.example");
    await again.getByLabel("Telefon").fill("+47 62 56 30 00");
    await again.getByRole("button", { name: "Vis på kommunesiden" }).click();
    await expect(page).toHaveURL(/kontakt-lagret=1/);
    await expect(page.getByRole("status")).toContainText("Kontakten vises nå på kommunesiden.");
    await expectNoAxeViolations(page);
    await context.close();

    const visitor = await browser.newContext();
    const publicPage = await visitor.newPage();
    await publicPage.goto(`/kommuner/${ids.hamar}`);
    const contact = publicPage.getByTestId("municipality-contact");
    await expect(contact.getByRole("heading", { name: "Kontakt for frivillighet og integrering" })).toBeVisible();
    await expect(contact).toContainText("Frivillighetskoordinator, flyktningtjenesten");
    await expect(contact.getByRole("link", { name: "frivillig@hamar.kommune.example" })).toHaveAttribute("href", "mailto:frivillig@hamar.kommune.example");
    await expect(contact.getByRole("link", { name: "+47 62 56 30 00" })).toHaveAttribute("href", "tel:+4762563000");
    await expectNoAxeViolations(publicPage);
    await visitor.close();
  });

  test("the county advisor reads it only; other kommuners' coordinators and organisation admins may not change it", async ({ browser }) => {
    const advisor = await contextFor(browser, "county_advisor");
    const page = await advisor.newPage();
    await page.goto(internal);
    await expect(page.getByText("Bare kommunens egne koordinatorer kan endre kontakten.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Vis på kommunesiden" })).toHaveCount(0);
    await advisor.close();

    for (const [role, status] of [
      ["county_advisor", 403],
      ["coordinator_tonsberg", 403],
      ["org_admin", 403],
    ] as const) {
      const api = await apiFor(role);
      const token = csrfTokenFrom(await (await api.get("/")).text());
      const response = await api.post(internal, { form: { _csrf: token, intent: "contact", name: "Overtatt", email: "x@y.example" } });
      expect(response.status(), role).toBe(status);
      const removed = await api.post(internal, { form: { _csrf: token, intent: "remove-contact" } });
      expect(removed.status(), role).toBe(status);
    }
    const anonymous = await browser.newContext();
    const publicPage = await anonymous.newPage();
    await publicPage.goto(`/kommuner/${ids.hamar}`);
    await expect(publicPage.getByTestId("municipality-contact")).not.toContainText("Overtatt");
    await anonymous.close();

    // The coordinator removes it again: the page says there is none.
    const coordinator = await apiFor("coordinator_hamar");
    const token = csrfTokenFrom(await (await coordinator.get(internal)).text());
    const removed = await coordinator.post(internal, { form: { _csrf: token, intent: "remove-contact" } });
    expect(removed.status()).toBe(302);
    expect(await (await coordinator.get(`/kommuner/${ids.hamar}`)).text()).toContain("Kommunen har ikke oppgitt en kontakt ennå.");
  });
});
