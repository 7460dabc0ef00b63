import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import routes from "../../app/routes.ts";
import { demoAccountEmails, ids, manifest, roles, type Role, type SignedInRole } from "./route-manifest.ts";
import { expect, test } from "./support/fixtures.ts";
import { csrfTokenFrom, getRetryingOnReset } from "./support/http.ts";
import { dataUrl, decodeTurboStream, findLeaks, hydrationStream, reactRouterCookieValue, sha256, visibleMarkup, type Leak } from "./support/loader-data.ts";
import { storageStatePath } from "./support/paths.ts";

/**
 * A loader returns only what its page displays. Every page in the route
 * manifest, as every role that may open it (200), is fetched twice over
 * plain HTTP — the HTML (its hydration script carries the loader data) and
 * React Router's single-fetch endpoint (`<path>.data`, which answers even for
 * pages that ship no JavaScript) — and the decoded data is searched for what
 * must not leave the server (support/loader-data.ts): password hashes, the
 * visitor's session token or its hash, token-like values, fields named like
 * secrets, and — unless the page shows them — IP addresses, user ids and
 * other people's e-mail addresses.
 */

/**
 * Pages that show other people's e-mail addresses or IP addresses, and why.
 * Even here an address may only be in the data when the page's markup shows
 * it too, so a page cannot carry more addresses than it lists.
 */
const shows: Record<string, { emails?: string; ips?: string }> = {
  "/organisasjoner/:id": { emails: "the internal part lists the organisation's members with their e-mail (members, coordinators, national admin)" },
  "/organisasjoner/:id/medlemmer": { emails: "the members table and the pending invitations list each person's e-mail" },
  "/organisasjoner/:id/logg": { emails: 'the "who" column names each change\'s author by e-mail' },
  "/admin/logg": {
    emails: 'the "who" column names each change\'s author by e-mail',
    ips: "the national admin's full log shows each entry's IP address under \"show changes\"",
  },
  "/admin/roller": { emails: "role grants are listed, granted and revoked by the holder's e-mail" },
  "/kommuner/:number/intern": { emails: "the kommune's internal contacts: its coordinators and organisation contacts with e-mail" },
  "/verksteder/:id/handlingsplan": { emails: "each action names its owner's contact, with e-mail, for the workshop's participants (issue 13)" },
  "/verksteder/:id/rapport": { emails: "the report names each action's contact, as its PDF does" },
  "/arrangementer/:id/deltakere": { emails: "the organiser's participant list shows each registration's e-mail (issue 12)" },
  "/verksteder/:id/deltakere": { emails: "the workshop's managers see each participant's and invitee's e-mail (issue 13)" },
  "/verksteder/:id/handlingsplan/:action": { emails: "the edit form (managers only) holds the action's contact e-mail" },
  "/organisasjoner/:id/frivillige": { emails: "the receiving organisation's inbox shows each confirmed volunteer's e-mail, to contact them (issue 14)" },
  "/kommuner/:number/frivillige": {
    emails: "the kommune's own coordinators see the e-mail of each volunteer who chose to be contactable by the kommune (issue 14)",
  },
  "/kommuner/:number/frivillige/innboks": {
    emails: "the kommune's inbox for its own needs shows each confirmed volunteer's e-mail, to its coordinators (issue 14)",
  },
};

const ownEmail = (role: Role): string | null => (role === "anonymous" ? null : demoAccountEmails[role as SignedInRole]);

/** The secrets in a role's cookies: its session token (and the SHA-256 the database keeps) and its CSRF secret. */
function cookieSecrets(role: Role): string[] {
  const state = JSON.parse(readFileSync(storageStatePath(role), "utf8")) as { cookies: { name: string; value: string }[] };
  const secrets: string[] = [];
  for (const cookie of state.cookies) {
    if (!/samspill_(session|csrf)$/.test(cookie.name)) continue;
    const value = reactRouterCookieValue(cookie.value);
    if (!value) continue;
    secrets.push(value);
    if (cookie.name.endsWith("session")) secrets.push(sha256(value));
  }
  return secrets;
}

/** A valid CSRF token for the client's session, read from a page's forms. */
async function csrfFor(api: APIRequestContext, url = "/"): Promise<string> {
  const page = await api.get(url);
  expect(page.status(), `GET ${url}`).toBe(200);
  return csrfTokenFrom(await page.text());
}

async function post(api: APIRequestContext, url: string, form: Record<string, string>): Promise<void> {
  const response = await api.post(url, { form: { _csrf: await csrfFor(api), ...form }, maxRedirects: 0 });
  expect(response.status(), `POST ${url} ${JSON.stringify(form)}`).toBeLessThan(400);
}

/**
 * Data for the walk to find: audited changes by several people (entries with
 * IP addresses, user ids and e-mails in the organisations' logs and the full
 * log) and a pending invitation (a token hash behind the members page).
 * Once per worker; repeating them is harmless.
 */
test.beforeAll(async ({ roleApi }) => {
  const hamar = `/organisasjoner/${ids.hamarVolunteerCentre}`;
  await post(await roleApi("org_admin"), hamar, { intent: "confirm" });
  await post(await roleApi("national_admin"), hamar, { intent: "confirm" });
  await post(await roleApi("employer"), `/organisasjoner/${ids.hamarEmployer}`, { intent: "confirm" });
  // A new invitation to the same address replaces the pending one, so there is always exactly one.
  await post(await roleApi("org_admin"), `${hamar}/medlemmer`, { intent: "invite", email: "ny-frivillig@samspill.example", role: "member" });
});

/**
 * Route patterns served by resource routes (a module without a component, a
 * `.ts` file): downloads, JSON, calendar files and redirects have no page and
 * no hydration data (open-data.spec.ts checks what they contain).
 */
function resourcePatterns(config: RouteConfigEntry[], parent = ""): Set<string> {
  const found = new Set<string>();
  for (const entry of config) {
    const pattern = entry.path ? `${parent.replace(/\/$/, "")}/${entry.path}` : parent || "/";
    if ((entry.index || entry.path) && entry.file.endsWith(".ts")) found.add(pattern);
    if (entry.children) for (const child of resourcePatterns(entry.children, pattern)) found.add(child);
  }
  return found;
}
const resourceRoutes = resourcePatterns(routes);

const pages = manifest
  .filter((entry) => !resourceRoutes.has(entry.pattern))
  .flatMap((entry) =>
    entry.samples.flatMap((sample) =>
      roles.filter((role) => sample.expect[role] === 200).map((role) => ({ pattern: entry.pattern, url: sample.url, role, note: sample.note })),
    ),
  );

test("the walk covers pages of every kind of route and every role", () => {
  expect(pages.length).toBeGreaterThan(100);
  expect(new Set(pages.map((p) => p.role))).toEqual(new Set(roles));
  for (const pattern of Object.keys(shows))
    expect(
      manifest.some((e) => e.pattern === pattern),
      `${pattern} in the manifest`,
    ).toBe(true);
});

function describeLeaks(source: string, leaks: Leak[]): string[] {
  return leaks.map((l) => `${source} ${l.kind} at ${l.path}: ${l.value}`);
}

/** What one page's two fetches carry that they must not (an empty list when nothing), each line naming the page. */
async function pageLeaks(api: APIRequestContext, p: (typeof pages)[number]): Promise<string[]> {
  const where = `[${p.pattern}] ${p.role} GET ${p.url}${p.note ? ` (${p.note})` : ""}`;
  const [page, data] = await Promise.all([getRetryingOnReset(api, p.url), getRetryingOnReset(api, dataUrl(p.url))]);
  const type = page.headers()["content-type"] ?? "";
  if (page.status() !== 200 || !type.includes("text/html")) return [`${where}: expected a 200 page, got ${page.status()} ${type}`];
  if (data.status() !== 200) return [`${where}: GET ${dataUrl(p.url)} answered ${data.status()}`];
  const html = await page.text();

  const own = ownEmail(p.role);
  const context = {
    markup: visibleMarkup(html),
    otherPeoplesEmails: new Set(Object.values(demoAccountEmails).filter((e) => e !== own)),
    showsEmails: Boolean(shows[p.pattern]?.emails),
    showsIps: Boolean(shows[p.pattern]?.ips),
    secrets: cookieSecrets(p.role),
    csrfToken: /name="_csrf"/.test(html) ? csrfTokenFrom(html) : null,
  };

  const problems: string[] = [];
  const hydration = hydrationStream(html);
  if (hydration) problems.push(...describeLeaks("HTML", findLeaks(await decodeTurboStream(hydration), context)));
  problems.push(...describeLeaks(".data", findLeaks(await decodeTurboStream(await data.text()), context)));
  return problems.map((problem) => `${where}: ${problem}`);
}

// One test per role over all the pages it may open (a test per page cost more in Playwright's overhead than
// the page): every page's HTML and .data are still fetched and searched, two pages at a time, and the
// failure lists every leak with its page.
for (const role of roles) {
  const rolePages = pages.filter((p) => p.role === role);
  test(`${role}: loader data of its ${rolePages.length} pages carries nothing the page does not show`, async ({ roleApi }) => {
    test.setTimeout(300_000);
    const api = await roleApi(role);
    const problems: string[] = [];
    let next = 0;
    const walker = async () => {
      while (next < rolePages.length) problems.push(...(await pageLeaks(api, rolePages[next++]!)));
    };
    await Promise.all([walker(), walker()]);
    expect(problems.sort(), `${role}: loader data the page does not show`).toEqual([]);
  });
}

test.describe("pages still show what they showed", () => {
  const hamar = `/organisasjoner/${ids.hamarVolunteerCentre}`;

  test("the organisation's log lists who changed what, without IP addresses", async ({ roleApi }) => {
    const html = await (await getRetryingOnReset(await roleApi("org_admin"), `${hamar}/logg`)).text();
    const markup = visibleMarkup(html);
    expect(markup).toContain(demoAccountEmails.national_admin);
    expect(markup).toContain(demoAccountEmails.org_admin);
    // The changed fields, shown as stored when they have no label: the confirmation's date and the invitation's address.
    expect(markup).toContain("lastConfirmedAt");
    expect(markup).toContain("ny-frivillig@samspill.example");
    expect(html).not.toContain("127.0.0.1");
  });

  test("admins get the remove and revoke steps; read-only viewers get neither the links nor the ids", async ({ roleApi }) => {
    const admin = await roleApi("org_admin");
    const markup = visibleMarkup(await (await getRetryingOnReset(admin, `${hamar}/medlemmer`)).text());
    const memberId = /\?fjern=([0-9a-f-]{36})/.exec(markup)?.[1];
    const invitationId = /\?trekk=([0-9a-f]{64})/.exec(markup)?.[1];
    expect(memberId, "a remove link").toBeTruthy();
    expect(invitationId, "a revoke link").toBeTruthy();
    expect(visibleMarkup(await (await getRetryingOnReset(admin, `${hamar}/medlemmer?fjern=${memberId}`)).text())).toContain('name="intent" value="remove"');
    expect(visibleMarkup(await (await getRetryingOnReset(admin, `${hamar}/medlemmer?trekk=${invitationId}`)).text())).toContain('name="intent" value="revoke"');

    const reader = await roleApi("coordinator_hamar");
    const readOnly = await (await getRetryingOnReset(reader, `${hamar}/medlemmer`)).text();
    expect(readOnly).toContain(demoAccountEmails.org_member);
    expect(readOnly).not.toContain(memberId!);
    expect(readOnly).not.toContain(invitationId!);
    // The language switcher echoes the address, ids included: only the forms matter here.
    const steps = await (await getRetryingOnReset(reader, `${hamar}/medlemmer?fjern=${memberId}&trekk=${invitationId}`)).text();
    expect(steps).not.toContain('name="intent" value="remove"');
    expect(steps).not.toContain('name="intent" value="revoke"');
  });
});
