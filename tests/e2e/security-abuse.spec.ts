import type { APIRequestContext, APIResponse } from "@playwright/test";
import { request as playwrightRequest } from "@playwright/test";
import { apiFor, expect, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { message } from "./support/messages.ts";
import { signUpAndConfirmOverHttp } from "./support/accounts.ts";
import { BASE_URL } from "./support/paths.ts";
import { formBody, postForms } from "./support/security-forms.ts";
import { demoVolunteerRoleIds } from "../../app/domain/demo/ids.ts";

/**
 * Abuse of the forms anyone can reach (issue 15, security): uploads of the
 * wrong type (judged by content, not name or declared type), too large or
 * too many, refused with a localised message and nothing stored; the N+1-th
 * magic link, password reset, sign-in, volunteer interest and volunteer
 * sign-in link refused with 429 and a message, per address — and a forged
 * X-Forwarded-For does not reset a limit while TRUST_PROXY is off; and the
 * answers that could tell whether an address has an account (sign-in, magic
 * link, password reset) are the same, in status, text and roughly in time.
 *
 * Every address here is fresh: the limits are per address, and a demo
 * account's limits are shared with the other specs.
 */

test.describe.configure({ timeout: 120_000 });

const nb = (key: string) => message("nb", key);
const PASSWORD = "et langt nok passord 1";

function freshEmail(label: string): string {
  return `sec-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.no`;
}

async function anonymous(): Promise<{ api: APIRequestContext; token: string }> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
  return { api, token: csrfTokenFrom(await (await api.get("/logg-inn")).text()) };
}

/** The page's main content, without what differs between two answers by design (the address typed, tokens). */
function mainOf(html: string, email: string): string {
  const main = /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  return main
    .split(email)
    .join("<address>")
    .replace(/name="_csrf" value="[^"]*"/g, "")
    .replace(/nonce="[^"]*"/g, "");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(send: () => Promise<APIResponse>): Promise<{ response: APIResponse; ms: number; text: string }> {
  const start = performance.now();
  const response = await send();
  const text = await response.text();
  return { response, ms: performance.now() - start, text };
}

function expectRateLimited(response: APIResponse, text: string, what: string): void {
  expect(response.status(), `${what}: 429`).toBe(429);
  expect(text, `${what}: the localised message`).toContain(nb("errors.rateLimited").split(".")[0]!);
}

test.describe("uploads", () => {
  const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

  /** A new guidance request with these attachments, as the volunteer centre's admin; answers status and text. */
  async function askWith(api: APIRequestContext, title: string, files: { name: string; mimeType: string; buffer: Buffer }[]) {
    const html = await (await api.get("/veiledning/ny")).text();
    const form = postForms(html, "/veiledning/ny").sort((a, b) => b.fields.length - a.fields.length)[0]!;
    const body = formBody(
      form,
      (f) => (f.name === "title" ? title : f.name === "description" ? "Et spørsmål med vedlegg som skal avvises." : undefined),
      csrfTokenFrom(html),
    );
    const data = new FormData();
    for (const [name, value] of Object.entries(body)) data.append(name, value);
    for (const file of files) data.append("attachments", new Blob([new Uint8Array(file.buffer)], { type: file.mimeType }), file.name);
    const response = await api.post("/veiledning/ny", { multipart: data });
    return { status: response.status(), text: await response.text() };
  }

  test("attachments: wrong type by content (HTML or SVG named .pdf/.png, an executable), over 10 MB, more than three files → 400 with the message, nothing stored", async () => {
    const api = await apiFor("org_admin");
    try {
      const title = `Vedleggsprøve ${Date.now().toString(36)}`;
      const cases: { what: string; files: { name: string; mimeType: string; buffer: Buffer }[]; key: string }[] = [
        {
          what: "HTML named .pdf",
          files: [{ name: "rapport.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html><script>alert(1)</script></html>") }],
          key: "validation.file.type",
        },
        {
          what: "SVG with a script named .png",
          files: [{ name: "bilde.png", mimeType: "image/png", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') }],
          key: "validation.file.type",
        },
        {
          what: "a Windows executable named .jpg",
          files: [{ name: "foto.jpg", mimeType: "image/jpeg", buffer: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 1)]) }],
          key: "validation.file.type",
        },
        {
          what: "a PNG one byte over 10 MB",
          files: [{ name: "stor.png", mimeType: "image/png", buffer: Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024 + 1 - PNG.length)]) }],
          key: "validation.file.tooLarge",
        },
        { what: "four files", files: [1, 2, 3, 4].map((n) => ({ name: `bilde${n}.png`, mimeType: "image/png", buffer: PNG })), key: "validation.file.tooMany" },
      ];
      for (const { what, files, key } of cases) {
        const { status, text } = await askWith(api, title, files);
        expect(status, what).toBe(400);
        expect(text, `${what}: ${key}`).toContain(nb(key).split("{")[0]!.trim());
      }
      // Nothing was stored: the organisation's requests do not include the title.
      expect(await (await api.get("/veiledning")).text()).not.toContain(title);
    } finally {
      await api.dispose();
    }
  });

  test("the settlement import refuses a file that is not CSV text (an image named .csv) with a message", async () => {
    const api = await apiFor("national_admin");
    try {
      const html = await (await api.get("/admin/bosetting/import")).text();
      const token = csrfTokenFrom(html);
      const response = await api.post("/admin/bosetting/import", {
        multipart: { _csrf: token, intent: "preview", file: { name: "bosetting.csv", mimeType: "text/csv", buffer: PNG } },
      });
      expect(response.status()).toBe(400);
      expect(await response.text()).toContain('role="alert"');
    } finally {
      await api.dispose();
    }
  });
});

test.describe("rate limits", () => {
  test("magic link and password reset: the sixth request for one address within 15 minutes → 429 with the message, also with a forged X-Forwarded-For", async () => {
    const { api, token } = await anonymous();
    try {
      for (const [url, intent] of [
        ["/logg-inn", "magic-link"],
        ["/glemt-passord", undefined],
      ] as const) {
        const email = freshEmail("limit");
        const send = (headers: Record<string, string> = {}) => api.post(url, { form: { _csrf: token, email, ...(intent ? { intent } : {}) }, headers });
        for (let i = 1; i <= 5; i++) expect((await send()).status(), `${url} request ${i}`).toBe(200);
        const sixth = await send();
        expectRateLimited(sixth, await sixth.text(), `${url}, sixth`);
        // TRUST_PROXY is off: the header is not believed, so it cannot make a new source.
        const forged = await send({ "X-Forwarded-For": "203.0.113.7" });
        expectRateLimited(forged, await forged.text(), `${url}, forged X-Forwarded-For`);
      }
    } finally {
      await api.dispose();
    }
  });

  test("password sign-in: after three wrong passwords the next attempt waits (429 with the wait), for an unknown address just the same", async () => {
    const { api, token } = await anonymous();
    try {
      const email = freshEmail("nobody");
      for (let i = 1; i <= 3; i++) {
        const wrong = await api.post("/logg-inn", { form: { _csrf: token, intent: "password", email, password: `feil passord ${i}!` } });
        expect(wrong.status(), `attempt ${i}`).toBe(400);
        expect(await wrong.text()).toContain(nb("auth.invalidCredentials").split(".")[0]!);
      }
      const fourth = await api.post("/logg-inn", { form: { _csrf: token, intent: "password", email, password: "feil passord 4!" } });
      expectRateLimited(fourth, await fourth.text(), "fourth attempt");
      const forged = await api.post("/logg-inn", {
        form: { _csrf: token, intent: "password", email, password: "feil passord 5!" },
        headers: { "X-Forwarded-For": "203.0.113.8" },
      });
      expectRateLimited(forged, await forged.text(), "forged X-Forwarded-For");
    } finally {
      await api.dispose();
    }
  });

  test("public forms: a volunteer's interest (five per address an hour) and the volunteer's sign-in link (five per address and source) → 429 with the message", async () => {
    const { api } = await anonymous();
    try {
      const roleUrl = `/frivillig/roller/${demoVolunteerRoleIds.hamarHomeworkHelper}`;
      const html = await (await api.get(roleUrl)).text();
      const form = postForms(html, roleUrl).find((f) => f.fields.some((x) => x.name === "email"))!;
      const email = freshEmail("interest");
      // Only the visible fields: the hidden honeypot ("nettsted") must stay empty, or the form quietly stores nothing.
      const body = formBody(form, (f) => (f.name === "email" ? email : f.name === "name" ? "Kari Nordmann" : undefined), csrfTokenFrom(html));
      const statuses: number[] = [];
      for (let i = 1; i <= 5; i++) statuses.push((await api.post(form.action, { form: body })).status());
      expect(
        statuses.every((s) => s < 400),
        `the first five: ${statuses.join(", ")}`,
      ).toBe(true);
      const sixth = await api.post(form.action, { form: body });
      expectRateLimited(sixth, await sixth.text(), "sixth interest");

      const selfHtml = await (await api.get("/frivillig/meg")).text();
      const selfForm = postForms(selfHtml, "/frivillig/meg").find((f) => f.fields.some((x) => x.name === "email"))!;
      const selfEmail = freshEmail("self");
      const selfBody = formBody(selfForm, (f) => (f.name === "email" ? selfEmail : undefined), csrfTokenFrom(selfHtml));
      for (let i = 1; i <= 5; i++) expect((await api.post(selfForm.action, { form: selfBody })).status(), `link ${i}`).toBeLessThan(400);
      const sixthLink = await api.post(selfForm.action, { form: selfBody });
      expectRateLimited(sixthLink, await sixthLink.text(), "sixth sign-in link");
    } finally {
      await api.dispose();
    }
  });
});

test.describe("enumeration", () => {
  test("sign-in, magic link and password reset answer a known and an unknown address the same: status, text, and time within a generous bound", async () => {
    const known = freshEmail("known");
    const setup = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
    await signUpAndConfirmOverHttp(setup, "Kjent Person", known, PASSWORD);
    await setup.dispose();
    const { api, token } = await anonymous();
    try {
      const unknown = freshEmail("unknown");
      const forms: { label: string; url: string; form: (email: string, i: number) => Record<string, string>; tries: number }[] = [
        // Two wrong passwords each: the third would start the (equal) delays.
        { label: "password sign-in", url: "/logg-inn", form: (email, i) => ({ intent: "password", email, password: `galt passord ${i}!` }), tries: 2 },
        { label: "magic link", url: "/logg-inn", form: (email) => ({ intent: "magic-link", email }), tries: 3 },
        { label: "password reset", url: "/glemt-passord", form: (email) => ({ email }), tries: 3 },
      ];
      for (const { label, url, form, tries } of forms) {
        const answers: Record<"known" | "unknown", { status: number; main: string; ms: number[] }> = {
          known: { status: 0, main: "", ms: [] },
          unknown: { status: 0, main: "", ms: [] },
        };
        for (let i = 0; i < tries; i++) {
          // Interleaved, so a slow moment of the machine falls on both.
          for (const [which, email] of [
            ["known", known],
            ["unknown", unknown],
          ] as const) {
            const { response, ms, text } = await timed(() => api.post(url, { form: { _csrf: token, ...form(email, i) } }));
            answers[which].status = response.status();
            answers[which].main = mainOf(text, email);
            answers[which].ms.push(ms);
          }
        }
        expect(answers.known.status, `${label}: status`).toBe(answers.unknown.status);
        expect(answers.known.main, `${label}: the page`).toBe(answers.unknown.main);
        const [k, u] = [median(answers.known.ms), median(answers.unknown.ms)];
        // Generous: the machine is shared; a real difference (e.g. a mail sent only for known addresses, or a
        // password hash only checked for them) is larger than this on these pages.
        expect(Math.abs(k - u), `${label}: median ${Math.round(k)} ms known vs ${Math.round(u)} ms unknown`).toBeLessThan(Math.max(150, 0.4 * Math.max(k, u)));
      }
    } finally {
      await api.dispose();
    }
  });
});
