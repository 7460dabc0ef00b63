import type { Page } from "@playwright/test";
import { demoEventIds, demoNetworkIds, UNKNOWN_ID } from "../../app/domain/demo/ids.ts";
import { expect, expectNoAxeViolations, expectPageStructure, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { linkFromMail, mailsTo } from "./support/mail.ts";
import { message } from "./support/messages.ts";

/**
 * Courses, network meetings and meeting places (issue 12). The done-when: a course in Innlandet is full; someone
 * registers by e-mail without an account (it counts only once the address confirms the link) and joins the waitlist;
 * a participant cancels and the first on the waitlist is promoted and told by e-mail; every e-mail has a cancel link.
 * Then the organiser's forms (bad input, edit, participants, CSV, cancel with a confirm step), the network's backlog
 * and carried decisions, refusals per role over HTTP, and the calendar files. Without JavaScript, at phone width.
 */

const nb = (key: string, values: Record<string, string | number> = {}) =>
  Object.entries(values).reduce((text, [name, value]) => text.replace(`{${name}}`, String(value)), message("nb", key));
const phone = { viewport: { width: 390, height: 844 } };
const course = `/arrangementer/${demoEventIds.innlandetCourse}`;

async function post(page: Page, url: string, form: Record<string, string | string[]>) {
  const html = await (await page.request.get(url)).text();
  return page.request.post(url, { form: { _csrf: csrfTokenFrom(html), ...form } as Record<string, string>, maxRedirects: 0 });
}

test.describe("events", () => {
  test.describe.configure({ mode: "serial" });
  // Many page loads, form posts and axe runs on a shared two-core machine.
  test.setTimeout(300_000);

  test("the full course in Innlandet: an e-mail registration waits for its link, a cancellation promotes the waitlist", async ({ pageAs }) => {
    const visitor = await pageAs("anonymous", { javaScript: false, ...phone });
    await visitor.goto("/arrangementer?fylke=34&type=course");
    await expectPageStructure(visitor);
    await expect(visitor.getByRole("link", { name: "Kurs: Rekruttere og beholde frivillige" })).toBeVisible();
    await expectNoAxeViolations(visitor);
    await visitor.getByRole("link", { name: "Kurs: Rekruttere og beholde frivillige" }).click();
    await expect(visitor.getByText(nb("events.registration.fullWaitlist"))).toBeVisible();
    await expectNoAxeViolations(visitor);

    // Bad input comes back with the field messages and the rest of what was typed.
    await visitor.getByLabel(nb("events.registration.email")).fill("ikke en adresse");
    await visitor.getByRole("button", { name: nb("events.registration.sendLink") }).click();
    await expect(visitor.getByRole("alert")).toBeVisible();
    await expect(visitor.locator("#register-email-email-error")).toBeVisible();
    await expect(visitor.locator("#register-email-name-error")).toBeVisible();
    await expectNoAxeViolations(visitor);

    const email = `kari.${Date.now()}@lag.example`;
    await visitor.getByLabel(nb("events.registration.name")).fill("Kari Frivillig");
    await visitor.getByLabel(nb("events.registration.email")).fill(email);
    await visitor.getByRole("button", { name: nb("events.registration.sendLink") }).click();
    await expect(visitor.getByRole("status")).toContainText(nb("events.notice.emailSent"));
    // Not yet a seat or a place on the waitlist: still 2 waiting.
    await expect(visitor.getByText(nb("events.detail.capacity", { confirmed: 3, capacity: 3, waitlisted: 2 }))).toBeVisible();

    const confirmLink = await linkFromMail(email, "/arrangementer/bekreft");
    const cancelLink = await linkFromMail(email, "/arrangementer/avmelding");
    await visitor.goto(confirmLink);
    await expectPageStructure(visitor);
    await expectNoAxeViolations(visitor);
    await visitor.getByRole("button", { name: nb("events.token.confirmSubmit") }).click();
    await expect(visitor).toHaveURL(/venteliste=1/);
    await expect(visitor.getByText(nb("events.detail.capacity", { confirmed: 3, capacity: 3, waitlisted: 3 }))).toBeVisible();
    // The link is spent.
    await visitor.goto(confirmLink);
    await expect(visitor.getByText(nb("events.token.invalid"))).toBeVisible();

    // The organisation member holding a seat cancels: the first on the waitlist gets it, and an e-mail.
    const member = await pageAs("org_member", { javaScript: false, ...phone });
    await member.goto(course);
    await expect(member.getByText(nb("events.registration.yours", { status: nb("events.registration.status.confirmed") }))).toBeVisible();
    await expectNoAxeViolations(member);
    await member.getByRole("button", { name: nb("events.registration.cancelMine") }).click();
    await expect(member).toHaveURL(/avmeldt=1/);
    await expect(async () => {
      const promoted = await mailsTo("amina.yusuf@samspill.example");
      expect(promoted.map((m) => m.subject)).toContain("Du har fått plass: Kurs: Rekruttere og beholde frivillige");
      expect(promoted[0]!.text).toMatch(/\/arrangementer\/avmelding\/[A-Za-z0-9_-]{40,}/);
    }).toPass({ timeout: 10_000 });
    for (const mail of await mailsTo(email)) expect(mail.text, mail.subject).toMatch(/\/arrangementer\/avmelding\//);

    // The e-mail registrant leaves the waitlist with the link from the e-mail.
    await visitor.goto(cancelLink);
    await expectNoAxeViolations(visitor);
    await visitor.getByRole("button", { name: nb("events.token.cancelSubmit") }).click();
    await expect(visitor).toHaveURL(/avmeldt=1/);
    await expect(visitor.getByText(nb("events.detail.capacity", { confirmed: 3, capacity: 3, waitlisted: 1 }))).toBeVisible();
  });

  test("the fylkeskommune's advisor creates, edits and cancels an event; bad input; participants, attendance page and CSV", async ({ pageAs, apiAs }) => {
    const advisor = await pageAs("county_advisor", { javaScript: false, ...phone });
    await advisor.goto("/arrangementer/ny");
    await expectPageStructure(advisor);
    await expectNoAxeViolations(advisor);
    const title = `Nettverkssamling om tilskudd ${Date.now()}`;
    await advisor.getByLabel(nb("events.form.title")).fill(title);
    await advisor.getByLabel(nb("events.form.startsAt")).fill("2030-02-30T10:00");
    await advisor.getByLabel(nb("events.form.capacity")).fill("-4");
    await advisor.getByLabel(nb("events.form.videoUrl")).fill("javascript:alert(1)");
    await advisor.getByRole("button", { name: nb("events.new.submit") }).click();
    await expect(advisor.getByRole("alert")).toBeVisible();
    for (const field of ["startsAt", "capacity", "videoUrl"]) await expect(advisor.locator(`#event-${field}-error`), field).toBeVisible();
    await expectNoAxeViolations(advisor);

    await advisor.getByLabel(nb("events.form.startsAt")).fill("2030-03-14T10:00");
    await advisor.getByLabel(nb("events.form.capacity")).fill("25");
    await advisor.getByLabel(nb("events.form.videoUrl")).fill("");
    await advisor.getByLabel(nb("events.form.place")).fill("Fylkeshuset, Hamar");
    await advisor.getByRole("button", { name: nb("events.new.submit") }).click();
    await expect(advisor).toHaveURL(/lagret=1/);
    await expect(advisor.getByRole("heading", { level: 1 })).toHaveText(title);
    const eventUrl = new URL(advisor.url()).pathname;

    await advisor.goto(`${eventUrl}/rediger`);
    await expectNoAxeViolations(advisor);
    await advisor.getByLabel(nb("events.form.capacity")).fill("30");
    await advisor.getByRole("button", { name: nb("common.save") }).click();
    await expect(advisor).toHaveURL(/lagret=1/);
    await expect(advisor.getByText(nb("events.detail.capacity", { confirmed: 0, capacity: 30, waitlisted: 0 }))).toBeVisible();

    // Cancelling needs the tick.
    await advisor.goto(`${eventUrl}/rediger`);
    await advisor.getByRole("button", { name: nb("events.cancel.submit") }).click();
    await expect(advisor.getByText(nb("events.cancel.confirmRequired")).first()).toBeVisible();
    await advisor.getByLabel(nb("events.cancel.confirm")).check();
    await advisor.getByRole("button", { name: nb("events.cancel.submit") }).click();
    await expect(advisor).toHaveURL(/avlyst=1/);
    await expect(advisor.getByText(nb("events.detail.cancelled")).first()).toBeVisible();

    // The course's participants: the organiser's page and CSV.
    await advisor.goto(`${course}/deltakere`);
    await expectPageStructure(advisor);
    await expect(advisor.getByText("ingrid.haugen@samspill.example")).toBeVisible();
    await expectNoAxeViolations(advisor);
    const api = await apiAs("county_advisor");
    const csv = await api.get(`${course}/deltakere.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain("ingrid.haugen@samspill.example");
    // Attendance before the course has begun is refused with a message, not a 500.
    const early = await post(advisor, `${course}/deltakere`, { intent: "attendance", attended: UNKNOWN_ID });
    expect(early.status()).toBe(409);
  });

  test("Integreringsnettverk Innlandet: members add to the backlog, the decision is carried to the next meeting", async ({ pageAs }) => {
    const member = await pageAs("org_member", { javaScript: false, ...phone });
    await member.goto("/nettverk");
    await expectPageStructure(member);
    await expectNoAxeViolations(member);
    await member.getByRole("link", { name: "Integreringsnettverk Innlandet" }).click();
    await expect(member.getByText("Tilskudd 2027: hvem søker hva?")).toBeVisible();
    await member.getByRole("button", { name: nb("events.networks.addSubmit") }).click();
    await expect(member.locator("#add-item-title-error")).toBeVisible();
    await expectNoAxeViolations(member);
    const item = `Språkpraksis hos arbeidsgivere ${Date.now()}`;
    await member.getByRole("textbox", { name: nb("events.networks.itemTitle"), exact: true }).fill(item);
    await member.getByRole("button", { name: nb("events.networks.addSubmit") }).click();
    await expect(member).toHaveURL(/lagt-til=1/);
    await expect(member.getByText(item)).toBeVisible();

    const visitor = await pageAs("anonymous", { javaScript: false });
    await visitor.goto(`/nettverk/${demoNetworkIds.innlandet}`);
    await expect(visitor.getByText(nb("events.networks.membersOnly"))).toBeVisible();
    await expect(visitor.getByText(item)).toHaveCount(0);
    await expectNoAxeViolations(visitor);

    const advisor = await pageAs("county_advisor", { javaScript: false, ...phone });
    await advisor.goto(`/arrangementer/${demoEventIds.innlandetNetworkNext}`);
    await expect(advisor.getByText("felles vervekampanje til neste møte")).toBeVisible();
    await expectNoAxeViolations(advisor);
    await advisor.getByRole("combobox", { name: nb("events.meeting.placeItem"), exact: true }).selectOption({ label: item });
    await advisor.getByRole("button", { name: nb("events.meeting.placeSubmit") }).click();
    await expect(advisor).toHaveURL(/sak=1/);
    await advisor.getByRole("button", { name: nb("events.meeting.recordDecision") }).click();
    await expect(advisor.locator("#decision-text-error")).toBeVisible();
    await advisor
      .getByRole("textbox", { name: nb("events.meeting.decisionText"), exact: true })
      .fill("Alle medlemmer sender innspill til vervekampanjen innen fire uker.");
    await advisor.getByRole("button", { name: nb("events.meeting.recordDecision") }).click();
    await expect(advisor).toHaveURL(/vedtak=1/);
    await expect(advisor.getByText("Alle medlemmer sender innspill")).toBeVisible();
  });

  test("refusals over HTTP: other organisers, members, visitors; unknown intents; bad tokens", async ({ pageAs, apiAs }) => {
    const form = {
      intent: "update",
      title: "Kapret",
      type: "course",
      level: "regional",
      organiser: "county:34",
      startsAt: "2030-01-01T10:00",
      durationMinutes: "60",
      place: "Et sted",
    };
    for (const role of ["coordinator_hamar", "coordinator_tonsberg", "national_admin", "org_admin"] as const) {
      const page = await pageAs(role, { javaScript: false });
      // The edit page itself is refused, so post with a token from a page the role may open.
      const html = await (await page.request.get("/arrangementer")).text();
      const token = csrfTokenFrom(html);
      const update = await page.request.post(`${course}/rediger`, { form: { _csrf: token, ...form }, maxRedirects: 0 });
      expect(update.status(), `${role} update`).toBe(403);
      const cancel = await page.request.post(`${course}/rediger`, { form: { _csrf: token, intent: "cancel-event", confirm: "on" }, maxRedirects: 0 });
      expect(cancel.status(), `${role} cancel`).toBe(403);
      const attendance = await page.request.post(`${course}/deltakere`, { form: { _csrf: token, intent: "attendance" }, maxRedirects: 0 });
      expect(attendance.status(), `${role} attendance`).toBe(403);
      const decision = await page.request.post(`/arrangementer/${demoEventIds.innlandetNetworkNext}`, {
        form: { _csrf: token, intent: "decision", text: "Et vedtak ingen fattet" },
        maxRedirects: 0,
      });
      expect(decision.status(), `${role} decision`).toBe(403);
    }
    const outsider = await pageAs("coordinator_tonsberg", { javaScript: false });
    const backlog = await post(outsider, `/nettverk/${demoNetworkIds.innlandet}`, { intent: "add-item", title: "Utenfra" });
    expect(backlog.status()).toBe(403);

    const api = await apiAs("org_member");
    expect((await api.get(`${course}/deltakere.csv`)).status()).toBe(403);
    const member = await pageAs("org_member", { javaScript: false });
    expect((await post(member, course, { intent: "no-such-intent" })).status()).toBe(400);
    expect((await post(member, course, {})).status()).toBe(400);

    // A visitor's register button goes to sign-in; bad links show a message and change nothing.
    const visitor = await pageAs("anonymous", { javaScript: false });
    const register = await post(visitor, course, { intent: "register" });
    expect(register.status()).toBe(302);
    expect(register.headers()["location"]).toContain("/logg-inn");
    for (const path of ["/arrangementer/bekreft/", "/arrangementer/avmelding/"]) {
      const refused = await post(visitor, `${path}${"A".repeat(43)}`, { intent: path.includes("bekreft") ? "confirm" : "unregister" });
      expect(refused.status(), path).toBe(400);
    }
    const tooLong = await post(visitor, `/arrangementer/${demoEventIds.hamarMeetingPlace}`, {
      intent: "register-email",
      name: "x".repeat(500),
      email: `${"y".repeat(300)}@lag.example`,
    });
    expect(tooLong.status()).toBe(400);
  });

  test("calendar files: per event, per kommune and per fylke; bad numbers are 404", async ({ apiAs }) => {
    const api = await apiAs("anonymous");
    for (const url of [`${course}/kalender.ics`, "/kommuner/3403/arrangementer.ics", "/fylker/34/arrangementer.ics"]) {
      const response = await api.get(url);
      expect(response.status(), url).toBe(200);
      expect(response.headers()["content-type"], url).toContain("text/calendar");
      const body = await response.text();
      expect(body, url).toContain("BEGIN:VCALENDAR");
      expect(body, url).toContain(`${demoEventIds.innlandetCourse}@samspill-arrangement`);
    }
    expect(await (await api.get("/fylker/39/arrangementer.ics")).text()).not.toContain(demoEventIds.innlandetCourse);
    for (const url of [
      "/fylker/99/arrangementer.ics",
      "/fylker/3/arrangementer.ics",
      "/fylker/%3Cscript%3E/arrangementer.ics",
      "/kommuner/9999/arrangementer.ics",
      "/kommuner/3403%27/arrangementer.ics",
      `/arrangementer/${UNKNOWN_ID}/kalender.ics`,
    ]) {
      expect((await api.get(url)).status(), url).toBe(404);
    }
  });
});
