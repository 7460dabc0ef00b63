import type { Page } from "@playwright/test";
import { demoNeedIds, demoOrganizationIds } from "../../app/domain/demo/ids.ts";
import { expect, expectNoAxeViolations, expectPageStructure, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { dataUrl } from "./support/loader-data.ts";
import { message } from "./support/messages.ts";

/**
 * Needs (issue 14). The done-when scenario: Hamar's coordinator posts a housing-guidance need tied to next March's
 * settlement (without JavaScript, at phone width); two organisations commit; the coordinator accepts both and the need
 * is covered. The public sees the progress, never the contact or who committed what (page and loader data). Then the
 * demo data as each role sees it, the kommune overview's needs part, and bad input and refusals over HTTP.
 */

const nb = (key: string, values: Record<string, string | number> = {}) =>
  Object.entries(values).reduce((text, [name, value]) => text.replace(`{${name}}`, String(value)), message("nb", key));

const phone = { viewport: { width: 390, height: 844 } };

function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function nextMarch(): string {
  const now = new Date();
  return `${now.getUTCMonth() >= 2 ? now.getUTCFullYear() + 1 : now.getUTCFullYear()}-03`;
}

async function post(page: Page, url: string, form: Record<string, string>) {
  const html = await (await page.request.get(url)).text();
  return page.request.post(url, { form: { _csrf: csrfTokenFrom(html), ...form }, maxRedirects: 0 });
}

async function commit(page: Page, url: string, quantity: string, message: string) {
  await page.goto(url);
  await page.getByLabel(nb("needs.commit.quantity", { unit: nb("needs.unit.people") })).fill(quantity);
  await page.getByLabel(nb("needs.commit.message")).fill(message);
  await page.getByRole("button", { name: nb("needs.commit.submit") }).click();
  await expect(page.getByRole("status")).toContainText(nb("needs.notice.committed"));
}

test.describe("needs", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(300_000);

  test("Hamar's coordinator posts a housing-guidance need, two organisations commit, it fills; the public sees progress only", async ({ pageAs, browser }) => {
    const title = `Boveiledere til marsfamiliene ${Date.now()}`;
    const secret = `Seks av oss snakker dari ${Date.now()}`;
    const coordinator = await pageAs("coordinator_hamar", { ...phone, javaScript: false });
    await coordinator.goto("/behov/ny");
    await expectPageStructure(coordinator);
    await expectNoAxeViolations(coordinator);
    await coordinator.getByLabel(nb("needs.field.title")).fill(title);
    await coordinator.getByLabel(nb("needs.field.description")).fill("Vi trenger boveiledere som følger en familie de første månedene etter bosettingen.");
    await coordinator.getByLabel(nb("needs.field.theme")).selectOption("housing");
    await coordinator.getByLabel(message("nb", "activity.target.families"), { exact: true }).check();
    await coordinator.getByLabel(nb("needs.field.quantity")).fill("20");
    await coordinator.getByLabel(nb("needs.field.periodStart")).fill(`${nextMarch()}-01`);
    await coordinator.getByLabel(nb("needs.field.deadline"), { exact: true }).fill(dateIn(30));
    await coordinator.getByLabel(nb("needs.field.settlementMonth")).selectOption(nextMarch());
    await coordinator.getByLabel(nb("needs.field.contactName")).fill("Flyktningtjenesten");
    await coordinator.getByLabel(nb("needs.field.contactEmail")).fill("boveiledning@hamar.kommune.example");
    await coordinator.getByRole("button", { name: nb("needs.new.submit") }).click();
    await expect(coordinator).toHaveURL(/\/behov\/[0-9a-f-]{36}\?lagret=1$/);
    const needUrl = new URL(coordinator.url()).pathname;
    await expect(coordinator.getByRole("status")).toContainText(nb("needs.notice.saved"));
    await expect(coordinator.getByTestId("need-settlement-month")).toBeVisible();
    await expectNoAxeViolations(coordinator);

    // Two organisations commit: the volunteer centre (8) and Mjøs Bygg (12).
    const volunteerCentre = await pageAs("org_admin", phone);
    await commit(volunteerCentre, needUrl, "8", secret);
    await expectNoAxeViolations(volunteerCentre);
    const employer = await pageAs("employer");
    await commit(employer, needUrl, "12", "Tolv ansatte vil være boveiledere.");
    // The employer sees its own commitment, not the other organisation's message.
    await expect(employer.getByTestId("need-own-commitments")).toContainText("Mjøs Bygg");
    expect(await employer.content()).not.toContain(secret);

    // The coordinator accepts both (no JavaScript): the need is covered.
    await coordinator.goto(needUrl);
    await expect(coordinator.getByTestId("need-commitments")).toContainText(secret);
    await coordinator.getByRole("button", { name: nb("needs.commitments.accept", { organization: "Hamar frivilligsentral" }) }).click();
    await expect(coordinator.getByRole("status")).toContainText(nb("needs.notice.accepted"));
    await coordinator.getByRole("button", { name: nb("needs.commitments.accept", { organization: "Mjøs Bygg AS" }) }).click();
    await expect(coordinator.getByRole("status")).toContainText(nb("needs.notice.fulfilled"));
    await expect(coordinator.getByText(nb("needs.status.fulfilled")).first()).toBeVisible();
    await expectNoAxeViolations(coordinator);

    // The public: progress, no contact, no commitments — in the page and in its loader data.
    const visitor = await (await browser.newContext(phone)).newPage();
    await visitor.goto(needUrl);
    await expect(visitor.locator("main")).toContainText(nb("needs.progress", { accepted: 20, quantity: 20, unit: nb("needs.unit.people") }));
    const html = await visitor.content();
    expect(html).not.toContain("boveiledning@hamar.kommune.example");
    expect(html).not.toContain(secret);
    const data = await (await visitor.request.get(dataUrl(needUrl))).text();
    expect(data).toContain(title);
    expect(data).not.toContain("boveiledning@hamar.kommune.example");
    expect(data).not.toContain(secret);
    await expectNoAxeViolations(visitor);
  });

  test("the demo: each role sees what it may of Hamar's housing-guidance need; the overview and the kommune page lead to needs", async ({
    pageAs,
    browser,
  }) => {
    const url = `/behov/${demoNeedIds.hamarHousingGuidance}`;
    const contact = "flyktningtjenesten@hamar.kommune.example";
    const pendingMessage = "Tolv språkvenner kan bli boveiledere";

    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(url);
    await expect(visitor.locator("main")).toContainText(nb("needs.contactSignIn"));
    expect(await visitor.content()).not.toContain(contact);
    expect(await (await visitor.request.get(dataUrl(url))).text()).not.toContain(pendingMessage);

    // Another kommune's coordinator: the contact (the public side), never the commitments.
    const tonsberg = await pageAs("coordinator_tonsberg");
    await tonsberg.goto(url);
    await expect(tonsberg.getByTestId("need-commitments")).toHaveCount(0);
    expect(await (await tonsberg.request.get(dataUrl(url))).text()).not.toContain(pendingMessage);

    // A member of the volunteer centre: the contact and its own (accepted) commitment.
    const member = await pageAs("org_member");
    await member.goto(url);
    await expect(member.getByTestId("need-contact")).toContainText(contact);
    await expect(member.getByTestId("need-own-commitments")).toContainText("Hamar frivilligsentral");
    expect(await (await member.request.get(dataUrl(url))).text()).not.toContain(pendingMessage);

    // The owner: every commitment, with its message; the settlement month.
    const coordinator = await pageAs("coordinator_hamar");
    await coordinator.goto(url);
    await expect(coordinator.getByTestId("need-commitments")).toContainText(pendingMessage);
    await expect(coordinator.getByTestId("need-settlement-month")).toBeVisible();

    // The list: filter by settlement month; the kommune page and the overview link here.
    await visitor.goto(`/behov?bosetting=${nextMarch()}`);
    await expect(visitor.getByTestId("needs-table")).toContainText("20 boveiledere for familier som bosettes i mars");
    await visitor.goto("/kommuner/3403");
    await visitor.getByRole("link", { name: nb("needs.kommunePage.link") }).click();
    await expect(visitor).toHaveURL(/\/behov\?kommune=3403$/);
    await expect(visitor.getByTestId("needs-table")).toContainText("Leksehjelp for 15 elever på mottaket");

    await coordinator.goto("/kommuner/3403/oversikt");
    await expect(coordinator.getByTestId("overview-needs-gaps")).toBeVisible();
    await expect(coordinator.getByTestId("overview-needs-demand")).toContainText(message("nb", "activity.theme.housing"));
    await expect(coordinator.getByTestId("overview-needs-settlement")).toContainText("20 boveiledere for familier som bosettes i mars");
    await expectNoAxeViolations(coordinator);

    // Next to the settlement figures: the needs tied to a settlement month.
    await coordinator.goto("/kommuner/3403/bosetting");
    await expect(coordinator.getByTestId("settlement-needs")).toContainText("20 boveiledere for familier som bosettes i mars");
    await expectNoAxeViolations(coordinator);

    // The start page: the coordinator's own open needs, with commitments waiting.
    await coordinator.goto("/");
    await expect(coordinator.getByTestId("start-needs")).toContainText("20 boveiledere for familier som bosettes i mars");
  });

  test("bad input and refusals over HTTP", async ({ pageAs, browser }) => {
    const coordinator = await pageAs("coordinator_hamar");
    const good = {
      owner: "kommune",
      municipalityNumber: "3403",
      title: "Et behov",
      description: "En beskrivelse som er lang nok.",
      theme: "housing",
      unit: "people",
      quantity: "3",
      periodStart: dateIn(10),
      deadline: dateIn(5),
      contactName: "Flyktningtjenesten",
      contactEmail: "a@hamar.kommune.example",
    };
    const bads: Record<string, string>[] = [
      { quantity: "0" },
      { quantity: "abc" },
      { theme: "astrology" },
      { deadline: dateIn(-1) },
      { municipalityNumber: "3905" },
      { owner: demoOrganizationIds.tonsbergRedCross },
      { contactEmail: "", contactPhone: "" },
      { title: "x".repeat(500) },
      { targetGroups: "aliens" },
      { settlementMonth: "2027-13" },
    ];
    for (const bad of bads) {
      const response = await post(coordinator, "/behov/ny", { ...good, ...bad });
      expect(response.status(), JSON.stringify(bad)).toBe(400);
    }
    const hamarNeed = `/behov/${demoNeedIds.hamarHousingGuidance}`;
    expect((await post(coordinator, hamarNeed, { intent: "explode" })).status()).toBe(400);
    expect((await post(coordinator, hamarNeed, { intent: "extend", deadline: "i går" })).status()).toBe(400);

    // A forged organisation in the commitment form: not the member's own.
    const member = await pageAs("org_member");
    const forged = await post(member, `/behov/${demoNeedIds.hamarReceptionHomework}`, {
      intent: "commit",
      organizationId: demoOrganizationIds.hamarEmployer,
      quantity: "2",
      fromDate: dateIn(20),
      message: "",
    });
    expect(forged.status()).toBe(400);

    // Tønsberg's coordinator may not decide Hamar's commitments, nor close Hamar's need.
    const tonsberg = await pageAs("coordinator_tonsberg");
    expect((await post(tonsberg, hamarNeed, { intent: "close" })).status()).toBe(403);
    expect((await post(tonsberg, hamarNeed, { intent: "accept", commitmentId: demoNeedIds.hamarHousingGuidance })).status()).toBe(403);
    // The county advisor coordinates Innlandet but does not own Hamar's need.
    const county = await pageAs("county_advisor");
    expect((await post(county, hamarNeed, { intent: "close" })).status()).toBe(403);

    // Anonymous posts go to sign-in.
    const anonymous = await browser.newContext();
    const page = await anonymous.newPage();
    const response = await post(page, hamarNeed, { intent: "close" });
    expect([302, 303]).toContain(response.status());
    expect(response.headers()["location"]).toContain("/logg-inn");
  });
});
