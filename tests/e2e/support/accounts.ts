import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { csrfTokenFrom } from "./http.ts";
import { linkFromMail } from "./mail.ts";
import { message } from "./messages.ts";

const nb = (key: string) => message("nb", key);

/**
 * Signs up in the browser and follows the confirmation link from the e-mail,
 * as a new user does: registering alone signs nobody in (it answers the same
 * for every address), the link confirms the address and signs in.
 */
export async function signUpAndConfirm(page: Page, name: string, email: string, password: string): Promise<void> {
  await page.goto("/registrer");
  await page.getByLabel(nb("signUp.name"), { exact: true }).fill(name);
  await page.getByLabel(nb("signUp.email"), { exact: true }).fill(email);
  await page.getByLabel(nb("signUp.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: nb("signUp.submit") }).click();
  await expect(page.getByRole("status")).toContainText(nb("signUp.sentTitle"));
  await page.goto(await linkFromMail(email, "/bekreft-epost"));
  await page.getByRole("button", { name: nb("verifyEmail.submit") }).click();
  await expect(page).toHaveURL(/\/min-side/);
}

/** The same over HTTP, for tests that need a throwaway signed-in account: leaves `api` holding its session cookie. */
export async function signUpAndConfirmOverHttp(api: APIRequestContext, name: string, email: string, password: string): Promise<void> {
  const form = await api.get("/registrer");
  const registered = await api.post("/registrer", { form: { _csrf: csrfTokenFrom(await form.text()), name, email, password } });
  expect(registered.status(), "registration answers with the 'check your e-mail' page").toBe(200);
  const link = await linkFromMail(email, "/bekreft-epost");
  const confirm = await api.get(link);
  const token = new URL(link, "http://x").searchParams.get("token") ?? "";
  const confirmed = await api.post(link, { form: { _csrf: csrfTokenFrom(await confirm.text()), token }, maxRedirects: 0 });
  expect([302, 303], "confirming the address signs in and redirects").toContain(confirmed.status());
}
