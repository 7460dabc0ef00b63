import type { Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO_PASSWORD, demoGuidanceAttachmentIds, demoGuidanceRequestIds, extraDemoAccountEmails } from "../../app/domain/demo/ids.ts";
import { expect, expectNoAxeViolations, expectPageStructure, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { dataUrl } from "./support/loader-data.ts";
import { mailsTo } from "./support/mail.ts";
import { message } from "./support/messages.ts";
import { ids } from "./route-manifest.ts";

/**
 * Guidance requests (issue 12). The done-when scenario end to end: a small migrant organisation in Tønsberg asks about
 * grants; Tønsberg's coordinator hands it over to Vestfold fylkeskommune with a reason; Vestfold's advisor answers; the
 * asker sees the answer and the chain as bodies, never persons, and never the internal note — not in the page and not
 * in its loader data. Then bad input on every form, and refusals per role over HTTP.
 */

const nb = (key: string, values: Record<string, string> = {}) =>
  Object.entries(values).reduce((text, [name, value]) => text.replace(`{${name}}`, value), message("nb", key));

const phone = { viewport: { width: 390, height: 844 } };

/** A context signed in as one of the extra demo accounts (not a manifest role), with the password, as a user would. */
async function signedInContext(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await browser.newContext(phone);
  const form = await context.request.get("/logg-inn");
  const response = await context.request.post("/logg-inn", {
    form: { _csrf: csrfTokenFrom(await form.text()), intent: "password", next: "/", email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect([302, 303], `signing in as ${email}`).toContain(response.status());
  return context;
}

async function post(page: Page, url: string, form: Record<string, string>) {
  const html = await (await page.request.get(url)).text();
  return page.request.post(url, { form: { _csrf: csrfTokenFrom(html), ...form }, maxRedirects: 0 });
}

test.describe("guidance requests", () => {
  test.describe.configure({ mode: "serial" });
  // Three people, a dozen page loads and axe runs on a shared two-core machine.
  test.setTimeout(300_000);

  test("a migrant organisation in Tønsberg asks about grants; Tønsberg hands over to Vestfold fylkeskommune, which answers", async ({ browser, pageAs }) => {
    const title = `Tilskudd til kulturkveld ${Date.now()}`;
    const note = `Internt: har søkt før, avslag i fjor ${Date.now()}`;
    const reason = "Fylkeskommunen forvalter tilskuddet til integreringsarbeid i frivilligheten.";
    const answer = "Søk Vestfold fylkeskommunes tilskudd til integrering innen 1. mars; vi hjelper gjerne med søknaden.";

    // The asker, at phone width.
    const askerContext = await signedInContext(browser, extraDemoAccountEmails.org_admin_tonsberg_migrant);
    const asker = await askerContext.newPage();
    await asker.goto("/veiledning/ny");
    await expectPageStructure(asker);
    await expect(asker.getByText(nb("guidance.new.kindHint.small"))).toBeVisible();
    await expectNoAxeViolations(asker);
    await asker.getByLabel(nb("guidance.field.topic"), { exact: true }).selectOption("grants_funding");
    await asker.getByLabel(nb("guidance.field.municipality")).selectOption("3905");
    await asker.getByLabel(nb("guidance.field.title")).fill(title);
    await asker
      .getByLabel(nb("guidance.field.description"))
      .fill("Vi er en liten forening og vil holde kulturkvelder for nye familier. Hvilke tilskudd kan vi søke?");
    await asker.getByLabel(nb("guidance.field.consent")).check();
    await asker.getByRole("button", { name: nb("guidance.new.submit") }).click();
    await expect(asker).toHaveURL(/\/veiledning\/[0-9a-f-]{36}\?sendt=1$/);
    const requestUrl = new URL(asker.url()).pathname;
    await expect(asker.getByRole("status")).toContainText(nb("guidance.notice.created", { holder: "Tønsberg kommune" }));
    await expect(asker.getByTestId("guidance-holder")).toHaveText("Tønsberg kommune");
    await expectNoAxeViolations(asker);
    await expect.poll(async () => (await mailsTo("tonsberg@samspill.example")).some((m) => m.subject.includes(title))).toBe(true);

    // Tønsberg's coordinator: the inbox, takes it, writes an internal note, hands it over with a reason.
    const coordinator = await pageAs("coordinator_tonsberg", phone);
    await coordinator.goto("/veiledning");
    await expectNoAxeViolations(coordinator);
    await coordinator.getByRole("link", { name: title }).click();
    await expect(coordinator).toHaveURL(new RegExp(`${requestUrl}$`));
    await coordinator.getByRole("button", { name: nb("guidance.take.submit") }).click();
    await expect(coordinator.getByRole("status")).toContainText(nb("guidance.notice.taken"));
    await coordinator.getByLabel(nb("guidance.notes.field")).fill(note);
    await coordinator.getByRole("button", { name: nb("guidance.notes.submit") }).click();
    await expect(coordinator.getByTestId("guidance-notes")).toContainText(note);
    await expectNoAxeViolations(coordinator);
    // A hand-over without a reason is refused with the field's message, and nothing moves.
    await coordinator.getByRole("button", { name: nb("guidance.handover.submit", { body: "Vestfold fylkeskommune" }) }).click();
    await expect(coordinator.getByRole("alert").first()).toBeVisible();
    await expect(coordinator.getByTestId("guidance-holder")).toHaveText("Tønsberg kommune");
    await coordinator.getByLabel(nb("guidance.handover.reason")).fill(reason);
    await coordinator.getByRole("button", { name: nb("guidance.handover.submit", { body: "Vestfold fylkeskommune" }) }).click();
    await expect(coordinator.getByRole("status")).toContainText(nb("guidance.notice.handedOver", { holder: "Vestfold fylkeskommune" }));
    await expect(coordinator.getByTestId("guidance-holder")).toHaveText("Vestfold fylkeskommune");
    await expect(coordinator.getByRole("textbox", { name: nb("guidance.thread.reply"), exact: true })).toHaveCount(0);
    await expect.poll(async () => (await mailsTo(extraDemoAccountEmails.county_advisor_vestfold)).some((m) => m.subject.includes(title))).toBe(true);

    // Vestfold's advisor: the inbox, reads the internal note, answers.
    const advisorContext = await signedInContext(browser, extraDemoAccountEmails.county_advisor_vestfold);
    const advisor = await advisorContext.newPage();
    await advisor.goto("/veiledning");
    await advisor.getByRole("link", { name: title }).click();
    await expect(advisor.getByTestId("guidance-notes")).toContainText(note);
    await advisor.getByRole("textbox", { name: nb("guidance.thread.reply"), exact: true }).fill(answer);
    await advisor.getByRole("button", { name: nb("guidance.thread.send"), exact: true }).click();
    await expect(advisor.getByRole("status")).toContainText(nb("guidance.notice.sent"));
    await expectNoAxeViolations(advisor);
    await expect.poll(async () => (await mailsTo(extraDemoAccountEmails.org_admin_tonsberg_migrant)).some((m) => m.subject.includes(title))).toBe(true);

    // The asker consented: Vestfold turns it into an anonymised question-and-answer in the knowledge bank.
    await advisor.getByLabel(nb("guidance.qa.question")).fill("Hvilke tilskudd kan en liten forening søke for å holde kulturkvelder for nye familier?");
    await advisor.getByRole("button", { name: nb("guidance.qa.submit") }).click();
    await expect(advisor.getByRole("status")).toContainText(nb("guidance.notice.published"));
    await advisor.getByRole("link", { name: nb("guidance.qa.open") }).click();
    await expect(advisor.locator("main")).toContainText("vi hjelper gjerne med søknaden");

    // The asker sees the answer, from the body, and the chain as bodies with the reason; no person, no internal note.
    await asker.goto(requestUrl);
    await expect(asker.getByText(nb("guidance.status.answered")).first()).toBeVisible();
    const thread = asker.getByTestId("guidance-thread");
    await expect(thread).toContainText(answer);
    await expect(thread).toContainText("Vestfold fylkeskommune");
    const chain = asker.getByTestId("guidance-chain");
    await expect(chain).toContainText(nb("guidance.chain.routed", { to: "Tønsberg kommune" }));
    await expect(chain).toContainText(nb("guidance.chain.handed_over", { from: "Tønsberg kommune", to: "Vestfold fylkeskommune" }));
    await expect(chain).toContainText(reason);
    const html = await asker.content();
    expect(html).not.toContain(note);
    expect(html).not.toContain("Tor Koordinator");
    expect(html).not.toContain("Vera Fylkesrådgiver");
    const data = await (await asker.request.get(dataUrl(requestUrl))).text();
    expect(data, "the loader data the asker can fetch").toContain(answer);
    expect(data).not.toContain(note);
    expect(data).not.toContain("Tor Koordinator");
    expect(data).not.toContain("Vera Fylkesrådgiver");
    await expectNoAxeViolations(asker);

    // The asker closes it, then reopens it.
    await asker.getByRole("button", { name: nb("guidance.close.submit") }).click();
    await expect(asker.getByRole("status")).toContainText(nb("guidance.notice.closed"));
    await asker.getByRole("button", { name: nb("guidance.reopen.submit") }).click();
    await expect(asker.getByRole("status")).toContainText(nb("guidance.notice.reopened"));
    await askerContext.close();
    await advisorContext.close();
  });

  test("every form without JavaScript: bad input comes back with its message, nothing is written, never a 500", async ({ pageAs }) => {
    const asker = await pageAs("org_admin", { javaScript: false, ...phone });
    await asker.goto("/veiledning/ny");
    await asker.getByLabel(nb("guidance.field.title")).fill("x".repeat(200));
    await asker.getByRole("button", { name: nb("guidance.new.submit") }).click();
    await expect(asker).toHaveURL(/\/veiledning\/ny$/);
    const summary = asker.getByRole("alert").first();
    await expect(summary).toContainText(nb("guidance.error.topic"));
    await expectNoAxeViolations(asker);
    // Another organisation's id, a kommune the organisation does not serve, a topic not on the list: 400 over HTTP.
    for (const bad of [
      { organizationId: ids.tonsbergMigrantAssociation, municipalityNumber: "3905" },
      { organizationId: ids.hamarVolunteerCentre, municipalityNumber: "3905" },
      { organizationId: ids.hamarVolunteerCentre, municipalityNumber: "3403", topic: "<script>" },
      { organizationId: "not-a-uuid", municipalityNumber: "3403" },
    ]) {
      const response = await post(asker, "/veiledning/ny", {
        topic: "grants_funding",
        title: "Et spørsmål",
        description: "Et spørsmål som er langt nok.",
        urgency: "normal",
        ...bad,
      });
      expect(response.status(), JSON.stringify(bad)).toBe(400);
    }

    const coordinator = await pageAs("coordinator_hamar", { javaScript: false, ...phone });
    const url = `/veiledning/${demoGuidanceRequestIds.hamarHeldByKommune}`;
    await coordinator.goto(url);
    await expectPageStructure(coordinator);
    await coordinator.getByRole("button", { name: nb("guidance.thread.send"), exact: true }).click();
    await expect(coordinator.getByRole("alert").first()).toContainText(nb("validation.required"));
    await expectNoAxeViolations(coordinator);
    for (const [intent, form] of [
      ["reply", { body: " " }],
      ["handOver", { reason: "" }],
      ["passToPeer", { organizationId: ids.unknownOrganization, reason: "Fordi de kan dette." }],
      ["note", { body: "x".repeat(2001) }],
    ] as const) {
      expect((await post(coordinator, url, { intent, ...form })).status(), intent).toBe(400);
    }
    expect((await post(coordinator, url, { intent: "delete" })).status(), "unknown intent").toBe(400);
    expect((await post(coordinator, url, {})).status(), "no intent").toBe(400);

    const offers = org(ids.hamarVolunteerCentre);
    await asker.goto(offers);
    await expectNoAxeViolations(asker);
    await asker.getByRole("button", { name: nb("guidance.offers.submit") }).click();
    await expect(asker.getByRole("alert").first()).toContainText(nb("guidance.error.topic"));
    expect((await post(asker, offers, { intent: "set", topic: "volunteers", description: "kort" })).status()).toBe(400);
    expect((await post(asker, offers, { intent: "remove", topic: "astrology" })).status()).toBe(400);
  });

  test("each role reads and acts only on what its body or organisation holds; the internal note never reaches the asker", async ({ apiAs }) => {
    const held = `/veiledning/${demoGuidanceRequestIds.hamarHeldByKommune}`;
    const handed = `/veiledning/${demoGuidanceRequestIds.hamarHandedToInnlandet}`;
    const tonsberg = `/veiledning/${demoGuidanceRequestIds.tonsbergAnswered}`;
    const seededNote = "Kommunens egen tilskuddspott er brukt opp";
    const postAs = async (role: Parameters<typeof apiAs>[0], url: string, form: Record<string, string>) => {
      const api = await apiAs(role);
      const token = csrfTokenFrom(await (await api.get("/")).text());
      return (await api.post(url, { form: { _csrf: token, ...form } })).status();
    };
    // The county advisor cannot act on what Hamar still holds, nor IMDi; Tønsberg's coordinator not on Hamar's.
    expect(await postAs("county_advisor", held, { intent: "reply", body: "Overtatt" })).toBe(404);
    expect(await postAs("national_admin", held, { intent: "handOver", reason: "Overtatt av IMDi" })).toBe(404);
    expect(await postAs("coordinator_tonsberg", held, { intent: "note", body: "Hei" })).toBe(404);
    expect(await postAs("coordinator_hamar", tonsberg, { intent: "reply", body: "Hei" })).toBe(404);
    // Hamar handed it on: it may still write an internal note, but not answer; the asker may not write notes.
    expect(await postAs("coordinator_hamar", handed, { intent: "reply", body: "Vi svarer likevel" })).toBe(403);
    expect(await postAs("org_member", handed, { intent: "note", body: "Jeg vil se notatene" })).toBe(403);
    expect(await postAs("org_member", handed, { intent: "take" })).toBe(403);
    // Only the organisation's admins change its competence offers.
    expect(await postAs("org_member", org(ids.hamarVolunteerCentre), { intent: "set", topic: "volunteers", description: "Vi kan mye om dette." })).toBe(403);
    expect(await postAs("employer", org(ids.hamarVolunteerCentre), { intent: "remove", topic: "volunteers" })).toBe(403);

    // The seeded attachment: a download (never shown in place) for those who read the request, 404 for everyone else.
    const attachment = `${handed}/vedlegg/${demoGuidanceAttachmentIds.hamarHandedToInnlandet}`;
    for (const role of ["org_member", "county_advisor"] as const) {
      const response = await (await apiAs(role)).get(attachment);
      expect(response.status(), role).toBe(200);
      expect(response.headers()["content-type"], role).toBe("application/pdf");
      expect(response.headers()["content-disposition"], role).toMatch(/^attachment;/);
      expect(response.headers()["x-content-type-options"], role).toContain("nosniff");
    }
    for (const role of ["coordinator_tonsberg", "national_admin", "employer"] as const) {
      expect((await (await apiAs(role)).get(attachment)).status(), role).toBe(404);
    }
    expect((await (await apiAs("org_member")).get(`${held}/vedlegg/${demoGuidanceAttachmentIds.hamarHandedToInnlandet}`)).status()).toBe(404);

    // The seeded internal note: in Innlandet's and Hamar's loader data, never in the asking organisation's.
    for (const role of ["county_advisor", "coordinator_hamar"] as const) {
      const api = await apiAs(role);
      expect(await (await api.get(dataUrl(handed))).text(), role).toContain(seededNote);
    }
    for (const role of ["org_admin", "org_member"] as const) {
      const api = await apiAs(role);
      const page = await api.get(handed);
      expect(page.status(), role).toBe(200);
      expect(await page.text(), role).not.toContain(seededNote);
      expect(await (await api.get(dataUrl(handed))).text(), role).not.toContain(seededNote);
    }
  });
});

function org(id: string): string {
  return `/organisasjoner/${id}/kompetanse`;
}
