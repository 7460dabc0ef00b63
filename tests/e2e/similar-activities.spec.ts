import type { APIRequestContext } from "@playwright/test";
import { apiFor, contextFor, expect, expectNoAxeViolations, noScriptContextFor, test } from "./support/fixtures.ts";
import { csrfTokenFrom, relativeLocation } from "./support/http.ts";
import { ids } from "./route-manifest.ts";
import { demoActivityIds } from "../../app/domain/demo/ids.ts";

/**
 * Parallel initiatives seen from the organisations (issue 11, reads wrong 2): an organisation's admin sees, on its
 * own activities, other organisations' similar public activities in the same kommune with why and whom to contact,
 * suggests collaboration without JavaScript, and Hamar's overview counts the follow-up. Works on an activity of its
 * own so the demo's homework pair stays as the coordinators' spec (parallel.spec.ts) expects it.
 */

const activitiesPage = `/organisasjoner/${ids.hamarVolunteerCentre}/aktiviteter`;
const TITLE = "Leksehjelp i norsk og matte for mellomtrinnet";

async function csrf(api: APIRequestContext, url: string): Promise<string> {
  return csrfTokenFrom(await (await api.get(url)).text());
}

/** The frivilligsentral's admin registers a homework activity like Språkvenner Hamar's "Leksehjelp på biblioteket". */
async function createSimilarActivity(api: APIRequestContext): Promise<string> {
  const url = `${activitiesPage}/ny`;
  const response = await api.post(url, {
    form: {
      _csrf: await csrf(api, url),
      title: TITLE,
      description: "Frivillige hjelper barn og unge med lekser i norsk og matte på biblioteket.",
      themes: "homework_help",
      targetGroups: "children",
      municipality: ids.hamar,
      address: "Grønnegata 12",
      postalCode: "2317",
      postalPlace: "Hamar",
      scheduleKind: "recurring",
      startsAt: "2026-01-06T17:00",
      durationMinutes: "90",
      repeatFrequency: "WEEKLY",
      repeatWeekdays: "TU",
      status: "active",
      visibility: "public",
      isFree: "on",
      confirmNotDuplicate: "on",
    },
  });
  expect(response.status(), await response.text().catch(() => "")).toBe(302);
  const match = /^\/aktiviteter\/([0-9a-f-]{36})\?opprettet=1$/.exec(relativeLocation(response.headers()["location"] ?? ""));
  expect(match, "redirect to the new activity").not.toBeNull();
  return match![1]!;
}

test.describe("similar activities of others", () => {
  test.describe.configure({ mode: "serial" });
  // Several page loads, form posts and axe runs each, on a shared two-core machine.
  test.setTimeout(300_000);
  let own = "";

  test("the frivilligsentral's admin sees Språkvenner's homework help on its own activity and suggests collaboration without JavaScript; Hamar's overview counts it", async ({
    browser,
  }) => {
    own = await createSimilarActivity(await apiFor("org_admin"));
    const context = await noScriptContextFor(browser, "org_admin");
    const page = await context.newPage();
    await page.goto("/");
    await page.getByTestId(`home-similar-${ids.hamarVolunteerCentre}`).getByRole("link", { name: "Lignende aktiviteter hos andre" }).click();
    await expect(page).toHaveURL(`${activitiesPage}#lignende`);

    const section = page.getByRole("region", { name: "Lignende aktiviteter hos andre" });
    const pair = section.getByRole("region", { name: new RegExp(`Deres aktivitet: ${TITLE}`) }).getByTestId(`similar-${demoActivityIds.hamarLibraryHomework}`);
    await expect(pair.getByRole("link", { name: "Leksehjelp på biblioteket – Språkvenner Hamar" })).toBeVisible();
    await expect(pair).toContainText("Ikke fulgt opp");
    await expect(pair).toContainText("Kontakt Språkvenner Hamar");
    await pair.getByText("Hvorfor de ligner").click();
    await expect(pair).toContainText("Samme tema: Leksehjelp");
    // Only others' public activities: the centre's own and internal ones, and other kommuners', are never listed as similar.
    await expect(section.getByTestId(`similar-${demoActivityIds.hamarInternal}`)).toHaveCount(0);
    await expect(section.getByTestId(`similar-${demoActivityIds.tonsbergHomework}`)).toHaveCount(0);
    await expectNoAxeViolations(page);

    // A message over 2,000 characters (the field's maxlength stops a browser; a hand-made POST does not): 400 with
    // the field message, nothing sent.
    const api = await apiFor("org_admin");
    const tooLong = await api.post(activitiesPage, {
      form: {
        _csrf: await csrf(api, activitiesPage),
        intent: "similar",
        own,
        other: demoActivityIds.hamarLibraryHomework,
        step: "suggest",
        message: "x".repeat(2001),
      },
    });
    expect(tooLong.status()).toBe(400);
    expect(await tooLong.text()).toContain("Meldingen kan ha høyst 2000 tegn.");

    await page.goto(`${activitiesPage}#lignende`);
    const again = page.getByRole("region", { name: new RegExp(`Deres aktivitet: ${TITLE}`) }).getByTestId(`similar-${demoActivityIds.hamarLibraryHomework}`);
    await again.getByText("Foreslå samarbeid", { exact: true }).first().click();
    await again.getByLabel("Melding til Språkvenner Hamar (valgfritt)").fill("Skal vi dele på dagene?");
    await again.getByRole("button", { name: `Foreslå samarbeid med Språkvenner Hamar om «Leksehjelp på biblioteket»` }).click();
    await expect(page).toHaveURL(/lignende-suggest=1/);
    await expect(page.getByRole("status")).toContainText("Forslaget om samarbeid er sendt.");
    const suggested = page
      .getByRole("region", { name: new RegExp(`Deres aktivitet: ${TITLE}`) })
      .getByTestId(`similar-${demoActivityIds.hamarLibraryHomework}`);
    await expect(suggested).toContainText("Samarbeid foreslått");
    await expect(suggested.getByRole("button", { name: "Vi er i kontakt med Språkvenner Hamar om «Leksehjelp på biblioteket»" })).toBeVisible();
    await context.close();

    // The pair's status shows on Hamar's overview.
    const coordinator = await contextFor(browser, "coordinator_hamar");
    const overview = await coordinator.newPage();
    await overview.goto(`/kommuner/${ids.hamar}/oversikt`);
    await expect(overview.getByTestId("overview-follow-ups")).toContainText(/[1-9]\d* foreslått/);
    await coordinator.close();
  });

  test("members, other organisations' admins and coordinators get no similar section, and may not act on it", async ({ browser }) => {
    for (const role of ["org_member", "employer", "coordinator_hamar"] as const) {
      const context = await contextFor(browser, role);
      const page = await context.newPage();
      await page.goto(activitiesPage);
      await expect(page.getByRole("heading", { name: "Lignende aktiviteter hos andre" })).toHaveCount(0);
      await context.close();
    }
    // The employer administers Mjøs Bygg, not the frivilligsentral: 403, nothing written.
    const employer = await apiFor("employer");
    const refused = await employer.post(activitiesPage, {
      form: {
        _csrf: await csrf(employer, activitiesPage),
        intent: "similar",
        own: own || demoActivityIds.hamarHomework,
        other: demoActivityIds.hamarLibraryHomework,
        step: "distinct",
      },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    // The admin's own bad input: an unknown step is a 400 with the message, another organisation's activity as "own" a 404.
    const admin = await apiFor("org_admin");
    const token = await csrf(admin, activitiesPage);
    const badStep = await admin.post(activitiesPage, {
      form: { _csrf: token, intent: "similar", own: own || demoActivityIds.hamarHomework, other: demoActivityIds.hamarLibraryHomework, step: "partners" },
      maxRedirects: 0,
    });
    expect(badStep.status()).toBe(400);
    const notOwn = await admin.post(activitiesPage, {
      form: { _csrf: token, intent: "similar", own: demoActivityIds.hamarLibraryHomework, other: demoActivityIds.hamarHomework, step: "distinct" },
      maxRedirects: 0,
    });
    expect(notOwn.status()).toBe(404);
  });
});
