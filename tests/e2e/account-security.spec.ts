import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { apiFor, expect, expectNoAxeViolations, expectNoProblems, expectPageStructure, test, watchPage, type PageProblems } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { linkFromMail, mailsTo } from "./support/mail.ts";
import { message } from "./support/messages.ts";
import { signUpAndConfirm } from "./support/accounts.ts";
import { ids } from "./route-manifest.ts";

/**
 * Issue 9, findings 2, 8 (invitations), 10 and 11, in a real browser against
 * the built app: taking over a pending invitation by registering the
 * invitee's address, someone else's invitation, what registration reveals,
 * and locking someone out with wrong passwords. Every account here is fresh;
 * invitations go to the employer's organisation (Mjøs Bygg AS), which other
 * tests do not count members of.
 */

// Each test is a whole journey through several pages and e-mails.
test.describe.configure({ timeout: 120_000 });

const PASSWORD = "et langt nok passord 1";
const nb = (key: string) => message("nb", key);
const ORG = ids.hamarEmployer;

function freshEmail(label: string): string {
  return `e2e-sec-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.no`;
}

async function openPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page, problems: watchPage(page, { ignoreHttpErrorConsole: true }) };
}

/** The employer (admin of Mjøs Bygg AS) invites `email`; returns the invitation link from the e-mail. */
async function invite(email: string): Promise<string> {
  const api = await apiFor("employer");
  try {
    const page = await api.get(`/organisasjoner/${ORG}/medlemmer`);
    const response = await api.post(`/organisasjoner/${ORG}/medlemmer`, {
      form: { _csrf: csrfTokenFrom(await page.text()), intent: "invite", email, role: "member" },
    });
    expect(response.status(), "the invitation is sent").toBeLessThan(400);
  } finally {
    await api.dispose();
  }
  return linkFromMail(email, "/invitasjon");
}

async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/logg-inn");
  const form = page.locator("form").filter({ has: page.locator('input[name="intent"][value="password"]') });
  await form.getByLabel(nb("signIn.email")).fill(email);
  await form.getByLabel(nb("signIn.password")).fill(password);
  await form.getByRole("button", { name: nb("signIn.submit") }).click();
}

async function signInByLink(page: Page, email: string): Promise<void> {
  await page.goto("/logg-inn");
  const form = page.locator("form").filter({ has: page.locator('input[name="intent"][value="magic-link"]') });
  await form.getByLabel(nb("signIn.email")).fill(email);
  await form.getByRole("button", { name: nb("signIn.magicSubmit") }).click();
  await expect(page.getByRole("status")).toHaveText(nb("signIn.magicSent"));
  await page.goto(await linkFromMail(email, "/logg-inn/lenke"));
  await page.getByRole("button", { name: nb("magicLink.submit"), exact: true }).click();
  await expect(page).toHaveURL(/\/min-side/);
}

test.describe("e-mail ownership (finding 2)", () => {
  test("a pending invitation cannot be taken over by registering the invitee's address", async ({ browser }) => {
    const invitee = freshEmail("invitee");
    const invitationLink = await invite(invitee);
    const invitationToken = invitationLink.split("/").pop()!;

    // The squatter registers the address without being able to read its mail: the usual answer, and no way in.
    const squatter = await openPage(browser);
    await squatter.page.goto("/registrer");
    await squatter.page.getByLabel(nb("signUp.name"), { exact: true }).fill("Ikke Eieren");
    await squatter.page.getByLabel(nb("signUp.email"), { exact: true }).fill(invitee);
    await squatter.page.getByLabel(nb("signUp.password"), { exact: true }).fill(PASSWORD);
    await squatter.page.getByRole("button", { name: nb("signUp.submit") }).click();
    await expect(squatter.page.getByRole("status")).toContainText(nb("signUp.sentTitle"));
    await signInWithPassword(squatter.page, invitee, PASSWORD);
    await expect(squatter.page.getByRole("alert")).toContainText(nb("auth.invalidCredentials"));
    await squatter.page.goto(invitationLink);
    await expect(squatter.page.getByRole("button", { name: nb("org.invitation.accept") })).toHaveCount(0);
    // Nothing signed in, so the data export is closed to the squatter.
    const exportResponse = await squatter.page.request.get("/min-side/eksport", { maxRedirects: 0 });
    expect(exportResponse.status()).toBe(302);

    // The owner of the mailbox signs in by link (proving the address) and accepts.
    const owner = await openPage(browser);
    await signInByLink(owner.page, invitee);
    await owner.page.goto(invitationLink);
    await expectPageStructure(owner.page);
    await owner.page.getByRole("button", { name: nb("org.invitation.accept") }).click();
    await expect(owner.page).toHaveURL(new RegExp(`/organisasjoner/${ORG}\\?ble-med=1`));

    // The squatter's password was set before the address was proven: it is gone.
    await signInWithPassword(squatter.page, invitee, PASSWORD);
    await expect(squatter.page.getByRole("alert")).toContainText(nb("auth.invalidCredentials"));

    // The owner's export: no working token, and not the invitation e-mail sent before the account existed.
    await owner.page.goto("/min-side/personvern");
    const download = owner.page.waitForEvent("download");
    await owner.page.getByRole("link", { name: nb("account.export.link") }).click();
    const text = await readFile(await (await download).path(), "utf8");
    const exported = JSON.parse(text) as { emails: { subject: string }[] };
    expect(text).not.toContain(invitationToken);
    expect(text).not.toMatch(/token=[A-Za-z0-9_-]{10,}/);
    expect(exported.emails.map((e) => e.subject)).toContain(nb("mail.magicLink.subject"));
    expect(exported.emails.some((e) => e.subject.startsWith("Invitasjon til"))).toBe(false);

    expectNoProblems(owner.problems);
    await squatter.context.close();
    await owner.context.close();
  });
});

test.describe("someone else's invitation (finding 8)", () => {
  test("answers 403 with the reason, on the page and in .data, never 500", async ({ pageAs, apiAs }) => {
    const invitationLink = await invite(freshEmail("someone-else"));
    const page = await pageAs("org_member");
    const problems = watchPage(page, { ignoreHttpErrorConsole: true });
    await page.goto(invitationLink);
    await expect(page.getByText(message("nb", "org.invitation.mismatch").split("{email}")[0]!)).toBeVisible();
    await expect(page.getByRole("button", { name: nb("org.invitation.accept") })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // A stale page or a crafted request posts anyway.
    const api = await apiAs("org_member");
    const csrf = csrfTokenFrom(await (await api.get(invitationLink)).text());
    const document = await api.post(invitationLink, { form: { _csrf: csrf, intent: "accept" } });
    expect(document.status()).toBe(403);
    const html = await document.text();
    expect(html).toContain(nb("org.invitation.error.emailMismatch"));
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    const single = await api.post(`${invitationLink}.data`, { form: { _csrf: csrf, intent: "accept" } });
    expect(single.status()).toBe(403);
    expect(await single.text()).toContain("org.invitation.error.emailMismatch");
    expectNoProblems(problems);
  });
});

test.describe("registration reveals nothing (finding 10)", () => {
  test("answers a known and a new address the same, and e-mails the known one instead", async ({ browser }) => {
    const known = freshEmail("known");
    const first = await openPage(browser);
    await signUpAndConfirm(first.page, "Kjent Bruker", known, PASSWORD);
    await first.context.close();

    const answers: { status: number; text: string }[] = [];
    for (const email of [known, freshEmail("new")]) {
      const { context, page, problems } = await openPage(browser);
      await page.goto("/registrer");
      await page.getByLabel(nb("signUp.name"), { exact: true }).fill("Noen");
      await page.getByLabel(nb("signUp.email"), { exact: true }).fill(email);
      await page.getByLabel(nb("signUp.password"), { exact: true }).fill("et annet passord 2");
      const posted = page.waitForResponse((r) => r.request().method() === "POST");
      await page.getByRole("button", { name: nb("signUp.submit") }).click();
      const status = (await posted).status();
      await expect(page.getByRole("status")).toBeVisible();
      answers.push({ status, text: (await page.locator("main").innerText()).replace(email, "<address>") });
      await expectNoAxeViolations(page);
      expectNoProblems(problems);
      await context.close();
    }
    expect(answers[0]).toEqual(answers[1]);

    const [exists] = await mailsTo(known);
    expect(exists!.subject).toBe(nb("mail.accountExists.subject"));
    expect(exists!.text).toContain("/glemt-passord");
    expect(exists!.text).not.toContain("token=");
  });

  test("is rate limited per address, with a message", async ({ browser }) => {
    const email = freshEmail("limit");
    const { context, page, problems } = await openPage(browser);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await page.goto("/registrer");
      await page.getByLabel(nb("signUp.name"), { exact: true }).fill("Mange Forsøk");
      await page.getByLabel(nb("signUp.email"), { exact: true }).fill(email);
      await page.getByLabel(nb("signUp.password"), { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: nb("signUp.submit") }).click();
      if (attempt <= 3) await expect(page.getByRole("status")).toContainText(nb("signUp.sentTitle"));
    }
    await expect(page.getByRole("alert")).toContainText(nb("auth.registerLimited"));
    expectNoProblems(problems);
    await context.close();
  });
});

test.describe("wrong passwords (finding 11)", () => {
  test("slow password sign-in down with a message that names the wait, and a magic link still signs in", async ({ browser }) => {
    const email = freshEmail("throttle");
    const { context, page, problems } = await openPage(browser);
    await signUpAndConfirm(page, "Treg Bruker", email, PASSWORD);
    await context.clearCookies();

    for (let i = 0; i < 3; i++) {
      await signInWithPassword(page, email, `feil passord ${i}!`);
      await expect(page.getByRole("alert")).toContainText(nb("auth.invalidCredentials"));
    }
    await signInWithPassword(page, email, PASSWORD);
    const alert = page.getByRole("alert");
    await expect(alert).toContainText(nb("errors.rateLimited"));
    await expect(alert).toContainText(/\d+ sekund/);
    await expectPageStructure(page);
    await expectNoAxeViolations(page);

    await signInByLink(page, email);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(nb("account.profile.title"));
    expectNoProblems(problems);
    await context.close();
  });
});
