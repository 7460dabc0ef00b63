import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { request as playwrightRequest } from "@playwright/test";
import { apiFor, contextFor, expect, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { signUpAndConfirmOverHttp } from "./support/accounts.ts";
import { BASE_URL } from "./support/paths.ts";
import { formBody, pageSampleFor, postForms, type ScrapedField, type ScrapedForm } from "./support/security-forms.ts";
import type { Role } from "./route-manifest.ts";

/**
 * Stored cross-site scripting (issue 15, security): hostile text goes into
 * every create form of each domain (found from the route manifest: the
 * `…/ny` pages), into the edit form and the text forms (comments, notes,
 * obstacles …) of what was just created, and into a user's name; then every
 * page that shows it is loaded in Chromium, which must run none of it. Each
 * payload sets `window.__xss` or adds an element marked `data-xss` if it
 * ever becomes markup; a Content-Security-Policy violation means injected
 * script reached the page and only the CSP stopped it, which counts as a
 * failure too (the CSP is the second line, escaping the first).
 */

test.describe.configure({ timeout: 240_000 });

const PAYLOADS = [
  `<script>window.__xss=1</script>`,
  `"><img src=x data-xss onerror="window.__xss=1">`,
  `'><svg data-xss onload=window.__xss=1>`,
  `</textarea><img src=x data-xss onerror=window.__xss=1>`,
  `</title></script><script>window.__xss=1</script>`,
  `javascript:window.__xss=1`,
  `[lenke](javascript:window.__xss=1) <img src=x data-xss onerror=window.__xss=1> <a href="javascript:window.__xss=1" data-xss>x</a>`,
  `{name} {{constructor.constructor('window.__xss=1')()}} {x, plural, other {<b data-xss>#</b>}}`,
  `" onmouseover="window.__xss=1" data-xss="`,
  `<iframe data-xss srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<details open ontoggle=window.__xss=1 data-xss>`,
];
/**
 * Names and titles appear on most pages, in <title>, and in the activity page's JSON-LD script: all the
 * breakouts at once, so each of those places meets each of them.
 */
const TITLE_PAYLOAD = `</script><script>window.__xss=1</script>"><img src=x data-xss onerror=window.__xss=1>{name}`;
/** For fields too short for the others. */
const SHORT_PAYLOAD = `<b data-xss>x</b>"'`;

/** The create forms: every manifest route whose path ends in /ny. */
const CREATE_PATTERNS = [
  "/organisasjoner/ny",
  "/organisasjoner/:id/aktiviteter/ny",
  "/veiledning/ny",
  "/arrangementer/ny",
  "/kunnskap/ny",
  "/organisasjoner/:id/erfaringer/ny",
  "/undersokelser/ny",
  "/verksteder/ny",
  "/behov/ny",
  "/praksisplasser/ny",
];

/** Who fills a create form where the most privileged role that may open it is not who the form is for. */
const CREATE_ROLES: Record<string, Role> = { "/veiledning/ny": "org_admin", "/behov/ny": "coordinator_hamar" };

/** Pages that list or summarise what was created, checked as the creating role and as a visitor. */
const LIST_PAGES = [
  "/",
  "/organisasjoner",
  "/aktiviteter",
  "/behov",
  "/kunnskap",
  "/arrangementer",
  "/erfaringer",
  "/veiledning",
  "/verksteder",
  "/praksisplasser",
  "/frivillig",
  "/kommuner/3403",
  "/kommuner/3403/oversikt",
];

/** Forms never sent: they end sessions, delete, merge or hand things away rather than store text. */
const SKIP_FORM = /logg-ut|\/sprak|slett|delete|remove|fjern|merge|slaa-sammen|withdraw|trekk|cancel|avlys|archive|leave|revoke|decline|reject/i;

let counter = 0;

function fitting(field: ScrapedField): string {
  const max = field.maxLength ?? 10_000;
  if (/^(title|name)(_|$)|\.title$/.test(field.name) && TITLE_PAYLOAD.length <= max) return TITLE_PAYLOAD;
  for (let i = 0; i < PAYLOADS.length; i++) {
    const payload = PAYLOADS[(counter + i) % PAYLOADS.length]!;
    if (payload.length <= max) {
      counter++;
      return payload;
    }
  }
  return SHORT_PAYLOAD.slice(0, max);
}

/** A valid value for typed fields, a payload for free text. */
function fill(field: ScrapedField): string | undefined {
  const name = field.name.toLowerCase();
  // An empty row of a repeated group (a workshop's sessions s1_… on): left empty, or it becomes a half-filled row.
  if (/^[a-z]+[1-9]\d*_/.test(field.name) && field.value === "") return "";
  // Fields with a syntax of their own that are optional: empty.
  if (/latitude|longitude|^lat$|^lng$|rrule|operator/.test(name)) return "";
  switch (field.type) {
    case "text":
    case "textarea":
    case "search":
      if (/orgnumber|organizationnumber|org_number|orgnr/.test(name)) return undefined;
      if (/email|epost/.test(name)) return `xss-${Date.now().toString(36)}${counter++}@example.no`;
      if (/phone|telefon/.test(name)) return "+47 912 34 567";
      if (/url|website|link|nettside/.test(name)) return `https://example.no/?q="><svg data-xss onload=window.__xss=1>`;
      if (/postcode|postnummer|postal/.test(name)) return "2317";
      if (/number|count|antall|capacity|hours|timer|age/.test(name) && field.value !== "") return undefined;
      return fitting(field);
    case "email":
      return `xss-${Date.now().toString(36)}${counter++}@example.no`;
    case "url":
      return `https://example.no/?q="><svg data-xss onload=window.__xss=1>`;
    case "tel":
      return "+47 912 34 567";
    case "date":
      return field.value || "2027-03-15";
    case "datetime-local":
      return field.value || "2027-03-15T18:00";
    case "time":
      return field.value || "18:00";
    case "number":
      return field.value || "5";
    default:
      return undefined;
  }
}

function hasText(form: ScrapedForm): boolean {
  return form.fields.some((f) => ["text", "textarea", "search"].includes(f.type) && !/email|epost|orgnumber/i.test(f.name));
}

interface Stored {
  role: Role;
  form: string;
  /** Where the app went after storing (the new entity's page), or the form's page when it answered in place. */
  landing: string;
}

async function clientFor(role: Role): Promise<APIRequestContext> {
  return role === "anonymous" ? playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 }) : apiFor(role);
}

/** Sends each text form on `url` with payloads; returns what was stored and what was refused (with the page's error text). */
async function sendForms(api: APIRequestContext, role: Role, url: string, only: "main" | "all"): Promise<{ stored: Stored[]; refused: string[] }> {
  const page = await api.get(url);
  if (page.status() !== 200) return { stored: [], refused: [`${url}: GET ${page.status()}`] };
  const html = await page.text();
  const token = csrfTokenFrom(html);
  let forms = postForms(html, url).filter(
    (f) => hasText(f) && !SKIP_FORM.test(`${f.action} ${f.submit?.value ?? ""} ${f.fields.map((x) => x.value).join(" ")}`),
  );
  // The page's main form: the one with the most text fields (the create or edit form, not the header's).
  if (only === "main") forms = forms.sort((a, b) => b.fields.length - a.fields.length).slice(0, 1);
  const stored: Stored[] = [];
  const refused: string[] = [];
  for (const form of forms) {
    const body = formBody(form, fill, token);
    const response = form.multipart ? await api.post(form.action, { multipart: body }) : await api.post(form.action, { form: body });
    const status = response.status();
    if ([301, 302, 303].includes(status)) {
      const location = response.headers()["location"] ?? url;
      stored.push({ role, form: `${url} → ${form.action}`, landing: new URL(location, BASE_URL).pathname + new URL(location, BASE_URL).search });
    } else if (status === 200) {
      stored.push({ role, form: `${url} → ${form.action}`, landing: url });
    } else {
      const text = await response.text();
      const errors = [...text.matchAll(/class="ds-validation-message"[^>]*>([^<]*)</g)].map((m) => m[1]).slice(0, 3);
      refused.push(`${role} ${url} → ${form.action}: ${status} ${errors.join(" | ")}`);
    }
    expect(status, `${role}: ${url} → ${form.action}`).toBeLessThan(500);
  }
  return { stored, refused };
}

interface Findings {
  url: string;
  role: Role;
  problems: string[];
}

/** Loads the page in Chromium and reports anything the payloads made happen. */
async function inspect(page: Page, url: string): Promise<string[]> {
  const problems: string[] = [];
  const onDialog = (dialog: { message(): string; dismiss(): Promise<void> }) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  };
  page.on("dialog", onDialog);
  try {
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response || response.status() >= 400) return [];
    await page.waitForLoadState("networkidle").catch(() => undefined);
    // Event handlers such as onmouseover need the event.
    await page.mouse.move(5, 5);
    await page.mouse.move(300, 300);
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __xss?: unknown; __cspViolations?: string[] };
      return {
        xss: w.__xss !== undefined,
        csp: w.__cspViolations ?? [],
        marked: Array.from(document.querySelectorAll("[data-xss]")).map((e) => e.outerHTML.slice(0, 120)),
        javascriptLinks: Array.from(document.querySelectorAll("a[href], area[href], iframe[src], form[action]"))
          .map((e) => e.getAttribute("href") ?? e.getAttribute("src") ?? e.getAttribute("action") ?? "")
          .filter((href) => /^\s*javascript:/i.test(href)),
        handlers: Array.from(document.querySelectorAll("*")).flatMap((e) =>
          Array.from(e.attributes)
            .filter((a) => /^on/i.test(a.name) && /__xss/.test(a.value))
            .map((a) => `${e.tagName.toLowerCase()} ${a.name}`),
        ),
      };
    });
    if (seen.xss) problems.push("window.__xss was set: injected script ran");
    problems.push(...seen.csp.map((v) => `CSP violation (injected script reached the page): ${v}`));
    problems.push(...seen.marked.map((m) => `injected element: ${m}`));
    problems.push(...seen.javascriptLinks.map((h) => `javascript: URL in a link: ${h}`));
    problems.push(...seen.handlers.map((h) => `injected event handler: ${h}`));
  } finally {
    page.off("dialog", onDialog);
  }
  return problems;
}

async function watchedPage(browser: Browser, role: Role): Promise<Page> {
  const context = await contextFor(browser, role);
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      w.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`.trim());
    });
  });
  return context.newPage();
}

async function inspectAll(browser: Browser, visits: { role: Role; url: string }[]): Promise<Findings[]> {
  const byRole = new Map<Role, string[]>();
  for (const { role, url } of visits) {
    const urls = byRole.get(role) ?? [];
    if (!urls.includes(url)) urls.push(url);
    byRole.set(role, urls);
  }
  const findings: Findings[] = [];
  for (const [role, urls] of byRole) {
    const page = await watchedPage(browser, role);
    try {
      for (const url of urls) {
        const problems = await inspect(page, url);
        if (problems.length > 0) findings.push({ url, role, problems });
      }
    } finally {
      await page.context().close();
    }
  }
  return findings;
}

test("every create form of each domain, the edit and text forms of what it created, and the pages showing it: no payload runs or becomes markup", async ({
  browser,
}) => {
  const stored: Stored[] = [];
  const refused: string[] = [];
  const clients = new Map<Role, APIRequestContext>();
  try {
    for (const pattern of CREATE_PATTERNS) {
      const found = pageSampleFor(pattern);
      expect(found, `${pattern}: a role that may open it`).not.toBeNull();
      const { sample } = found!;
      const role = CREATE_ROLES[pattern] ?? found!.role;
      let api = clients.get(role);
      if (!api) clients.set(role, (api = await clientFor(role)));
      const created = await sendForms(api, role, sample.url, "main");
      refused.push(...created.refused);
      stored.push(...created.stored);
      for (const item of created.stored) {
        if (item.landing === sample.url) continue;
        const base = item.landing.split("?")[0]!;
        // The new entity's own page: its text forms (comments, notes, obstacles …), then its edit form.
        const more = await sendForms(api, role, base, "all");
        stored.push(...more.stored);
        const edit = await api.get(`${base}/rediger`);
        if (edit.status() === 200) {
          const edited = await sendForms(api, role, `${base}/rediger`, "main");
          stored.push(...edited.stored);
          refused.push(...edited.refused);
        }
      }
    }
  } finally {
    for (const client of clients.values()) await client.dispose();
  }
  const storedCreates = new Set(
    stored.map((s) => s.form.split(" → ")[0]!).filter((url) => CREATE_PATTERNS.some((p) => new RegExp(`^${p.replace(/:[a-z]+/g, "[^/]+")}$`).test(url))),
  );
  expect(
    refused.filter((r) => CREATE_PATTERNS.some((p) => r.includes(p.split("/:")[0]!) && r.includes("/ny"))),
    "create forms the payloads did not get through",
  ).toEqual([]);
  expect(storedCreates.size, `create forms stored: ${[...storedCreates].join(", ")}`).toBe(CREATE_PATTERNS.length);

  // Each new thing's page as its creator, and as a visitor where it is public; the lists as a visitor and as
  // the national admin (who sees the most); each creator's start page. Kept to these so the test stays short.
  const visits: { role: Role; url: string }[] = [];
  const visitor = await clientFor("anonymous");
  try {
    for (const item of stored) {
      visits.push({ role: item.role, url: item.landing });
      if ((await visitor.get(item.landing)).status() === 200) visits.push({ role: "anonymous", url: item.landing });
    }
  } finally {
    await visitor.dispose();
  }
  for (const url of LIST_PAGES) for (const role of ["anonymous", "national_admin"] as const) visits.push({ role, url });
  for (const role of new Set(stored.map((s) => s.role))) visits.push({ role, url: "/" });
  const findings = await inspectAll(browser, visits);
  expect(findings.map((f) => `${f.role} ${f.url}: ${f.problems.join("; ")}`)).toEqual([]);
});

test("a user's name (shown in the header through a message with {name}) and a profile with payloads: nothing runs", async ({ browser }) => {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
  try {
    const name = `{name} <img src=x data-xss onerror=window.__xss=1> {x, plural, other {#}} '{'`;
    await signUpAndConfirmOverHttp(api, name, `xss-name-${Date.now().toString(36)}@example.no`, "et-langt-passord-123");
    const context = await browser.newContext({ storageState: await api.storageState() });
    await context.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => w.__cspViolations.push(`${event.violatedDirective} ${event.sample}`));
    });
    const page = await context.newPage();
    for (const url of ["/min-side", "/", "/min-side/personvern"]) {
      expect(await inspect(page, url), url).toEqual([]);
    }
    // The name is shown as text, braces and all.
    await page.goto("/min-side");
    await expect(page.locator("header")).toContainText("{name} <img src=x");
    await context.close();
  } finally {
    await api.dispose();
  }
});

test("a javascript: address is refused in link fields", async () => {
  const found = pageSampleFor("/organisasjoner/ny")!;
  const api = await clientFor(found.role);
  try {
    const html = await (await api.get(found.sample.url)).text();
    const form = postForms(html, found.sample.url).sort((a, b) => b.fields.length - a.fields.length)[0]!;
    const urlField = form.fields.find((f) => f.type === "url" || /website|url/i.test(f.name));
    expect(urlField, "the organisation form has a web address field").toBeDefined();
    for (const bad of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      " javascript:alert(1)",
      "vbscript:msgbox(1)",
    ]) {
      const body = formBody(form, (f) => (f.name === urlField!.name ? bad : fill(f)), csrfTokenFrom(html));
      const response = await api.post(form.action, { form: body });
      expect(response.status(), `${bad}: refused with a message`).toBe(400);
    }
  } finally {
    await api.dispose();
  }
});
