import type { APIRequestContext } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { ids } from "./route-manifest.ts";
import { demoActivityIds, demoStoryIds } from "../../app/domain/demo/ids.ts";

/**
 * Experience sharing (issue 12): Hamar frivilligsentral's admin shares a story about one of its activities without
 * JavaScript, Hamar's coordinator sends it back and then approves it from the review queue, and it is public on
 * /erfaringer. Other kommuner's coordinators, the county advisor and the organisation itself cannot decide on it.
 * Works on a story of its own, so the demo's pending story stays pending for the route manifest.
 */

const newStory = `/organisasjoner/${ids.hamarVolunteerCentre}/erfaringer/ny`;
const TITLE = "Språkkafé med faste verter i Hamar";

async function csrf(api: APIRequestContext, url: string): Promise<string> {
  return csrfTokenFrom(await (await api.get(url)).text());
}

function storyForm(overrides: Record<string, string> = {}) {
  return {
    intent: "story",
    activityId: demoActivityIds.hamarHomework,
    title: "Historie fra testen",
    whatWasDone: "Noe som ble gjort.",
    forWhom: "Noen",
    whatWorked: "Noe virket.",
    contactName: "Testleder",
    ...overrides,
  };
}

test.describe("experience sharing", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(300_000);
  let storyUrl = "";

  test("the organisation's admin shares a story without JavaScript; bad input comes back with field messages", async ({ pageAs }) => {
    const page = await pageAs("org_admin", { javaScript: false, viewport: { width: 375, height: 800 } });
    await page.goto(newStory);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Del en erfaring");
    await expectNoAxeViolations(page);
    // Nothing filled in: the summary names the fields, the page is still accessible.
    await page.getByRole("button", { name: "Send til godkjenning" }).click();
    await expect(page.getByRole("alert")).toContainText("Skjemaet har feil som må rettes");
    await expectNoAxeViolations(page);

    await page.getByLabel("Hvilken av organisasjonens aktiviteter gjelder det?").selectOption({ label: "Leksehjelp for barn og unge" });
    await page.getByLabel("Tittel").fill(TITLE);
    await page.getByLabel("Hva gjorde dere?").fill("Vi holdt språkkafé hver torsdag med faste frivillige verter.");
    await page.getByLabel("For hvem?").fill("Voksne som er nye i Norge");
    await page.getByLabel("Hva virket?").fill("Faste verter og små bord.");
    await page.getByLabel("Hva kostet det?").fill("Kaffe og kaker, ca. 500 kroner i uka.");
    await page.getByLabel("Navn eller rolle").fill("Daglig leder");
    await page.getByLabel("E-post").fill("ikke-en-adresse");
    await page.getByLabel("Rekruttere og beholde frivillige").check();
    await page.getByRole("button", { name: "Send til godkjenning" }).click();
    await expect(page.getByText("Skriv en gyldig e-postadresse").first()).toBeVisible();
    await page.getByLabel("E-post").fill("post@frivilligsentral.samspill.example");
    await page.getByRole("button", { name: "Send til godkjenning" }).click();
    await expect(page).toHaveURL(/\/erfaringer\/[0-9a-f-]{36}\?sendt=1$/);
    await expect(page.getByRole("status")).toContainText("Erfaringen er sendt til kommunen for godkjenning.");
    await expect(page.getByText("Venter på godkjenning fra kommunen")).toBeVisible();
    await expectNoAxeViolations(page);
    storyUrl = new URL(page.url()).pathname;

    // Not public yet.
    const visitor = await pageAs("anonymous");
    expect((await visitor.goto(storyUrl))!.status()).toBe(404);
  });

  test("only Hamar's coordinator (or IMDi) decides; the organisation, other kommuner and the county advisor cannot", async ({ apiAs }) => {
    expect(storyUrl).not.toBe("");
    for (const [role, status] of [
      ["org_admin", 403],
      ["org_member", 403],
      ["coordinator_tonsberg", 404],
      ["county_advisor", 404],
      ["employer", 404],
    ] as const) {
      const api = await apiAs(role);
      const response = await api.post(storyUrl, { form: { _csrf: await csrf(api, "/"), intent: "review", decision: "approve" }, maxRedirects: 0 });
      expect(response.status(), role).toBe(status);
    }
    const coordinator = await apiAs("coordinator_hamar");
    const token = await csrf(coordinator, storyUrl);
    // Unknown intent and a decision outside the list: 400, nothing decided.
    expect((await coordinator.post(storyUrl, { form: { _csrf: token, intent: "publish" }, maxRedirects: 0 })).status()).toBe(400);
    expect((await coordinator.post(storyUrl, { form: { _csrf: token, intent: "review", decision: "maybe" }, maxRedirects: 0 })).status()).toBe(400);
    expect(
      (await coordinator.post(storyUrl, { form: { _csrf: token, intent: "review", decision: "return", comment: "x".repeat(2001) }, maxRedirects: 0 })).status(),
    ).toBe(400);
    // Bad input to the story form: 400, nothing saved.
    const admin = await apiAs("org_admin");
    const adminToken = await csrf(admin, newStory);
    for (const form of [
      storyForm({ title: "" }),
      storyForm({ activityId: demoActivityIds.tonsbergGuide }),
      storyForm({ activityId: "not-a-uuid" }),
      storyForm({ topics: "<script>alert(1)</script>" }),
      storyForm({ whatWasDone: "x".repeat(4001) }),
      storyForm({ contactPhone: "ring meg" }),
    ]) {
      const response = await admin.post(newStory, { form: { _csrf: adminToken, ...form }, maxRedirects: 0 });
      expect(response.status(), JSON.stringify(form).slice(0, 80)).toBe(400);
    }
    expect((await admin.post(newStory, { form: { _csrf: adminToken, intent: "delete" }, maxRedirects: 0 })).status()).toBe(400);
    // Another organisation's admin may not write for Hamar frivilligsentral.
    const employer = await apiAs("employer");
    expect((await employer.post(newStory, { form: { _csrf: await csrf(employer, "/"), ...storyForm() }, maxRedirects: 0 })).status()).toBe(403);
  });

  test("Hamar's coordinator sends it back, the admin edits it, the coordinator approves it from the queue; it is public", async ({ pageAs }) => {
    const page = await pageAs("coordinator_hamar", { javaScript: false });
    await page.goto("/erfaringer/til-godkjenning");
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: TITLE }).click();
    await page.getByLabel("Send tilbake til organisasjonen").check();
    await page.getByRole("button", { name: "Lagre avgjørelsen" }).click();
    await expect(page.getByText("Skriv hva organisasjonen bør endre.").first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel("Send tilbake til organisasjonen").check();
    await page.getByLabel("Kommentar til organisasjonen").fill("Skriv gjerne hva som ikke virket.");
    await page.getByRole("button", { name: "Lagre avgjørelsen" }).click();
    await expect(page.getByRole("status")).toContainText("sendt tilbake");

    const admin = await pageAs("org_admin", { javaScript: false });
    await admin.goto(`${storyUrl}/rediger`);
    await expect(admin.getByText("Kommentar fra kommunen: Skriv gjerne hva som ikke virket.")).toBeVisible();
    await expectNoAxeViolations(admin);
    await admin.getByLabel("Hva virket ikke, eller hva ville dere gjort annerledes?").fill("Kveldstid passet dårlig for småbarnsforeldre.");
    await admin.getByRole("button", { name: "Lagre og send til godkjenning" }).click();
    await expect(admin).toHaveURL(/\?sendt=1$/);

    await page.goto(storyUrl);
    await page.getByLabel("Godkjenn, vis erfaringen offentlig").check();
    await page.getByRole("button", { name: "Lagre avgjørelsen" }).click();
    await expect(page.getByRole("status")).toContainText("Erfaringen er godkjent og vises nå offentlig.");

    const visitor = await pageAs("anonymous", { javaScript: false, viewport: { width: 375, height: 800 } });
    await visitor.goto("/erfaringer?type=volunteer_centre");
    await expect(visitor.getByRole("link", { name: TITLE })).toBeVisible();
    await expectNoAxeViolations(visitor);
    await visitor.goto(storyUrl);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    await expect(visitor.getByText("Kveldstid passet dårlig for småbarnsforeldre.")).toBeVisible();
    await expectNoAxeViolations(visitor);
    await visitor.goto("/erfaringer?tema=grants_funding");
    await expect(visitor.getByRole("link", { name: TITLE })).toHaveCount(0);
  });

  test("the library's homework help shows Hamar frivilligsentral's story beside it", async ({ pageAs }) => {
    const page = await pageAs("anonymous", { javaScript: false });
    await page.goto(`/aktiviteter/${demoActivityIds.hamarLibraryHomework}`);
    const section = page.getByRole("region", { name: "Erfaringer fra andre i fylket" });
    await expect(section.getByRole("link", { name: "Leksehjelp som foreldrene også kommer på" })).toHaveAttribute(
      "href",
      `/erfaringer/${demoStoryIds.hamarHomeworkApproved}`,
    );
    await expectNoAxeViolations(page);
  });

  test("Elverum's kommune overview shows what others in Innlandet did", async ({ pageAs }) => {
    const page = await pageAs("anonymous", { javaScript: false });
    await page.goto("/kommuner/3420/oversikt");
    const section = page.getByTestId("overview-stories");
    await expect(section.getByRole("heading", { name: "Andre i fylket har gjort dette" })).toBeVisible();
    await expect(section.getByRole("link", { name: "Leksehjelp som foreldrene også kommer på" })).toHaveAttribute(
      "href",
      `/erfaringer/${demoStoryIds.hamarHomeworkApproved}`,
    );
    await expectNoAxeViolations(page);
    // Tønsberg is in Vestfold: Innlandet's stories are not "others in your fylke" there.
    await page.goto("/kommuner/3905/oversikt");
    await expect(page.getByTestId("overview-stories")).not.toContainText("Leksehjelp som foreldrene også kommer på");
  });

  test("the edit page and the new-story page refuse others", async ({ apiAs, pageAs }) => {
    for (const [role, url, status] of [
      ["org_member", newStory, 403],
      ["coordinator_hamar", `/erfaringer/${demoStoryIds.hamarHomeworkApproved}/rediger`, 403],
      ["employer", `/erfaringer/${demoStoryIds.hamarWomenWalkPending}/rediger`, 403],
    ] as const) {
      const api = await apiAs(role);
      const response = await api.get(url, { maxRedirects: 0 });
      expect(response.status(), `${role} ${url}`).toBe(status);
    }
    const visitor = await pageAs("anonymous");
    await visitor.goto(newStory);
    await expect(visitor).toHaveURL(/\/logg-inn/);
  });
});
