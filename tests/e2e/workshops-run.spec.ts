import type { Browser } from "@playwright/test";
import { demoWorkshops } from "../../app/domain/demo/ids.ts";
import { contextFor, expect, expectNoAxeViolations, expectPageStructure, noScriptContextFor, test } from "./support/fixtures.ts";
import { message } from "./support/messages.ts";

/**
 * Running a workshop (issue 13, H2) at phone width: joining Kinn's running
 * workshop with its code and no account, adding and voting on obstacles
 * without JavaScript; the projector's live ranking updating within two seconds
 * after someone else votes; refused joins; Hamar's closed workshop read-only.
 */

const phone = { viewport: { width: 375, height: 740 } };
const kinnObstacles = `/verksteder/${demoWorkshops.kinn.id}/hindringer`;
const kinnLive = `${kinnObstacles}/live`;
const msg = (key: string, values: Record<string, string | number> = {}) =>
  Object.entries(values).reduce((text, [name, value]) => text.replace(`{${name}}`, String(value)), message("nb", key));

/** Kinn's coordinator reads nynorsk. */
const nn = (key: string) => message("nn", key);

/** A visitor without an account; `script: false` serves every page with a CSP that forbids scripts (no JavaScript). */
async function visitor(browser: Browser, script: boolean) {
  const context = await browser.newContext({ ...phone });
  if (!script) {
    await context.route("**/*", async (route) => {
      if (!route.request().isNavigationRequest()) return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": "script-src 'none'" } });
    });
  }
  return { context, page: await context.newPage() };
}

async function join(browser: Browser, script: boolean, name: string) {
  const v = await visitor(browser, script);
  await v.page.goto(`/verksteder/bli-med?kode=${demoWorkshops.kinn.joinCode}`);
  await v.page.getByLabel(msg("workshopRun.join.name")).fill(name);
  await v.page.getByLabel(msg("workshopRun.join.sector")).selectOption("employer");
  await v.page.getByRole("button", { name: msg("workshopRun.join.submit") }).click();
  await expect(v.page).toHaveURL(new RegExp(`${kinnObstacles}$`));
  return v;
}

test.describe("running a workshop", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(240_000);

  test("joins with the code without an account, adds an obstacle and votes, all without JavaScript", async ({ browser }) => {
    const { context, page } = await visitor(browser, false);
    await page.goto(`/verksteder/bli-med?kode=${demoWorkshops.kinn.joinCode}`);
    await expectPageStructure(page, "nb");
    await expect(page.getByLabel(msg("workshopRun.join.code"))).toHaveValue(demoWorkshops.kinn.joinCode);
    await expectNoAxeViolations(page);
    // No sector: refused with a message on the field.
    await page.getByRole("button", { name: msg("workshopRun.join.submit") }).click();
    await expect(page.getByText(msg("workshopRun.error.sector")).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel(msg("workshopRun.join.sector")).selectOption("voluntary");
    await page.getByRole("button", { name: msg("workshopRun.join.submit") }).click();
    await expect(page).toHaveURL(new RegExp(`${kinnObstacles}$`));
    await expectPageStructure(page, "nb");
    await expect(page.getByTestId("votes-left")).toHaveText("Du har 5 stemmer igjen");
    await expectNoAxeViolations(page);

    // Too short: refused with its message; then added.
    await page.getByLabel(msg("workshopRun.obstacles.text")).fill("ab");
    await page.getByRole("button", { name: msg("workshopRun.obstacles.submit") }).click();
    await expect(page.getByText(msg("workshopRun.error.textTooShort")).first()).toBeVisible();
    const text = `Ingen vet hvem som tar imot nye frivillige (${Date.now()})`;
    await page.getByLabel(msg("workshopRun.obstacles.theme")).selectOption("volunteers_unused_resource");
    await page.getByLabel(msg("workshopRun.obstacles.text")).fill(text);
    await page.getByRole("button", { name: msg("workshopRun.obstacles.submit") }).click();
    const item = page.getByTestId("obstacle").filter({ hasText: text });
    await expect(item).toBeVisible();
    await item.getByRole("button", { name: `${msg("workshopRun.votes.vote")}` }).click();
    await expect(page.getByTestId("obstacle").filter({ hasText: text }).getByTestId("obstacle-votes")).toHaveText("1 stemme");
    await expect(page.getByTestId("votes-left")).toHaveText("Du har 4 stemmer igjen");
    await page
      .getByTestId("obstacle")
      .filter({ hasText: text })
      .getByRole("button", { name: msg("workshopRun.votes.withdraw") })
      .click();
    await expect(page.getByTestId("obstacle").filter({ hasText: text }).getByTestId("obstacle-votes")).toHaveText("0 stemmer");
    await expectNoAxeViolations(page);
    await page.goto(`/verksteder/${demoWorkshops.kinn.id}/losninger`);
    await expectPageStructure(page, "nb");
    await expectNoAxeViolations(page);
    // The device cookie reaches only Kinn's workshop: Hamar's pages send the visitor to sign in.
    const hamar = await page.request.get(`/verksteder/${demoWorkshops.hamar.id}/hindringer`, { maxRedirects: 0 });
    expect(hamar.status()).toBe(302);
    await context.close();
  });

  test("the live ranking updates within two seconds when another phone votes", async ({ browser }) => {
    const phoneA = await join(browser, true, "");
    const text = `Praksisplassane blir ikkje til faste jobbar (${Date.now()})`;
    await phoneA.page.getByLabel(msg("workshopRun.obstacles.theme")).selectOption("placements_vs_lasting_work");
    await phoneA.page.getByLabel(msg("workshopRun.obstacles.text")).fill(text);
    await phoneA.page.getByRole("button", { name: msg("workshopRun.obstacles.submit") }).click();
    await expect(phoneA.page.getByTestId("obstacle").filter({ hasText: text })).toBeVisible();

    const projector = await contextFor(browser, "coordinator_kinn", { viewport: { width: 1280, height: 800 } });
    const live = await projector.newPage();
    await live.goto(kinnLive);
    await expectPageStructure(live, "nn");
    const row = live.getByTestId("live-item").filter({ hasText: text });
    await expect(row.getByTestId("live-votes")).toHaveText(/^0 /);
    await expectNoAxeViolations(live);

    // Wait until the page has hydrated and polls, then vote from the other phone.
    await live.waitForRequest(/\/live\.json$/, { timeout: 15_000 });
    await phoneA.page
      .getByTestId("obstacle")
      .filter({ hasText: text })
      .getByRole("button", { name: msg("workshopRun.votes.vote") })
      .click();
    await expect(phoneA.page.getByTestId("obstacle").filter({ hasText: text }).getByTestId("obstacle-votes")).toHaveText("1 stemme");
    await expect(row.getByTestId("live-votes")).toHaveText(/^1 /, { timeout: 2_000 });

    // The same view on a phone is axe-clean too.
    const phoneView = await phoneA.context.newPage();
    await phoneView.goto(kinnLive);
    await expectNoAxeViolations(phoneView);
    await phoneA.context.close();
    await projector.close();
  });

  test("the facilitator merges a duplicate and deletes with confirmation, without JavaScript", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "coordinator_kinn", phone);
    const page = await context.newPage();
    const stamp = Date.now();
    const first = `Ingen felles møteplass (${stamp})`;
    const duplicate = `Vi møtest aldri (${stamp})`;
    for (const text of [first, duplicate]) {
      await page.goto(kinnObstacles);
      await page.getByLabel(nn("workshopRun.obstacles.theme")).selectOption("arenas_for_cooperation");
      await page.getByRole("textbox", { name: nn("workshopRun.obstacles.text") }).fill(text);
      await page.getByRole("button", { name: nn("workshopRun.obstacles.submit") }).click();
      await expect(page.getByTestId("obstacle").filter({ hasText: text })).toBeVisible();
    }
    await page
      .getByTestId("obstacle")
      .filter({ hasText: duplicate })
      .getByRole("link", { name: nn("workshopRun.obstacles.edit") })
      .click();
    await expect(page).toHaveURL(/rediger=/);
    await expectNoAxeViolations(page);
    await page.getByLabel(nn("workshopRun.obstacles.mergeInto")).selectOption({ label: first });
    await page.getByRole("button", { name: nn("workshopRun.obstacles.merge") }).click();
    await expect(page.getByTestId("obstacle").filter({ hasText: duplicate })).toHaveCount(0);

    await page
      .getByTestId("obstacle")
      .filter({ hasText: first })
      .getByRole("link", { name: nn("workshopRun.obstacles.edit") })
      .click();
    await page.getByRole("button", { name: nn("workshopRun.obstacles.delete") }).click();
    await expect(page.getByText(nn("workshopRun.error.confirm")).first()).toBeVisible();
    await page.getByLabel(nn("workshopRun.obstacles.deleteConfirm")).check();
    await page.getByRole("button", { name: nn("workshopRun.obstacles.delete") }).click();
    await expect(page.getByTestId("obstacle").filter({ hasText: first })).toHaveCount(0);
    // The merged duplicate comes back on its own when its target is deleted; tidy it away too.
    await page
      .getByTestId("obstacle")
      .filter({ hasText: duplicate })
      .getByRole("link", { name: nn("workshopRun.obstacles.edit") })
      .click();
    await page.getByLabel(nn("workshopRun.obstacles.deleteConfirm")).check();
    await page.getByRole("button", { name: nn("workshopRun.obstacles.delete") }).click();
    await expect(page.getByTestId("obstacle").filter({ hasText: duplicate })).toHaveCount(0);
    await context.close();
  });

  test("refuses an unknown code and a closed workshop with a clear message; Hamar's closed list is read-only", async ({ browser }) => {
    const { context, page } = await visitor(browser, false);
    await page.goto("/verksteder/bli-med");
    await page.getByLabel(msg("workshopRun.join.code")).fill("ZZZZZZ");
    await page.getByLabel(msg("workshopRun.join.sector")).selectOption("other");
    await page.getByRole("button", { name: msg("workshopRun.join.submit") }).click();
    await expect(page.getByText(msg("workshopRun.error.unknownCode")).first()).toBeVisible();
    await page.getByLabel(msg("workshopRun.join.code")).fill(demoWorkshops.hamar.joinCode);
    await page.getByLabel(msg("workshopRun.join.sector")).selectOption("other");
    await page.getByRole("button", { name: msg("workshopRun.join.submit") }).click();
    await expect(page.getByText(msg("workshopRun.error.joinClosed")).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await context.close();

    const employer = await contextFor(browser, "employer", phone);
    const hamar = await employer.newPage();
    await hamar.goto(`/verksteder/${demoWorkshops.hamar.id}/hindringer`);
    await expect(hamar.getByText(msg("workshopRun.obstacles.closed"))).toBeVisible();
    await expect(hamar.getByTestId("obstacle")).toHaveCount(10);
    await expect(hamar.getByRole("button", { name: msg("workshopRun.votes.vote") })).toHaveCount(0);
    await employer.close();
  });
});
