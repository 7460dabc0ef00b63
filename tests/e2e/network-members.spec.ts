import { expect, expectNoAxeViolations, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { demoNetworkIds, demoOrganizationIds, UNKNOWN_ID } from "../../app/domain/demo/ids.ts";

/**
 * Network membership (issue 12): Innlandet fylkeskommune, which runs
 * Integreringsnettverk Innlandet, adds an organisation from the register and
 * a kommune of its fylke and removes a member after a confirm step, without
 * JavaScript; an organisation's admin takes their organisation out; nobody
 * else changes the list.
 */

const membersUrl = `/nettverk/${demoNetworkIds.innlandet}/medlemmer`;
const phone = { viewport: { width: 375, height: 740 } };

test.describe("network members", () => {
  test.setTimeout(240_000);

  test("Innlandet's advisor adds an organisation and a kommune and removes the kommune again, without JavaScript on a phone", async ({ pageAs }) => {
    const page = await pageAs("county_advisor", { javaScript: false, ...phone });
    await page.goto(`/nettverk/${demoNetworkIds.innlandet}`);
    await page.getByRole("link", { name: "Legg til og fjern medlemmer" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Medlemmer i");
    await expectNoAxeViolations(page);

    await page.getByLabel("Søk i organisasjonsregisteret").fill("Tønsberg");
    await page.getByRole("button", { name: "Søk", exact: true }).click();
    const add = page.getByRole("button", { name: /^Legg til / }).first();
    const label = (await add.textContent())!.trim();
    const name = label.replace(/^Legg til /, "");
    await expectNoAxeViolations(page);
    await add.click();
    await expect(page.getByRole("status")).toContainText("Medlemmet er lagt til.");
    await expect(page.getByTestId("network-members").getByRole("link", { name, exact: true })).toBeVisible();

    await page.getByLabel("Kommune i fylket").selectOption({ label: "Lillehammer" });
    await page.getByRole("button", { name: "Legg til kommunen" }).click();
    await expect(page.getByTestId("network-members").getByRole("link", { name: "Lillehammer", exact: true })).toBeVisible();
    // A kommune of another fylke is not offered.
    await expect(page.getByLabel("Kommune i fylket").locator("option", { hasText: "Tønsberg" })).toHaveCount(0);

    await page.getByRole("link", { name: "Fjern Lillehammer fra nettverket" }).click();
    const confirm = page.getByRole("region", { name: "Fjerne Lillehammer fra nettverket?" });
    await expectNoAxeViolations(page);
    await confirm.getByRole("button", { name: "Fjern medlemmet" }).click();
    await expect(page.getByText("Kryss av for å bekrefte.").first()).toBeVisible();
    await page.getByLabel("Ja, fjern medlemmet").check();
    await page.getByRole("region", { name: "Fjerne Lillehammer fra nettverket?" }).getByRole("button", { name: "Fjern medlemmet" }).click();
    await expect(page.getByRole("status")).toContainText("Medlemmet er fjernet.");
    await expect(page.getByTestId("network-members").getByRole("link", { name: "Lillehammer", exact: true })).toHaveCount(0);

    // Put the demo list back as it was for the other specs.
    await page.getByRole("link", { name: `Fjern ${name} fra nettverket` }).click();
    await page.getByLabel("Ja, fjern medlemmet").check();
    await page
      .getByRole("region", { name: `Fjerne ${name} fra nettverket?` })
      .getByRole("button", { name: "Fjern medlemmet" })
      .click();
    await expect(page.getByRole("status")).toContainText("Medlemmet er fjernet.");
  });

  test("members see the list without the tools; an organisation admin takes their organisation out after a confirm step", async ({ pageAs, apiAs }) => {
    const member = await pageAs("org_member", { javaScript: false });
    await member.goto(membersUrl);
    await expect(member.getByTestId("network-members")).toBeVisible();
    await expect(member.getByRole("heading", { name: "Legg til en organisasjon" })).toHaveCount(0);
    await expect(member.getByRole("link", { name: /^Meld .* ut av nettverket$/ })).toHaveCount(0);
    await expectNoAxeViolations(member);

    const admin = await pageAs("org_admin", { javaScript: false });
    await admin.goto(membersUrl);
    await admin
      .getByRole("link", { name: /^Meld .* ut av nettverket$/ })
      .first()
      .click();
    await expectNoAxeViolations(admin);
    await admin.getByLabel("Ja, meld organisasjonen ut").check();
    await admin.getByRole("button", { name: "Meld ut" }).click();
    await expect(admin).toHaveURL(new RegExp(`/nettverk/${demoNetworkIds.innlandet}$`));

    // Innlandet's advisor adds it back (the other specs expect the demo members).
    const api = await apiAs("county_advisor");
    const token = csrfTokenFrom(await (await api.get(membersUrl)).text());
    for (const organizationId of [demoOrganizationIds.hamarVolunteerCentre, demoOrganizationIds.hamarLanguageCafe]) {
      const back = await api.post(membersUrl, { form: { _csrf: token, intent: "add-organization", organizationId }, maxRedirects: 0 });
      // 302: added back; 400: still a member ("already a member").
      expect([302, 400]).toContain(back.status());
    }
  });

  test("nobody but the organising body changes the list; a foreign member id and bad input are refused", async ({ apiAs }) => {
    const post = async (role: Parameters<typeof apiAs>[0], form: Record<string, string>) => {
      const api = await apiAs(role);
      const token = csrfTokenFrom(await (await api.get("/nettverk")).text());
      return api.post(membersUrl, { form: { _csrf: token, ...form }, maxRedirects: 0 });
    };
    for (const role of ["national_admin", "coordinator_hamar", "coordinator_tonsberg", "org_admin", "employer"] as const) {
      expect((await post(role, { intent: "add-municipality", municipalityNumber: "3405" })).status(), role).toBe(403);
      expect((await post(role, { intent: "remove", memberId: UNKNOWN_ID, confirm: "on" })).status(), role).toBe(403);
    }
    // A member id that is not this network's.
    expect((await post("county_advisor", { intent: "remove", memberId: UNKNOWN_ID, confirm: "on" })).status()).toBe(404);
    // Bad input: another fylke's kommune, a malformed number, a malformed id, no tick, an unknown intent.
    expect((await post("county_advisor", { intent: "add-municipality", municipalityNumber: "3905" })).status()).toBe(400);
    expect((await post("county_advisor", { intent: "add-municipality", municipalityNumber: "<script>" })).status()).toBe(400);
    expect((await post("county_advisor", { intent: "add-organization", organizationId: "x" })).status()).toBe(400);
    expect((await post("county_advisor", { intent: "remove", memberId: UNKNOWN_ID })).status()).toBe(400);
    expect((await post("county_advisor", { intent: "nope" })).status()).toBe(400);
    expect((await post("org_member", { intent: "leave", organizationId: demoOrganizationIds.hamarVolunteerCentre, confirm: "on" })).status()).toBe(403);
  });
});
