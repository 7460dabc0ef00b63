import type { APIRequestContext } from "@playwright/test";
import { apiFor, expect, expectNoAxeViolations, test } from "./support/fixtures.ts";
import { csrfTokenFrom, relativeLocation } from "./support/http.ts";
import { ids, type Role } from "./route-manifest.ts";
import { demoActivityIds } from "../../app/domain/demo/ids.ts";

/**
 * Partners of an activity (issue 9, finding 9): the server refuses a partner
 * the form does not offer, and a partner added by the owner is only a
 * request until the partner organisation's admin confirms it, without
 * JavaScript, on the organisation's activities page.
 */

/** Demo: Mjøs Bygg AS (admin: the employer account) has asked Hamar frivilligsentral (admin: org_admin). */
const DEMO_REQUEST_ACTIVITY = demoActivityIds.hamarPlacement;
const newActivityUrl = `/organisasjoner/${ids.hamarVolunteerCentre}/aktiviteter/ny`;
const partnerLink = (id: string) => `href="/organisasjoner/${id}"`;

async function csrf(api: APIRequestContext, url = "/"): Promise<string> {
  return csrfTokenFrom(await (await api.get(url)).text());
}

/** Org admin of Hamar frivilligsentral creates an activity over HTTP (a plain form POST); returns the response. */
async function postNewActivity(api: APIRequestContext, fields: Record<string, string>) {
  const form = {
    _csrf: await csrf(api, newActivityUrl),
    description: "Et samarbeid mellom frivilligsentralen og en arbeidsgiver.",
    themes: "work",
    targetGroups: "adults",
    municipality: ids.hamar,
    scheduleKind: "ongoing",
    status: "active",
    isFree: "on",
    confirmNotDuplicate: "on",
    ...fields,
  };
  return api.post(newActivityUrl, { form });
}

async function createActivity(api: APIRequestContext, fields: Record<string, string>): Promise<string> {
  const response = await postNewActivity(api, fields);
  expect(response.status(), await response.text().catch(() => "")).toBe(302);
  const match = /^\/aktiviteter\/([0-9a-f-]{36})\?opprettet=1$/.exec(relativeLocation(response.headers()["location"] ?? ""));
  expect(match, "redirect to the new activity").not.toBeNull();
  return match![1]!;
}

test.describe("activity partners", () => {
  test.describe.configure({ mode: "serial" });
  // Several page loads and form posts each, on a shared two-core machine.
  test.slow();

  test("a partner the form does not offer (no kommune in common) → 400 with the field error, nothing created", async ({ apiAs }) => {
    const api = await apiAs("org_admin");
    const title = "Samarbeid med Tønsberg som ikke skal lagres";
    const response = await postNewActivity(api, { title, visibility: "public", partners: ids.tonsbergRedCross });
    expect(response.status()).toBe(400);
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain("Du kan bare velge samarbeidspartnere som er i en av kommunene organisasjonen er i.");
    const list = await (await api.get(`/organisasjoner/${ids.hamarVolunteerCentre}/aktiviteter`)).text();
    expect(list).not.toContain(title);
  });

  test("a new partner is not shown or let in until its admin confirms without JavaScript; then it is", async ({ pageAs }) => {
    const owner = await apiFor("org_admin");
    const publicId = await createActivity(owner, { title: "Samarbeidstest åpen", visibility: "public", partners: ids.hamarEmployer });
    const closedId = await createActivity(owner, { title: "Samarbeidstest for partnere", visibility: "partners", partners: ids.hamarEmployer });
    const anonymous = await apiFor("anonymous");
    const partner = await apiFor("employer");

    // Pending: not on the public page, the partner's admin cannot read the partners-only one; the owner sees it as pending.
    expect(await (await anonymous.get(`/aktiviteter/${publicId}`)).text()).not.toContain(partnerLink(ids.hamarEmployer));
    expect((await partner.get(`/aktiviteter/${closedId}`)).status()).toBe(404);
    const ownView = await (await owner.get(`/aktiviteter/${publicId}`)).text();
    expect(ownView).toContain(partnerLink(ids.hamarEmployer));
    expect(ownView).toContain("Venter på bekreftelse");

    // The partner's admin finds the requests on its organisation page and answers them with scripts off.
    const page = await pageAs("employer", { javaScript: false });
    await page.goto(`/organisasjoner/${ids.hamarEmployer}`);
    await page.getByRole("link", { name: "Se forespørslene" }).click();
    const requests = page.getByRole("region", { name: "Forespørsler om samarbeid" });
    await expect(requests.getByRole("row").filter({ hasText: "Samarbeidstest åpen" })).toContainText("Hamar frivilligsentral");
    await expectNoAxeViolations(page);
    for (const title of ["Samarbeidstest åpen", "Samarbeidstest for partnere"]) {
      await requests.getByRole("button", { name: `Bekreft samarbeid om ${title}` }).click();
      await expect(requests.getByRole("button", { name: `Bekreft samarbeid om ${title}` })).toHaveCount(0);
      await expect(page).toHaveURL(/samarbeid-bekreftet=1/);
      await expect(page.getByRole("status")).toContainText("Samarbeidet er bekreftet");
    }
    await expect(requests.getByRole("button", { name: "Avslutt samarbeidet om Samarbeidstest åpen" })).toBeVisible();

    // Confirmed: shown to everyone, and the partner reads the partners-only activity.
    expect(await (await anonymous.get(`/aktiviteter/${publicId}`)).text()).toContain(partnerLink(ids.hamarEmployer));
    const closed = await partner.get(`/aktiviteter/${closedId}`);
    expect(closed.status()).toBe(200);
    expect(await closed.text()).toContain("Samarbeidstest for partnere");

    // Ending the partnership removes it again.
    await requests.getByRole("button", { name: "Avslutt samarbeidet om Samarbeidstest for partnere" }).click();
    await page.waitForURL(/samarbeid-avsluttet=1/);
    expect((await partner.get(`/aktiviteter/${closedId}`)).status()).toBe(404);
    for (const api of [owner, anonymous, partner]) await api.dispose();
  });

  test("declining without JavaScript removes the request", async ({ pageAs, apiAs }) => {
    const owner = await apiAs("org_admin");
    const id = await createActivity(owner, { title: "Samarbeidstest som avslås", visibility: "public", partners: ids.hamarEmployer });
    const page = await pageAs("employer", { javaScript: false });
    await page.goto(`/organisasjoner/${ids.hamarEmployer}/aktiviteter`);
    await page.getByRole("button", { name: "Avslå samarbeid om Samarbeidstest som avslås" }).click();
    await page.waitForURL(/samarbeid-avslatt=1/);
    await expect(page.getByRole("status")).toContainText("Forespørselen er avslått");
    await expect(page.getByText("Samarbeidstest som avslås")).toHaveCount(0);
    expect(await (await owner.get(`/aktiviteter/${id}`)).text()).not.toContain(partnerLink(ids.hamarEmployer));
  });

  test("only the partner organisation's admins answer: the asking organisation, members, coordinators and national admins get 403", async ({ apiAs }) => {
    const url = `/organisasjoner/${ids.hamarVolunteerCentre}/aktiviteter`;
    const refused: Role[] = ["employer", "org_member", "coordinator_hamar", "county_advisor", "national_admin", "coordinator_tonsberg"];
    for (const role of refused) {
      const api = await apiAs(role);
      for (const answer of ["confirm", "decline"]) {
        const response = await api.post(url, { form: { _csrf: await csrf(api), intent: "partnership", activity: DEMO_REQUEST_ACTIVITY, answer } });
        expect(response.status(), `${role} ${answer}`).toBe(403);
      }
    }
    const anonymous = await apiAs("anonymous");
    const signIn = await anonymous.post(url, {
      form: { _csrf: await csrf(anonymous), intent: "partnership", activity: DEMO_REQUEST_ACTIVITY, answer: "confirm" },
    });
    expect(relativeLocation(signIn.headers()["location"] ?? "")).toMatch(/^\/logg-inn/);
    // The partner's own admin without the CSRF token: refused too.
    const admin = await apiAs("org_admin");
    expect((await admin.post(url, { form: { intent: "partnership", activity: DEMO_REQUEST_ACTIVITY, answer: "confirm" } })).status()).toBe(403);
    // An activity that did not ask this organisation: 404.
    const other = await admin.post(url, {
      form: { _csrf: await csrf(admin), intent: "partnership", activity: demoActivityIds.hamarHomework, answer: "confirm" },
    });
    expect(other.status()).toBe(404);
    // Nothing changed: the demo request is still pending (not on the public page, still listed for the admin).
    expect(await (await anonymous.get(`/aktiviteter/${DEMO_REQUEST_ACTIVITY}`)).text()).not.toContain(partnerLink(ids.hamarVolunteerCentre));
    expect(await (await admin.get(url)).text()).toContain("Bekreft samarbeid om Bli kjent med byggfagene: omvisning hos Mjøs Bygg");
  });
});
