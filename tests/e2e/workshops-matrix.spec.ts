import type { Browser } from "@playwright/test";
import { demoWorkshops } from "../../app/domain/demo/ids.ts";
import { apiFor, expect, expectNoAxeViolations, expectPageStructure, noScriptContextFor, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { message, type TestLocale } from "./support/messages.ts";
import { ids } from "./route-manifest.ts";

/**
 * The responsibility matrix (issue 13, H3), at phone width (375px) and without JavaScript: Kinn's facilitator
 * resolves the draft's conflict (publishing is refused while it remains) and publishes Kinn's "who does what";
 * Hamar's published matrix is public, kept current by Hamar's coordinator from its edit page, with a dated history;
 * the closed workshop's own matrix is read-only. Then refusals over HTTP, including ids from another matrix.
 */

const msg = (locale: TestLocale, key: string, values: Record<string, string> = {}) =>
  Object.entries(values).reduce((text, [name, value]) => text.replace(`{${name}}`, value), message(locale, key));

const phone = { viewport: { width: 375, height: 740 } };
const kinnMatrix = `/verksteder/${demoWorkshops.kinn.id}/ansvar`;
const hamarMatrix = `/verksteder/${demoWorkshops.hamar.id}/ansvar`;
const hamarPublic = `/kommuner/${ids.hamar}/hvem-gjor-hva`;
const hamarEdit = `${hamarPublic}/rediger`;

async function anonymousPage(browser: Browser) {
  const context = await browser.newContext({ ...phone, javaScriptEnabled: true });
  await context.route("**/*", async (route) => {
    if (!route.request().isNavigationRequest()) return route.continue();
    const response = await route.fetch({ maxRedirects: 0 });
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": "script-src 'none'" } });
  });
  return { context, page: await context.newPage() };
}

test.describe("the responsibility matrix", () => {
  test.describe.configure({ mode: "serial" });
  // Many page loads and axe runs on a shared two-core machine.
  test.setTimeout(300_000);

  test("Kinn's facilitator cannot publish while a task has two responsible, resolves it on the task's own page, and publishes", async ({ browser }) => {
    const context = await noScriptContextFor(browser, "coordinator_kinn", phone);
    const page = await context.newPage();
    await page.goto(kinnMatrix);
    await expectPageStructure(page, "nn");
    const task = "Oppfølging av praksisplassar";
    await expect(page.getByTestId("matrix-conflicts")).toContainText(msg("nn", "workshopMatrix.conflict.severalFor", { task }));
    await expectNoAxeViolations(page);

    // Publishing is refused, naming the conflict.
    await page.getByRole("checkbox", { name: "Kinn" }).check();
    await page.getByRole("button", { name: msg("nn", "workshopMatrix.publish.submit") }).click();
    await expect(page.getByRole("alert")).toContainText(msg("nn", "workshopMatrix.error.conflicts"));
    await expect(page.getByRole("alert")).toContainText(msg("nn", "workshopMatrix.conflict.severalFor", { task }));
    await expectNoAxeViolations(page);

    // The task's own form: the kommune contributes instead.
    await page.getByRole("link", { name: msg("nn", "workshopMatrix.table.editTask", { task }) }).click();
    await expect(page).toHaveURL(/oppgave=/);
    await expectNoAxeViolations(page);
    await page.getByLabel("Kinn kommune (flyktningtenesta)", { exact: true }).selectOption("contributes");
    await page.getByRole("button", { name: msg("nn", "workshopMatrix.task.save") }).click();
    await expect(page).toHaveURL(/lagret=1/);
    await expect(page.getByText(msg("nn", "workshopMatrix.conflicts.none"))).toBeVisible();

    // A bad title comes back with its message on the add form.
    await page.getByLabel(msg("nn", "workshopMatrix.task.title")).fill("x");
    await page
      .getByRole("button", { name: msg("nn", "workshopMatrix.task.add") })
      .first()
      .click();
    await expect(page.getByText(msg("nn", "workshopMatrix.error.title")).first()).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto(kinnMatrix);
    await page.getByRole("checkbox", { name: "Kinn" }).check();
    await page.getByRole("button", { name: msg("nn", "workshopMatrix.publish.submit") }).click();
    await expect(page).toHaveURL(/publisert=1/);
    await context.close();

    const visitor = await anonymousPage(browser);
    await visitor.page.goto(`/kommuner/${ids.kinn}/hvem-gjor-hva`);
    await expectPageStructure(visitor.page, "nn");
    await expect(visitor.page.getByRole("heading", { name: task })).toBeVisible();
    await expect(visitor.page.getByTestId("matrix-history")).toContainText("Utviklingsverkstad: busetjing og arbeid i Kinn");
    await expectNoAxeViolations(visitor.page);
    await visitor.context.close();
  });

  test("Hamar's published matrix is public, linked from the kommune page, and kept current by its coordinator with a dated history", async ({ browser }) => {
    const visitor = await anonymousPage(browser);
    await visitor.page.goto(`/kommuner/${ids.hamar}`);
    await visitor.page.getByRole("link", { name: msg("nb", "workshopMatrix.public.link") }).click();
    await expect(visitor.page).toHaveURL(hamarPublic);
    await expectPageStructure(visitor.page);
    await expect(visitor.page.getByRole("heading", { name: "Boveiledning for nybosatte familier" })).toBeVisible();
    await expect(visitor.page.getByRole("link", { name: "flyktningtjenesten@hamar.kommune.example" }).first()).toBeVisible();
    await expect(visitor.page.getByTestId("matrix-history")).toContainText("Oppgave endret: Språktrening utenom introduksjonsprogrammet");
    await expect(visitor.page.getByRole("link", { name: msg("nb", "workshopMatrix.public.edit") })).toHaveCount(0);
    await expectNoAxeViolations(visitor.page);
    await visitor.context.close();

    const context = await noScriptContextFor(browser, "coordinator_hamar", phone);
    const page = await context.newPage();
    await page.goto(hamarPublic);
    await page.getByRole("link", { name: msg("nb", "workshopMatrix.public.edit") }).click();
    await expect(page).toHaveURL(hamarEdit);
    await expectNoAxeViolations(page);
    const task = "Arbeidstrening og praksisplasser";
    await page.getByRole("link", { name: msg("nb", "workshopMatrix.table.editTask", { task }) }).click();
    await page.getByLabel(msg("nb", "workshopMatrix.task.contactEmail")).fill("ikke en adresse");
    await page.getByRole("button", { name: msg("nb", "workshopMatrix.task.save") }).click();
    await expect(page.getByText(message("nb", "validation.email")).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel(msg("nb", "workshopMatrix.task.contactEmail")).fill("marked.hamar@nav.example");
    await page.getByRole("button", { name: msg("nb", "workshopMatrix.task.save") }).click();
    await expect(page).toHaveURL(/hvem-gjor-hva\?lagret=1/);
    await expect(page.getByTestId("matrix-history").getByRole("listitem").first()).toContainText(`Oppgave endret: ${task}`);
    await expect(page.getByRole("link", { name: "marked.hamar@nav.example" })).toBeVisible();

    // The closed workshop's own matrix stays as agreed: no editor, but the managers may publish it again.
    await page.goto(hamarMatrix);
    await expectPageStructure(page);
    await expect(page.getByText(msg("nb", "workshopMatrix.closed"))).toBeVisible();
    await expect(page.getByRole("heading", { name: msg("nb", "workshopMatrix.task.add") })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await context.close();

    // A participant reads it, without the publish form.
    const employer = await noScriptContextFor(browser, "employer", phone);
    const participant = await employer.newPage();
    await participant.goto(hamarMatrix);
    await expect(participant.getByTestId("matrix-table")).toContainText("Boveiledning for nybosatte familier");
    await expect(participant.getByRole("heading", { name: msg("nb", "workshopMatrix.publish.heading") })).toHaveCount(0);
    await expectNoAxeViolations(participant);
    await employer.close();
  });

  test("refuses other kommuner, visitors, ids of another matrix, unknown roles and unknown intents", async () => {
    const hamar = await apiFor("coordinator_hamar");
    const editHtml = await (await hamar.get(hamarEdit)).text();
    const hamarTaskId = /oppgave=([0-9a-f-]{36})/.exec(editHtml)![1]!;
    const hamarActorId = /aktor=([0-9a-f-]{36})/.exec(editHtml)![1]!;
    const token = csrfTokenFrom(editHtml);

    // An unknown role and an unknown intent, from the right coordinator.
    const badRole = await hamar.post(hamarEdit, {
      form: { _csrf: token, intent: "updateTask", taskId: hamarTaskId, title: "Boveiledning", [`role.${hamarActorId}`]: "boss" },
    });
    expect(badRole.status()).toBe(400);
    expect((await hamar.post(hamarEdit, { form: { _csrf: token, intent: "dropTable" } })).status()).toBe(400);
    // Closed workshop: its own matrix is read-only even for its manager.
    expect((await hamar.post(hamarMatrix, { form: { _csrf: token, intent: "addTask", title: "Etter stengd" } })).status()).toBe(409);

    // Kinn's coordinator: Hamar's published matrix and workshop are not theirs; Hamar's ids do not reach Kinn's matrix.
    const kinn = await apiFor("coordinator_kinn");
    const kinnToken = csrfTokenFrom(await (await kinn.get(kinnMatrix)).text());
    expect((await kinn.post(kinnMatrix, { form: { _csrf: kinnToken, intent: "updateTask", taskId: hamarTaskId, title: "Kapra" } })).status()).toBe(404);
    expect((await kinn.post(kinnMatrix, { form: { _csrf: kinnToken, intent: "removeActor", actorId: hamarActorId, confirm: "on" } })).status()).toBe(404);
    expect((await kinn.post(kinnMatrix, { form: { _csrf: kinnToken, intent: "publish", municipalities: ids.hamar } })).status()).toBe(403);

    for (const role of ["coordinator_tonsberg", "county_advisor", "org_admin"] as const) {
      const api = await apiFor(role);
      const roleToken = csrfTokenFrom(await (await api.get("/")).text());
      const edited = await api.post(hamarEdit, { form: { _csrf: roleToken, intent: "updateTask", taskId: hamarTaskId, title: "Overtatt" } });
      expect(edited.status(), role).toBe(403);
      if (role === "county_advisor") continue; // manages Hamar's workshop, so may publish it (the domain tests cover that)
      const published = await api.post(hamarMatrix, { form: { _csrf: roleToken, intent: "publish", municipalities: ids.hamar } });
      expect(published.status(), role).toBe(403);
    }
    const publicHtml = await (await hamar.get(hamarPublic)).text();
    expect(publicHtml).not.toContain("Overtatt");
  });
});
