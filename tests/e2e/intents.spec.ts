import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { apiFor, expect, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { linkFromMail } from "./support/mail.ts";
import { message, type TestLocale } from "./support/messages.ts";
import { signUpAndConfirmOverHttp } from "./support/accounts.ts";
import { BASE_URL } from "./support/paths.ts";
import { demoAccountEmails, ids } from "./route-manifest.ts";
import { DEMO_PASSWORD, demoActivityIds } from "../../app/domain/demo/ids.ts";

/**
 * Issue 10: a page with several forms tells them apart by a hidden `intent`.
 * An intent the route does not list, or none, is refused with a 400 and a
 * message in the visitor's language, and nothing changes — it is never taken
 * for one of the page's actions (the role page took any unknown intent for
 * "grant", sign-in for "password", the invitation for "accept"). Each case
 * posts a form that would succeed with its real intent, with the intent
 * changed or left out, and then checks that the change did not happen.
 */

test.describe.configure({ timeout: 120_000 });

const PASSWORD = "et langt nok passord 1";
const wrongIntents: { label: string; intent: string | null }[] = [
  { label: "an unknown intent", intent: "delete-everything" },
  { label: "no intent", intent: null },
];

function freshEmail(label: string): string {
  return `e2e-intent-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.no`;
}

function withIntent(form: Record<string, string>, intent: string | null): Record<string, string> {
  const { intent: _dropped, ...rest } = form;
  void _dropped;
  return intent === null ? rest : { ...rest, intent };
}

/** A fresh anonymous client (no cookies shared with other tests), in the given language. */
async function anonymousClient(acceptLanguage: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0, extraHTTPHeaders: { "Accept-Language": acceptLanguage } });
}

/** Posts the page's form with the page's CSRF token. */
async function postForm(api: APIRequestContext, url: string, form: Record<string, string>): Promise<APIResponse> {
  const csrf = csrfTokenFrom(await (await api.get(url)).text());
  return api.post(url, { form: { _csrf: csrf, ...form } });
}

async function expectRefused(response: APIResponse, locale: TestLocale): Promise<void> {
  expect(response.status(), "an unknown or missing intent is a bad request").toBe(400);
  const html = await response.text();
  expect(html, "the page says why, in the visitor's language").toContain(message(locale, "errors.unknownIntent"));
  expect(html.match(/<h1[\s>]/g), "one h1").toHaveLength(1);
  expect(response.headers()["set-cookie"] ?? "", "no session is started").not.toMatch(/session/i);
}

for (const wrong of wrongIntents) {
  test.describe(`${wrong.label} changes nothing`, () => {
    test("sign-in (password, magic-link): no one is signed in, no link is sent", async () => {
      const api = await anonymousClient("en-GB,en;q=0.9");
      try {
        const response = await postForm(
          api,
          "/logg-inn",
          withIntent({ intent: "password", next: "/", email: demoAccountEmails.org_member, password: DEMO_PASSWORD }, wrong.intent),
        );
        await expectRefused(response, "en");
        const after = await api.get("/min-side");
        expect([302, 303], "still signed out").toContain(after.status());
        expect(after.headers().location).toContain("/logg-inn");
      } finally {
        await api.dispose();
      }
    });

    test("role administration: the role is not granted", async () => {
      const email = freshEmail("grantee");
      const newcomer = await anonymousClient("nb");
      const admin = await apiFor("national_admin");
      try {
        await signUpAndConfirmOverHttp(newcomer, "Intent Testperson", email, PASSWORD);
        const form = { intent: "grant", email, role: "municipal_coordinator", municipalityNumber: ids.hamar, countyNumber: "" };
        await expectRefused(await postForm(admin, "/admin/roller", withIntent(form, wrong.intent)), "nb");
        const list = await (await admin.get(`/admin/roller?rolle=municipal_coordinator&fylke=34`)).text();
        expect(list, "no grant for the address").not.toContain(email);
      } finally {
        await Promise.all([newcomer.dispose(), admin.dispose()]);
      }
    });

    test("organisation page (verify, confirm): the verified mark stays as it was", async () => {
      const coordinator = await apiFor("coordinator_hamar");
      const url = `/organisasjoner/${ids.hamarEmployer}`;
      try {
        const before = await (await coordinator.get(url)).text();
        const wasVerified = before.includes(message("nb", "activityAdmin.org.markUnverified"));
        await expectRefused(await postForm(coordinator, url, withIntent({ intent: "verify", verified: String(!wasVerified) }, wrong.intent)), "nb");
        const after = await (await coordinator.get(url)).text();
        expect(after.includes(message("nb", "activityAdmin.org.markUnverified")), "verified as before").toBe(wasVerified);
      } finally {
        await coordinator.dispose();
      }
    });

    test("members page (invite, change role, remove, revoke, leave): no invitation is sent", async () => {
      const email = freshEmail("not-invited");
      const employer = await apiFor("employer");
      const members = `/organisasjoner/${ids.hamarEmployer}/medlemmer`;
      try {
        await expectRefused(await postForm(employer, members, withIntent({ intent: "invite", email, role: "member" }, wrong.intent)), "nb");
        // Pending invitations are listed on the page: none for the address.
        expect(await (await employer.get(members)).text()).not.toContain(email);
      } finally {
        await employer.dispose();
      }
    });

    test("Min side (name, password, verification, sign out everywhere): the name stays", async () => {
      const member = await apiFor("org_member");
      try {
        const name = `Ikke lagret ${Date.now().toString(36)}`;
        await expectRefused(await postForm(member, "/min-side", withIntent({ intent: "update-profile", name }, wrong.intent)), "nb");
        expect(await (await member.get("/min-side")).text()).not.toContain(name);
      } finally {
        await member.dispose();
      }
    });

    test("activity editing (save, delete): the activity is neither changed nor deleted", async () => {
      const admin = await apiFor("org_admin");
      const url = `/aktiviteter/${demoActivityIds.hamarHomework}`;
      try {
        await expectRefused(await postForm(admin, `${url}/rediger`, withIntent({ intent: "delete", confirm: "on", title: "Ikke lagret" }, wrong.intent)), "nb");
        const page = await admin.get(url);
        expect(page.status(), "still there").toBe(200);
        expect(await page.text()).not.toContain("Ikke lagret");
      } finally {
        await admin.dispose();
      }
    });

    test("settlement figures and gap threshold: the threshold stays", async () => {
      const coordinator = await apiFor("coordinator_hamar");
      const url = `/kommuner/${ids.hamar}/bosetting`;
      try {
        await expectRefused(await postForm(coordinator, url, withIntent({ intent: "threshold", gapThreshold: "97" }, wrong.intent)), "nb");
        expect(await (await coordinator.get(url)).text()).not.toMatch(/name="gapThreshold"[^>]*value="97"/);
      } finally {
        await coordinator.dispose();
      }
    });

    test("parallel initiatives (distinct, restore, suggest, follow-up): refused", async () => {
      const coordinator = await apiFor("coordinator_hamar");
      try {
        const form = { intent: "distinct", a: demoActivityIds.hamarHomework, b: demoActivityIds.hamarLibraryHomework };
        await expectRefused(await postForm(coordinator, `/kommuner/${ids.hamar}/parallelle`, withIntent(form, wrong.intent)), "nb");
      } finally {
        await coordinator.dispose();
      }
    });

    test("settlement import (preview, apply): refused before the file is read", async () => {
      const admin = await apiFor("national_admin");
      try {
        const csrf = csrfTokenFrom(await (await admin.get("/admin/bosetting/import")).text());
        const multipart = {
          _csrf: csrf,
          ...(wrong.intent === null ? {} : { intent: wrong.intent }),
          file: { name: "b.csv", mimeType: "text/csv", buffer: Buffer.from("x") },
        };
        await expectRefused(await admin.post("/admin/bosetting/import", { multipart }), "nb");
      } finally {
        await admin.dispose();
      }
    });

    test("invitation (accept, resend verification): the invitation is not taken", async () => {
      const email = freshEmail("invitee");
      const employer = await apiFor("employer");
      const invitee = await anonymousClient("nb");
      try {
        const members = `/organisasjoner/${ids.hamarEmployer}/medlemmer`;
        const invited = await postForm(employer, members, { intent: "invite", email, role: "member" });
        expect(invited.status(), "the invitation is sent").toBeLessThan(400);
        const link = await linkFromMail(email, "/invitasjon");
        await signUpAndConfirmOverHttp(invitee, "Intent Invitee", email, PASSWORD);
        await expectRefused(await postForm(invitee, link, withIntent({ intent: "accept" }, wrong.intent)), "nb");
        // Still open (an accepted invitation is used up): the page offers to accept it.
        const page = await invitee.get(link);
        expect(page.status()).toBe(200);
        expect(await page.text()).toContain(message("nb", "org.invitation.accept"));
      } finally {
        await Promise.all([employer.dispose(), invitee.dispose()]);
      }
    });
  });
}
