import { request } from "@playwright/test";
import { apiFor, contextFor, expect, expectNoAxeViolations, expectPageStructure, noScriptContextFor, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { linkFromMail, mailsTo } from "./support/mail.ts";
import { BASE_URL } from "./support/paths.ts";
import { demoAccountEmails, ids } from "./route-manifest.ts";
import { demoActivityIds, demoNeedIds, demoVolunteerRoleIds } from "../../app/domain/demo/ids.ts";

/**
 * Volunteer recruitment, the public side (issue 14): a visitor without an account volunteers for Hamar
 * frivilligsentral's homework help from the activity page, confirms the address from the e-mail (nothing reaches the
 * organisation before), and the organisation follows the interest up in its inbox — all without JavaScript at phone
 * width, axe-clean. Only the receiving side reads the volunteer's details.
 */

const phone = { viewport: { width: 375, height: 812 } };
const roleUrl = `/frivillig/roller/${demoVolunteerRoleIds.hamarHomeworkHelper}`;
const orgInbox = `/organisasjoner/${ids.hamarVolunteerCentre}/frivillige`;
const kommuneInbox = `/kommuner/${ids.hamar}/frivillige/innboks`;

test.describe("volunteers", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(300_000);

  const volunteer = { name: `Sara Frivillig ${Date.now().toString(36)}`, email: `sara-${Date.now().toString(36)}@example.org` };

  test("a visitor volunteers for the homework help without an account; nothing reaches the organisation until the address is confirmed", async ({
    browser,
  }) => {
    const visitor = await noScriptContextFor(browser, "anonymous", phone);
    const page = await visitor.newPage();
    await page.goto(`/aktiviteter/${demoActivityIds.hamarHomework}`);
    const roles = page.getByRole("region", { name: "Frivillige roller" });
    await expect(roles).toContainText("Leksehjelper for barn på mellomtrinnet");
    await expect(roles).toContainText("Politiattest");
    await roles.getByRole("link", { name: /Meld interesse: Leksehjelper/ }).click();
    await expect(page).toHaveURL(new RegExp(`${roleUrl}$`));
    await expectPageStructure(page);
    await expectNoAxeViolations(page);

    // Bad input: no consent, a broken address.
    await page.getByLabel("Navn").fill(volunteer.name);
    await page.getByLabel("E-post").fill("ikke en adresse");
    await page.getByRole("button", { name: "Send interesse" }).click();
    await expect(page.getByText("Du må samtykke for å melde interesse.").first()).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel("E-post").fill(volunteer.email);
    await page.getByLabel("Telefon (valgfritt)").fill("+47 400 12 345");
    await page.getByRole("group", { name: "Språk du snakker" }).getByLabel("Somali").check();
    await page.getByLabel("Melding til arrangøren (valgfritt)").fill("Jeg kan torsdager.");
    await page.getByLabel("Jeg har lest dette og samtykker").check();
    await page.getByRole("button", { name: "Send interesse" }).click();
    await expect(page).toHaveURL(/sendt=1/);
    await expect(page.getByRole("status")).toContainText("Sjekk e-posten din");
    await expectNoAxeViolations(page);

    // The organisation hears nothing yet, and its inbox does not show the unconfirmed interest.
    const confirmLink = await linkFromMail(volunteer.email, "/frivillig/bekreft");
    expect((await mailsTo(demoAccountEmails.org_admin)).filter((m) => m.subject.includes(volunteer.name))).toEqual([]);
    const member = await apiFor("org_member");
    expect(await (await member.get(orgInbox)).text()).not.toContain(volunteer.name);
    await member.dispose();
    const mail = (await mailsTo(volunteer.email))[0]!;
    expect(mail.text).toContain("/frivillig/trekk/");
    expect(mail.text).toContain("/frivillig/mine/");

    // The link's page confirms nothing by itself; the button does.
    await page.goto(confirmLink);
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    expect((await mailsTo(demoAccountEmails.org_admin)).filter((m) => m.subject.includes(volunteer.name))).toEqual([]);
    await page.getByRole("button", { name: "Bekreft interessen" }).click();
    await expect(page).toHaveURL(/bekreftet=1/);
    await expect(page.getByRole("status")).toContainText("Interessen din er bekreftet");
    await expect(async () => {
      const received = (await mailsTo(demoAccountEmails.org_admin)).filter((m) => m.subject.includes(volunteer.name));
      expect(received).toHaveLength(1);
      expect(received[0]!.text).toContain(orgInbox);
      expect(received[0]!.text).not.toContain(volunteer.email);
    }).toPass({ timeout: 10_000 });
    // The link again: already confirmed, nobody mailed twice.
    await page.goto(confirmLink);
    await expect(page.getByText("Interessen din er allerede bekreftet.")).toBeVisible();
    await visitor.close();
  });

  test("the organisation follows the interest up in its inbox: status and the politiattest's date, without JavaScript", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "org_member", phone);
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByTestId("start-volunteers")).toContainText("Hamar frivilligsentral");
    await page
      .getByTestId("start-volunteers")
      .getByRole("link", { name: /Hamar frivilligsentral/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`${orgInbox}$`));
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    const item = page.getByTestId("volunteer-interest").filter({ hasText: volunteer.name });
    await expect(item).toContainText(volunteer.email);
    await expect(item).toContainText("Jeg kan torsdager.");
    await expect(item).toContainText("Ny");

    // A date in the future is refused with a message.
    await item.getByLabel("Status").selectOption("contacted");
    await item.getByLabel("Politiattest sett (dato)").fill("2099-01-01");
    await item.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByText("Datoen kan ikke være fram i tid.").first()).toBeVisible();
    await expectNoAxeViolations(page);

    const again = page.getByTestId("volunteer-interest").filter({ hasText: volunteer.name });
    await again.getByLabel("Status").selectOption("started");
    await again.getByLabel("Politiattest sett (dato)").fill(new Date().toISOString().slice(0, 10));
    await again.getByRole("button", { name: "Lagre" }).click();
    await expect(page).toHaveURL(/lagret=1/);
    const saved = page.getByTestId("volunteer-interest").filter({ hasText: volunteer.name });
    await expect(saved).toContainText("Startet");
    await expect(saved).toContainText("Politiattest sett");

    // The status filter.
    await page.goto(`${orgInbox}?status=not_suitable`);
    await expect(page.getByTestId("volunteer-inbox")).not.toContainText(volunteer.name);
    await expect(page.getByTestId("volunteer-inbox")).toContainText("Kari Lund");
    await context.close();
  });

  test("only the receiving side reads volunteers' details: not coordinators, not the county advisor, not IMDi, not another organisation", async () => {
    for (const role of ["coordinator_hamar", "county_advisor", "national_admin", "coordinator_tonsberg", "employer"] as const) {
      const api = await apiFor(role);
      const page = await api.get(orgInbox);
      expect(page.status(), role).toBe(403);
      const token = csrfTokenFrom(await (await api.get("/")).text());
      const post = await api.post(orgInbox, {
        form: { _csrf: token, intent: "update", interestId: demoVolunteerRoleIds.hamarHomeworkHelper, status: "contacted" },
      });
      expect(post.status(), role).toBe(403);
      await api.dispose();
    }
    for (const role of ["county_advisor", "national_admin", "coordinator_tonsberg", "org_admin", "org_member"] as const) {
      const api = await apiFor(role);
      expect((await api.get(kommuneInbox)).status(), role).toBe(403);
      await api.dispose();
    }
    // The public pages never carry a volunteer's details.
    const anonymous = await request.newContext({ baseURL: BASE_URL });
    for (const url of ["/frivillig", roleUrl, `/aktiviteter/${demoActivityIds.hamarHomework}`]) {
      const html = await (await anonymous.get(url)).text();
      expect(html, url).not.toContain("amina.frivillig@example.org");
      expect(html, url).not.toContain("Amina Hassan");
    }
    await anonymous.dispose();
  });

  test("spam: a filled honeypot is answered like a success and sends nothing; an unknown intent is a 400", async () => {
    const anonymous = await request.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
    const token = csrfTokenFrom(await (await anonymous.get(roleUrl)).text());
    const robot = `robot-${Date.now().toString(36)}@example.org`;
    const response = await anonymous.post(roleUrl, {
      form: { _csrf: token, intent: "interest", name: "Robot", email: robot, consent: "on", nettsted: "https://spam.example" },
    });
    expect([302, 303]).toContain(response.status());
    expect(response.headers()["location"]).toContain("sendt=1");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await mailsTo(robot)).toEqual([]);
    const unknown = await anonymous.post(roleUrl, { form: { _csrf: token, intent: "nope" } });
    expect(unknown.status()).toBe(400);
    const bad = await anonymous.post(roleUrl, { form: { _csrf: token, intent: "interest", name: "R", email: "x", consent: "" } });
    expect(bad.status()).toBe(400);
    await anonymous.dispose();
  });

  test("the organisation adds, refuses bad input for, and closes a role; the public list filters by kind and language", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "org_admin", phone);
    const page = await context.newPage();
    await page.goto(`/aktiviteter/${demoActivityIds.hamarHomework}`);
    await page.getByRole("link", { name: "Legg til og endre frivillige roller" }).click();
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    const add = page.getByRole("region", { name: "Ny rolle" });
    await add.getByLabel("Tittel").fill("x");
    await add.getByRole("button", { name: "Legg til rollen" }).click();
    await expect(page.getByRole("alert").first()).toBeVisible();
    await expectNoAxeViolations(page);
    const title = `Sjåfør til tur ${Date.now().toString(36)}`;
    const again = page.getByRole("region", { name: "Ny rolle" });
    await again.getByLabel("Type rolle").selectOption("driver");
    await again.getByLabel("Tittel").fill(title);
    await again.getByLabel("Tidsbruk").fill("En lørdag i måneden");
    await again
      .getByRole("group", { name: /Språk rollen trenger/ })
      .getByLabel("Tigrinja")
      .check();
    await again.getByRole("button", { name: "Legg til rollen" }).click();
    await expect(page).toHaveURL(/lagret=1/);
    await expect(page.getByTestId("manage-role").filter({ hasText: title })).toContainText("Åpen");

    const visitor = await noScriptContextFor(browser, "anonymous", phone);
    const list = await visitor.newPage();
    await list.goto("/frivillig?type=driver&sprak=ti");
    await expectPageStructure(list);
    await expectNoAxeViolations(list);
    await expect(list.getByTestId("volunteer-roles")).toContainText(title);
    await list.goto("/frivillig?type=homework_helper");
    await expect(list.getByTestId("volunteer-roles")).not.toContainText(title);

    // A visitor writes while the role is open and confirms after it closed: the interest still arrives, and the
    // confirmation is shown on the list (the role's own page is gone).
    const late = `sen-${Date.now().toString(36)}@example.org`;
    await list.goto("/frivillig?type=driver&sprak=ti");
    await list.getByRole("link", { name: title }).click();
    await list.getByLabel("Navn").fill("Sen Frivillig");
    await list.getByLabel("E-post").fill(late);
    await list.getByLabel("Jeg har lest dette og samtykker").check();
    await list.getByRole("button", { name: "Send interesse" }).click();
    await expect(list).toHaveURL(/sendt=1/);
    const lateLink = await linkFromMail(late, "/frivillig/bekreft");

    await page.getByTestId("manage-role").filter({ hasText: title }).getByRole("button", { name: "Lukk rollen" }).click();
    await expect(page).toHaveURL(/lagret=1/);
    await expect(page.getByTestId("manage-role").filter({ hasText: title })).toContainText("Lukket");
    await list.goto("/frivillig?type=driver&sprak=ti");
    await expect(list.getByText(title)).toHaveCount(0);
    await list.goto(lateLink);
    await list.getByRole("button", { name: "Bekreft interessen" }).click();
    await expect(list).toHaveURL(/\/frivillig\?bekreftet=1$/);
    await expect(list.getByRole("status")).toContainText("Interessen din er bekreftet");
    await expectNoAxeViolations(list);
    await page.goto(orgInbox);
    await expect(page.getByTestId("volunteer-inbox")).toContainText("Sen Frivillig");
    await visitor.close();
    await context.close();
  });

  test("Hamar's coordinator finds the interests for the kommune's own housing-guidance need from the start page", async ({ browser }) => {
    const context = await contextFor(browser, "coordinator_hamar", phone);
    const page = await context.newPage();
    await page.goto("/");
    await page
      .getByTestId("start-volunteers")
      .getByRole("link", { name: /Hamar kommunes egne behov/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`${kommuneInbox}$`));
    await expect(page.getByTestId("volunteer-inbox")).toContainText("Olena Koval");
    // The housing guide role needs no politiattest: no date field.
    await expect(page.getByTestId("volunteer-interest").filter({ hasText: "Olena Koval" }).getByLabel("Politiattest sett (dato)")).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.goto(`/behov/${demoNeedIds.hamarHousingGuidance}/frivillige`);
    await expectNoAxeViolations(page);
    await expect(page.getByTestId("manage-role")).toContainText("Boveileder for en nyankommen familie");
    await context.close();
  });
});
