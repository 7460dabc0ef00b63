import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, expectNoProblems, expectPageStructure, test, watchPage, type PageProblems } from "./support/fixtures.ts";
import { message } from "./support/messages.ts";
import { linkFromMail } from "./support/mail.ts";
import { signUpAndConfirm } from "./support/accounts.ts";

/**
 * The account journeys a new user makes, in Chromium against the app as in
 * production: sign up, sign in by e-mailed link, reset a forgotten password,
 * confirm the e-mail address, download and delete the account. Links are
 * read from the e-mails the app sent to the test mail sink, as a user reads
 * them in their inbox (production has no dev outbox page). Each
 * journey uses a fresh account, never a demo account: signing out everywhere
 * or changing a password would end the sessions other tests rely on.
 */

// Each journey goes through several pages and e-mails (signing up alone takes the confirmation link).
test.describe.configure({ timeout: 120_000 });

const PASSWORD = "et langt nok passord 1";
const nb = (key: string) => message("nb", key);

function freshEmail(label: string): string {
  return `e2e-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.no`;
}

/** A page in its own context (AxeBuilder needs a context from browser.newContext()), watched for errors. */
async function openPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page, problems: watchPage(page, { ignoreHttpErrorConsole: true }) };
}

async function checkPage(page: Page): Promise<void> {
  await expectPageStructure(page);
  await expectNoAxeViolations(page);
}

/** The form on the page that carries `<input name="intent" value=…>`. */
function formWithIntent(page: Page, intent: string): Locator {
  return page.locator("form").filter({ has: page.locator(`input[name="intent"][value="${intent}"]`) });
}

async function signUp(page: Page, name: string, email: string): Promise<void> {
  await signUpAndConfirm(page, name, email, PASSWORD);
}

/** The header shows "Logg inn" only to visitors who are not signed in. */
async function expectSignedOut(page: Page): Promise<void> {
  await expect(page.locator("header").getByRole("link", { name: nb("nav.signIn"), exact: true })).toBeVisible();
}

async function expectSignedInAs(page: Page, name: string): Promise<void> {
  await expect(page.locator("header").getByText(nb("nav.signedInAs").replace("{name}", name))).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await page
    .locator("header")
    .getByRole("button", { name: nb("nav.signOut"), exact: true })
    .click();
  await expectSignedOut(page);
}

test.describe("account journeys", () => {
  test("sign up, confirm the e-mail address from the e-mail, and land on Min side signed in", async ({ browser }) => {
    const { context, page, problems } = await openPage(browser);
    const email = freshEmail("signup");
    await page.goto("/registrer");
    await checkPage(page);

    // A mistake first: the form answers with messages, keeps the input, and is still accessible.
    await page.getByLabel(nb("signUp.name"), { exact: true }).fill("Ny Bruker");
    await page.getByLabel(nb("signUp.email"), { exact: true }).fill("ikke-en-adresse");
    await page.getByLabel(nb("signUp.password"), { exact: true }).fill("kort");
    await page.getByRole("button", { name: nb("signUp.submit") }).click();
    await expect(page.getByRole("alert")).toContainText(nb("validation.passwordTooShort"));
    await expect(page.getByLabel(nb("signUp.name"), { exact: true })).toHaveValue("Ny Bruker");
    await checkPage(page);

    await page.getByLabel(nb("signUp.email"), { exact: true }).fill(email);
    await page.getByLabel(nb("signUp.password"), { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: nb("signUp.submit") }).click();
    // The same answer for every address (finding 10): check your e-mail, and nobody is signed in yet.
    await expect(page.getByRole("status")).toContainText(nb("signUp.sent").replace("{email}", email));
    await checkPage(page);
    await expectSignedOut(page);

    const link = await linkFromMail(email, "/bekreft-epost");
    await page.goto(link);
    await checkPage(page);
    await page.getByRole("button", { name: nb("verifyEmail.submit") }).click();
    await expect(page).toHaveURL(/\/min-side/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(nb("account.profile.title"));
    await expect(page.getByRole("status").first()).toContainText(email);
    await expect(page.getByText(nb("account.details.verified"), { exact: true })).toBeVisible();
    await expectSignedInAs(page, "Ny Bruker");
    await checkPage(page);

    // Signed-in visitors are sent on from the sign-up page.
    await page.goto("/registrer");
    await expect(page).toHaveURL(/\/min-side$/);

    expectNoProblems(problems);
    await context.close();
  });

  test("sign in with a link from the e-mail; opening the link alone does not use it", async ({ browser }) => {
    const { context, page, problems } = await openPage(browser);
    const email = freshEmail("magic");
    await signUp(page, "Lenke Bruker", email);
    await signOut(page);

    await page.goto("/logg-inn");
    const magicForm = formWithIntent(page, "magic-link");
    await magicForm.getByLabel(nb("signIn.email")).fill(email);
    await magicForm.getByRole("button", { name: nb("signIn.magicSubmit") }).click();
    await expect(page.getByRole("status")).toHaveText(nb("signIn.magicSent"));

    const link = await linkFromMail(email, "/logg-inn/lenke");
    // What a mail scanner does: open the link twice. Neither visit signs in or spends the token.
    await page.goto(link);
    await page.goto(link);
    await expectSignedOut(page);
    await checkPage(page);

    await page.getByRole("button", { name: nb("magicLink.submit"), exact: true }).click();
    await expect(page).toHaveURL(/\/min-side$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(nb("account.profile.title"));
    await expectSignedInAs(page, "Lenke Bruker");

    // The same link a second time: a clear message and the way to a new one.
    await signOut(page);
    await page.goto(link);
    await page.getByRole("button", { name: nb("magicLink.submit"), exact: true }).click();
    await expect(page.getByRole("alert")).toContainText(nb("magicLink.invalidTitle"));
    await expect(page.getByRole("link", { name: nb("magicLink.askAgain") })).toHaveAttribute("href", "/logg-inn");
    await checkPage(page);

    expectNoProblems(problems);
    await context.close();
  });

  test("reset a forgotten password with the link from the e-mail, then sign in with it", async ({ browser }) => {
    const { context, page, problems } = await openPage(browser);
    const email = freshEmail("reset");
    await signUp(page, "Glemsk Bruker", email);
    await signOut(page);

    await page.goto("/logg-inn");
    await page.getByRole("link", { name: nb("signIn.forgot") }).click();
    await expect(page).toHaveURL(/\/glemt-passord$/);
    await checkPage(page);
    await page.getByLabel(nb("forgotPassword.email")).fill(email);
    await page.getByRole("button", { name: nb("forgotPassword.submit") }).click();
    await expect(page.getByRole("status")).toHaveText(nb("forgotPassword.sent"));
    await checkPage(page);

    const link = await linkFromMail(email, "/nytt-passord");
    await page.goto(link);
    await checkPage(page);
    const newPassword = "helt nytt passord 2";
    await page.getByLabel(nb("resetPassword.password"), { exact: true }).fill(newPassword);
    await page.getByLabel(nb("resetPassword.passwordRepeat"), { exact: true }).fill("noe annet helt");
    await page.getByRole("button", { name: nb("resetPassword.submit") }).click();
    await expect(page.getByRole("alert")).toContainText(nb("validation.passwordMismatch"));
    await checkPage(page);

    await page.getByLabel(nb("resetPassword.password"), { exact: true }).fill(newPassword);
    await page.getByLabel(nb("resetPassword.passwordRepeat"), { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: nb("resetPassword.submit") }).click();
    await expect(page).toHaveURL(/\/min-side/);
    await expect(page.getByRole("status").first()).toHaveText(nb("account.notice.passwordReset"));

    await signOut(page);
    await page.goto("/logg-inn");
    const passwordForm = formWithIntent(page, "password");
    await passwordForm.getByLabel(nb("signIn.email")).fill(email);
    await passwordForm.getByLabel(nb("signIn.password")).fill(newPassword);
    await passwordForm.getByRole("button", { name: nb("signIn.submit") }).click();
    await expectSignedInAs(page, "Glemsk Bruker");

    // The used link is now dead: submitting it says so and offers a new one.
    await page.goto(link);
    await page.getByLabel(nb("resetPassword.password"), { exact: true }).fill("tredje passord 33");
    await page.getByLabel(nb("resetPassword.passwordRepeat"), { exact: true }).fill("tredje passord 33");
    await page.getByRole("button", { name: nb("resetPassword.submit") }).click();
    await expect(page.getByRole("alert")).toContainText(nb("resetPassword.invalidTitle"));
    await expect(page.getByRole("link", { name: nb("resetPassword.askAgain") })).toBeVisible();
    await checkPage(page);

    expectNoProblems(problems);
    await context.close();
  });

  test("change the name and password on Min side, download the data, then delete the account", async ({ browser }) => {
    const { context, page, problems } = await openPage(browser);
    const email = freshEmail("delete");
    await signUp(page, "Kortvarig Bruker", email);

    await page.getByLabel(nb("account.name.label"), { exact: true }).fill("Omdøpt Bruker");
    await page.getByRole("button", { name: nb("account.name.submit") }).click();
    await expect(page.getByRole("status").filter({ hasText: nb("account.name.saved") })).toBeVisible();
    await expectSignedInAs(page, "Omdøpt Bruker");

    await page.getByLabel(nb("account.password.current"), { exact: true }).fill("feil passord her");
    await page.getByLabel(nb("account.password.new"), { exact: true }).fill("nytt passord 123");
    await page.getByLabel(nb("account.password.repeat"), { exact: true }).fill("nytt passord 123");
    await page.getByRole("button", { name: nb("account.password.submit") }).click();
    await expect(page.getByRole("alert")).toContainText(nb("account.password.wrongCurrent"));
    await checkPage(page);
    await page.getByLabel(nb("account.password.current"), { exact: true }).fill(PASSWORD);
    await page.getByLabel(nb("account.password.new"), { exact: true }).fill("nytt passord 123");
    await page.getByLabel(nb("account.password.repeat"), { exact: true }).fill("nytt passord 123");
    await page.getByRole("button", { name: nb("account.password.submit") }).click();
    await expect(page.getByRole("status").filter({ hasText: nb("account.password.saved") })).toBeVisible();

    await page.getByRole("link", { name: nb("account.privacyLink.link") }).click();
    await expect(page).toHaveURL(/\/min-side\/personvern$/);
    await checkPage(page);

    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: nb("account.export.link") }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe("samspill-mine-data.json");
    const exported = JSON.parse(await readFile(await download.path(), "utf8")) as {
      profile: { email: string; name: string };
      auditEntries: { action: string }[];
    };
    expect(exported.profile).toMatchObject({ email, name: "Omdøpt Bruker" });
    expect(exported.auditEntries.map((e) => e.action)).toEqual(expect.arrayContaining(["user.registered", "user.profile_updated", "user.password_changed"]));
    expect(JSON.stringify(exported)).not.toMatch(/argon2|passwordHash/);

    const confirm = page.getByLabel(nb("account.delete.confirmLabel").replace("{email}", email), { exact: true });
    await confirm.fill("noen-andre@example.no");
    await page.getByRole("button", { name: nb("account.delete.submit") }).click();
    await expect(page.getByRole("alert")).toContainText(nb("account.delete.emailMismatch"));
    await checkPage(page);

    await confirm.fill(email);
    await page.getByRole("button", { name: nb("account.delete.submit") }).click();
    await expect(page).toHaveURL(/\/\?konto=slettet$/);
    await expectSignedOut(page);
    await page.goto("/min-side");
    await expect(page).toHaveURL(/\/logg-inn\?neste=/);
    const passwordForm = formWithIntent(page, "password");
    await passwordForm.getByLabel(nb("signIn.email")).fill(email);
    await passwordForm.getByLabel(nb("signIn.password")).fill("nytt passord 123");
    await passwordForm.getByRole("button", { name: nb("signIn.submit") }).click();
    await expect(page.getByRole("alert")).toContainText(nb("auth.invalidCredentials"));

    expectNoProblems(problems);
    await context.close();
  });

  test("sign out everywhere ends the session in every browser", async ({ browser }) => {
    const first = await openPage(browser);
    const email = freshEmail("everywhere");
    await signUp(first.page, "Overalt Bruker", email);
    const second = await openPage(browser);
    await second.page.goto("/logg-inn");
    const passwordForm = formWithIntent(second.page, "password");
    await passwordForm.getByLabel(nb("signIn.email")).fill(email);
    await passwordForm.getByLabel(nb("signIn.password")).fill(PASSWORD);
    await passwordForm.getByRole("button", { name: nb("signIn.submit") }).click();
    await expectSignedInAs(second.page, "Overalt Bruker");

    await first.page.goto("/min-side");
    await first.page.getByRole("button", { name: nb("account.signOutEverywhere.submit") }).click();
    await expectSignedOut(first.page);
    await second.page.goto("/min-side");
    await expect(second.page).toHaveURL(/\/logg-inn\?neste=/);

    expectNoProblems(first.problems);
    expectNoProblems(second.problems);
    await first.context.close();
    await second.context.close();
  });
});
