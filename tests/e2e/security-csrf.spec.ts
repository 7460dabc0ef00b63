import type { APIRequestContext, APIResponse } from "@playwright/test";
import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { message } from "./support/messages.ts";
import { BASE_URL } from "./support/paths.ts";
import { anySampleUrl, formBody, pageSampleFor, patternsWithActions, postForms } from "./support/security-forms.ts";

/**
 * Cross-site request forgery (issue 15, security): every route that accepts a
 * POST — found from app/routes.ts, not listed by hand — refuses one without a
 * valid token, with a wrong token, from another site's Origin, or marked
 * cross-site by the browser (Sec-Fetch-Site), with 403 and the localised
 * message; and the forms each page really offers, sent without their token,
 * change nothing. The Brreg upload (Express, before React Router) too.
 */

const csrfMessages = (["nb", "nn", "en"] as const).map((locale) => message(locale, "errors.csrf"));
const UPLOAD_PATH = "/admin/import";

/**
 * 403 and the error page with the message in the page's language (a nynorsk kommune's pages answer in nynorsk).
 * Every route with an action is a page route, the language switch and sign-out included, so what a browser gets
 * for an expired form is a page, never the refusal as JSON.
 */
function expectCsrfRefusal(response: APIResponse, body: string, what: string): void {
  expect(response.status(), `${what}: status`).toBe(403);
  expect(response.headers()["content-type"] ?? "", `${what}: a page`).toMatch(/^text\/html/);
  expect(
    csrfMessages.some((text) => body.includes(text)),
    `${what}: the localised message in ${body.slice(0, 300)}`,
  ).toBe(true);
}

/**
 * Another site's Origin is refused before the action: by React Router's own check of action requests (a bare
 * 400, before our middleware), else by ours (403 with the message). Either way nothing runs.
 */
function expectOriginRefusal(response: APIResponse, body: string, what: string): void {
  if (response.status() === 400) expect(body, `${what}: React Router's refusal`).toBe("Bad Request");
  else expectCsrfRefusal(response, body, what);
}

async function tokenOf(api: APIRequestContext): Promise<string> {
  return csrfTokenFrom(await (await api.get("/logg-inn")).text());
}

const actionPatterns = patternsWithActions();

test("the walk finds the app's mutations: at least 70 routes with an action, each with a sample URL in the manifest", () => {
  expect(actionPatterns.length).toBeGreaterThanOrEqual(70);
  const missing = actionPatterns.filter((pattern) => anySampleUrl(pattern) === null);
  expect(missing, "routes with an action but no manifest sample").toEqual([]);
});

test("every route with an action refuses a POST without a token, with a wrong one, from another Origin or marked cross-site: 403 with the message", async ({
  roleApi,
}) => {
  test.setTimeout(120_000);
  const signedIn = await roleApi("national_admin");
  const signedInToken = csrfTokenFrom(await (await signedIn.get("/min-side")).text());
  const anonymous = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
  const anonymousToken = await tokenOf(anonymous);
  try {
    const urls = actionPatterns.map((pattern) => anySampleUrl(pattern)!);
    for (const url of urls) {
      const form = { intent: "create", name: "csrf-probe", title: "csrf-probe", email: "csrf-probe@example.no" };
      const cases: { what: string; send: () => Promise<APIResponse>; origin?: true }[] = [
        { what: "anonymous, no token", send: () => anonymous.post(url, { form }) },
        { what: "signed in, no token", send: () => signedIn.post(url, { form }) },
        // A token is bound to its own browser's cookie: another visitor's is worthless.
        { what: "signed in, another visitor's token", send: () => signedIn.post(url, { form: { ...form, _csrf: anonymousToken } }) },
        {
          what: "signed in, right token, another site's Origin",
          send: () => signedIn.post(url, { form: { ...form, _csrf: signedInToken }, headers: { Origin: "https://evil.example" } }),
          origin: true,
        },
        {
          what: "signed in, right token, Sec-Fetch-Site: cross-site",
          send: () => signedIn.post(url, { form: { ...form, _csrf: signedInToken }, headers: { "Sec-Fetch-Site": "cross-site" } }),
        },
      ];
      for (const { what, send, origin } of cases) {
        const response = await send();
        (origin ? expectOriginRefusal : expectCsrfRefusal)(response, await response.text(), `POST ${url} (${what})`);
      }
    }
  } finally {
    await anonymous.dispose();
  }
});

test("the Brreg upload (Express, streamed) refuses a file without a token, with a wrong one, from another Origin or marked cross-site", async ({ roleApi }) => {
  const api = await roleApi("national_admin");
  const token = csrfTokenFrom(await (await api.get(UPLOAD_PATH)).text());
  const anonymous = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
  const otherToken = await tokenOf(anonymous);
  await anonymous.dispose();
  const file = { name: "enheter.json", mimeType: "application/json", buffer: Buffer.from("[]") };
  const cases: { what: string; multipart: Record<string, string | typeof file>; headers?: Record<string, string> }[] = [
    { what: "no token", multipart: { file } },
    { what: "another visitor's token", multipart: { _csrf: otherToken, file } },
    { what: "another site's Origin", multipart: { _csrf: token, file }, headers: { Origin: "https://evil.example" } },
    { what: "Sec-Fetch-Site: cross-site", multipart: { _csrf: token, file }, headers: { "Sec-Fetch-Site": "cross-site" } },
  ];
  for (const { what, multipart, headers } of cases) {
    const response = await api.post(UPLOAD_PATH, { multipart, headers });
    expectCsrfRefusal(response, await response.text(), `upload (${what})`);
  }
});

test("the forms each page offers, sent without their token, are refused and change nothing on the page", async ({ roleApi }) => {
  test.setTimeout(180_000);
  const marker = `csrf-${Date.now().toString(36)}`;
  const anonymous = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
  let sent = 0;
  try {
    for (const pattern of actionPatterns) {
      const page = pageSampleFor(pattern);
      if (!page) continue;
      const api = page.role === "anonymous" ? anonymous : await roleApi(page.role);
      const before = await api.get(page.sample.url);
      if (before.status() !== 200) continue;
      const forms = postForms(await before.text(), page.sample.url);
      for (const form of forms) {
        const body = formBody(form, (field) => (["text", "textarea", "search"].includes(field.type) ? marker : undefined), null);
        const response = form.multipart ? await api.post(form.action, { multipart: body }) : await api.post(form.action, { form: body });
        expectCsrfRefusal(response, await response.text(), `${page.role}: form on ${page.sample.url} → ${form.action}`);
        sent++;
      }
      const after = await api.get(page.sample.url);
      expect(await after.text(), `${page.sample.url} after the refused posts`).not.toContain(marker);
    }
  } finally {
    await anonymous.dispose();
  }
  // The walk must really have sent forms (the pages' forms are read from their HTML).
  expect(sent).toBeGreaterThanOrEqual(60);
});
