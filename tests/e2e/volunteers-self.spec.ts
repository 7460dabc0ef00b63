import { request } from "@playwright/test";
import { apiFor, expect, expectNoAxeViolations, expectPageStructure, noScriptContextFor, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { linkFromMail, mailsTo } from "./support/mail.ts";
import { BASE_URL } from "./support/paths.ts";
import { ids } from "./route-manifest.ts";
import { demoVolunteerRoleIds } from "../../app/domain/demo/ids.ts";

/**
 * Volunteers, the volunteer's own side (issue 14, H3): a visitor who volunteered follows the interest from the
 * e-mail's status link (status and who to contact), keeps a light profile behind a mailed one-time link, deletes it,
 * and withdraws the interest (which deletes it); Hamar's coordinator sees the counts and the contactable volunteers,
 * the county advisor the counts only. All without JavaScript at phone width, axe-clean.
 */

const phone = { viewport: { width: 375, height: 812 } };
const roleUrl = `/frivillig/roller/${demoVolunteerRoleIds.hamarHomeworkHelper}`;
const countsUrl = `/kommuner/${ids.hamar}/frivillige`;

test.describe("the volunteer's own side", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(300_000);

  const stamp = Date.now().toString(36);
  const volunteer = { name: `Nadia Selv ${stamp}`, email: `nadia-${stamp}@example.org` };

  test("a visitor follows the interest from the e-mail, keeps a light profile, deletes it and withdraws the interest", async ({ browser, pageAs }) => {
    const context = await noScriptContextFor(browser, "anonymous", phone);
    const page = await context.newPage();

    // Volunteer (H2's form) and confirm the address.
    await page.goto(roleUrl);
    await page.getByLabel("Navn").fill(volunteer.name);
    await page.getByLabel("E-post").fill(volunteer.email);
    await page.getByLabel("Jeg har lest dette og samtykker").check();
    await page.getByRole("button", { name: "Send interesse" }).click();
    await expect(page).toHaveURL(/sendt=1/);
    await page.goto(await linkFromMail(volunteer.email, "/frivillig/bekreft"));
    await page.getByRole("button", { name: "Bekreft interessen" }).click();
    await expect(page).toHaveURL(/bekreftet=1/);

    // The status link: where it stands and who to contact.
    const statusLink = await linkFromMail(volunteer.email, "/frivillig/mine");
    const withdrawLink = statusLink.replace("/frivillig/mine/", "/frivillig/trekk/");
    await page.goto(statusLink);
    await expectPageStructure(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Din interesse som frivillig");
    await expect(page.locator("dl")).toContainText("Leksehjelper for barn på mellomtrinnet");
    await expect(page.locator("dl")).toContainText("Ny");
    await expect(page.getByRole("region", { name: "Hvem du kan kontakte" })).toBeVisible();
    await expectNoAxeViolations(page);

    // The light profile: ask for a link (the same answer for every address), open it with the button.
    await page.goto("/frivillig/meg");
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    await page.getByLabel("E-postadressen du meldte interesse med").fill("ikke en adresse");
    await page.getByRole("button", { name: "Send meg en lenke" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await page.getByLabel("E-postadressen du meldte interesse med").fill(volunteer.email);
    await page.getByRole("button", { name: "Send meg en lenke" }).click();
    await expect(page.getByRole("status")).toContainText("Hvis adressen er riktig");
    const signIn = await linkFromMail(volunteer.email, "/frivillig/meg");
    await page.goto(signIn);
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Åpne siden min" }).click();
    await expect(page).toHaveURL(/\/frivillig\/meg$/);
    await expect(page.getByText(`Du er logget inn som ${volunteer.email}.`)).toBeVisible();
    const interests = page.getByRole("region", { name: "Interessene dine" });
    await expect(interests).toContainText("Leksehjelper for barn på mellomtrinnet");
    await expect(interests).toContainText("Ny");
    await expectNoAxeViolations(page);
    // The link is used: a second visit has nothing to open.
    const again = await context.newPage();
    await again.goto(signIn);
    await expect(again.getByText("Lenken virker ikke lenger")).toBeVisible();
    await again.close();

    // The profile: refused without a name, then saved.
    const form = page.getByRole("region", { name: "Profilen din" });
    await form.getByRole("button", { name: "Lagre profilen" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await expectNoAxeViolations(page);
    await form.getByLabel("Navn", { exact: true }).fill(volunteer.name);
    await form.getByLabel("Kommune", { exact: true }).selectOption(ids.hamar);
    await form.getByRole("group", { name: "Språk du snakker" }).getByLabel("Somali").check();
    await form.getByRole("group", { name: "Oppgaver du kan tenke deg" }).getByLabel("Leksehjelper").check();
    await form.getByLabel("Hva liker du å gjøre?").fill("Matte og norsk");
    await form.getByLabel("Kommunen kan kontakte meg om andre behov for frivillige").check();
    await form.getByRole("button", { name: "Lagre profilen" }).click();
    await expect(page).toHaveURL(/lagret=1/);
    await expect(page.getByRole("status")).toContainText("Profilen er lagret.");
    await expect(page.getByRole("region", { name: "Profilen din" }).getByLabel("Hva liker du å gjøre?")).toHaveValue("Matte og norsk");

    // Hamar's coordinator now finds the volunteer among those who may be contacted; the county advisor does not.
    const coordinator = await pageAs("coordinator_hamar", { javaScript: false, ...phone });
    await coordinator.goto(countsUrl);
    await expect(coordinator.getByRole("region", { name: "Kan kontaktes av kommunen" })).toContainText(volunteer.name);
    const advisor = await apiFor("county_advisor");
    expect(await (await advisor.get(countsUrl)).text()).not.toContain(volunteer.name);
    await advisor.dispose();

    // Delete the profile: refused unticked, then gone.
    await page.getByRole("link", { name: "Slett profilen" }).click();
    await expect(page).toHaveURL(/slett=1/);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Slett profilen" }).click();
    await expect(page.getByText("Kryss av for å bekrefte.").first()).toBeVisible();
    await page.getByLabel("Ja, slett profilen min").check();
    await page.getByRole("button", { name: "Slett profilen" }).click();
    await expect(page).toHaveURL(/slettet=1/);
    await expect(page.getByRole("status")).toContainText("Profilen er slettet.");
    await coordinator.goto(countsUrl);
    await expect(coordinator.getByRole("region", { name: "Kan kontaktes av kommunen" })).not.toContainText(volunteer.name);

    // Sign out: the page asks for a link again.
    await page.getByRole("button", { name: "Logg ut" }).click();
    await expect(page.getByLabel("E-postadressen du meldte interesse med")).toBeVisible();

    // Withdraw from the e-mail's link: the GET only asks; unticked changes nothing; ticked deletes.
    await page.goto(withdrawLink);
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Trekk interessen" }).click();
    await expect(page.getByText("Kryss av for å bekrefte.").first()).toBeVisible();
    await page.goto(statusLink);
    await expect(page.locator("dl")).toContainText("Leksehjelper for barn på mellomtrinnet");
    await page.goto(withdrawLink);
    await page.getByLabel("Ja, trekk interessen min og slett opplysningene").check();
    await page.getByRole("button", { name: "Trekk interessen" }).click();
    await expect(page.getByRole("status")).toContainText("Interessen er trukket");
    await page.goto(statusLink);
    await expect(page.getByText("Lenken virker ikke.")).toBeVisible();
    const member = await apiFor("org_member");
    expect(await (await member.get(`/organisasjoner/${ids.hamarVolunteerCentre}/frivillige`)).text()).not.toContain(volunteer.name);
    await member.dispose();
    await context.close();
  });

  test("the kommune's counts: Hamar's coordinator sees counts and the contactable, the county advisor counts only, others nothing", async ({ pageAs }) => {
    const page = await pageAs("coordinator_hamar", { javaScript: false, ...phone });
    await page.goto(`/kommuner/${ids.hamar}`);
    await page.getByRole("link", { name: "Frivillige i kommunen (antall)" }).click();
    await expect(page).toHaveURL(new RegExp(`${countsUrl}$`));
    await expectPageStructure(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Frivillige i Hamar");
    await expect(page.getByRole("table", { name: "Etter språk" })).toContainText("Somali");
    await expect(page.getByRole("table", { name: "Etter oppgave" })).toContainText("Leksehjelper");
    const contactable = page.getByRole("region", { name: "Kan kontaktes av kommunen" });
    await expect(contactable).toContainText("Amina Hassan");
    await expect(contactable).toContainText("Olena Koval");
    // Counts never name anyone who did not say yes.
    await expect(page.locator("main")).not.toContainText("Bashir Rahimi");
    await expect(page.getByRole("link", { name: "Interesser for kommunens egne behov (innboks)" })).toBeVisible();
    await expectNoAxeViolations(page);

    const advisor = await pageAs("county_advisor", { javaScript: false, ...phone });
    await advisor.goto(countsUrl);
    await expect(advisor.getByRole("table", { name: "Etter språk" })).toContainText("Somali");
    await expect(advisor.getByRole("region", { name: "Kan kontaktes av kommunen" })).toContainText("Bare kommunens egne koordinatorer");
    await expect(advisor.locator("main")).not.toContainText("Amina Hassan");
    await expect(advisor.locator("main")).not.toContainText("@example.org");
    await expectNoAxeViolations(advisor);

    for (const role of ["coordinator_tonsberg", "org_admin", "employer"] as const) {
      const api = await apiFor(role);
      const response = await api.get(countsUrl, { maxRedirects: 0 });
      expect(response.status(), role).toBe(403);
      expect(await response.text()).not.toContain("Amina Hassan");
      await api.dispose();
    }
  });

  test("bad input and enumeration: the same answer for every address, rate-limited; forms without the cookie change nothing; unknown intents 400", async () => {
    const anonymous = await request.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
    const token = csrfTokenFrom(await (await anonymous.get("/frivillig/meg")).text());
    const post = (form: Record<string, string>, url = "/frivillig/meg") => anonymous.post(url, { form: { _csrf: token, ...form } });

    const known = await post({ intent: "requestLink", email: "amina.frivillig@example.org" });
    const unknown = await post({ intent: "requestLink", email: `ingen-${stamp}@example.org` });
    expect(known.status()).toBe(200);
    expect(unknown.status()).toBe(200);
    const sentence = "Hvis adressen er riktig, får du snart en e-post med en lenke.";
    expect(await known.text()).toContain(sentence);
    expect(await unknown.text()).toContain(sentence);

    expect((await post({ intent: "requestLink", email: "x" })).status()).toBe(400);
    expect((await post({ intent: "requestLink", email: "a".repeat(300) + "@example.org" })).status()).toBe(400);
    expect((await post({ intent: "nope" })).status()).toBe(400);
    expect((await post({})).status()).toBe(400);

    // Five links an address per source per quarter hour; the sixth is refused, whoever the address is.
    const limited = `grense-${stamp}@example.org`;
    for (let i = 0; i < 5; i++) expect((await post({ intent: "requestLink", email: limited })).status()).toBe(200);
    expect((await post({ intent: "requestLink", email: limited })).status()).toBe(429);
    expect(await mailsTo(limited)).toHaveLength(5);

    // Without the volunteer's cookie nothing is saved, deleted or withdrawn.
    const withoutCookie: Record<string, string>[] = [
      { intent: "saveProfile", name: "Inntrenger" },
      { intent: "deleteProfile", confirm: "on" },
      { intent: "withdrawInterest", interestId: "00000000-0000-4000-8000-000000000001", confirm: "on" },
    ];
    for (const form of withoutCookie) {
      const response = await post(form);
      expect(response.status(), form.intent).toBe(400);
    }
    // A forged cookie is no cookie.
    const own = (await anonymous.storageState()).cookies.map((c) => `${c.name}=${c.value}`);
    const unsigned = Buffer.from(JSON.stringify({ e: "amina.frivillig@example.org", x: Date.now() + 3_600_000 })).toString("base64");
    const forged = await anonymous.post("/frivillig/meg", {
      form: { _csrf: token, intent: "saveProfile", name: "Inntrenger" },
      headers: { Cookie: [...own, `samspill_volunteer=${unsigned}`].join("; ") },
    });
    expect(forged.status()).toBe(400);

    // The e-mail links: an unknown token is a message (200) on GET and a 400 on POST; nothing else happens.
    expect((await anonymous.get("/frivillig/mine/ugyldig")).status()).toBe(200);
    expect((await post({ intent: "withdraw", confirm: "on" }, "/frivillig/trekk/ugyldig-lenke-som-ikke-finnes")).status()).toBe(400);
    expect((await post({ intent: "nope" }, "/frivillig/trekk/ugyldig-lenke-som-ikke-finnes")).status()).toBe(400);
    expect((await post({ intent: "open" }, "/frivillig/meg/ugyldig-lenke-som-ikke-finnes")).status()).toBe(400);
    expect((await post({ intent: "nope" }, "/frivillig/meg/ugyldig-lenke-som-ikke-finnes")).status()).toBe(400);
    await anonymous.dispose();
  });
});
