import { expect, expectNoAxeViolations, expectNoProblems, test, watchPage } from "./support/fixtures.ts";
import type { Page } from "@playwright/test";
import { csrfTokenFrom } from "./support/http.ts";
import { demoActivityIds, demoOrganizationIds } from "../../app/domain/demo/ids.ts";

/**
 * The public activity finder and activity page, as an anonymous visitor:
 * search, filters, typo correction, pagination, calendar and map views, the
 * page's schema.org data, and the whole thing without JavaScript.
 */

const homework = demoActivityIds.hamarHomework;

function nextMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The demo activity (other specs may create activities with the same title in the shared test database). */
function homeworkDemoLink(page: Page) {
  return page.locator(`a[href="/aktiviteter/${homework}"]`).first();
}

test.describe("activity finder", () => {
  test("searching for leksehjelp finds the homework help", async ({ page }) => {
    const problems = watchPage(page);
    await page.goto("/aktiviteter");
    await page.getByLabel("Søkeord").fill("leksehjelp");
    await page.getByRole("button", { name: "Søk", exact: true }).click();
    await expect(page).toHaveURL(/q=leksehjelp/);
    await expect(homeworkDemoLink(page)).toBeVisible();
    expectNoProblems(problems);
  });

  test("filters narrow the results", async ({ page }) => {
    await page.goto("/aktiviteter");
    const all = await page.locator(".finder-results > li").count();
    await page.goto("/aktiviteter?municipality=3905");
    const tonsberg = page.locator(".finder-results > li");
    const count = await tonsberg.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(all);
    for (const text of await tonsberg.allInnerTexts()) expect(text).toContain("Tønsberg");
    await page.goto("/aktiviteter?municipality=3905&themes=homework_help");
    await expect(page.locator(".finder-results > li")).toHaveCount(1);
    await expect(page.getByRole("link", { name: "Leksehjelp på Tønsberg bibliotek" })).toBeVisible();
    // The form shows the filters that are on.
    await expect(page.getByLabel("Leksehjelp", { exact: true })).toBeChecked();
  });

  test("a typo shows what was searched for instead", async ({ page }) => {
    await page.goto("/aktiviteter?q=lekshjelp");
    await expect(page.locator(".finder-corrected")).toContainText("leksehjelp");
    await expect(homeworkDemoLink(page)).toBeVisible();
  });

  test("no results gives tips", async ({ page }) => {
    await page.goto("/aktiviteter?q=qqqqzzzzxxxx");
    await expect(page.locator(".finder-empty")).toContainText("Ingen aktiviteter passer");
  });

  test("pagination links keep the filters", async ({ page }) => {
    await page.goto("/aktiviteter?free=1&themes=language,homework_help,social_network,sports_outdoors,culture_leisure&pageSize=2");
    const pagination = page.getByRole("navigation", { name: "Sider med resultater" });
    await expect(pagination).toBeVisible();
    const next = pagination.getByRole("link", { name: "Neste side" });
    const href = (await next.getAttribute("href"))!;
    expect(href).toContain("free=1");
    expect(href).toContain("themes=");
    expect(href).toContain("pageSize=2");
    expect(href).toContain("page=2");
    await next.click();
    await expect(pagination.locator('a[aria-current="page"]')).toHaveText("2");
    await expect(page.getByLabel("Bare gratis aktiviteter")).toBeChecked();
  });

  test("the calendar view lists the month's occurrences by day", async ({ page }) => {
    const month = nextMonth();
    await page.goto(`/aktiviteter?view=calendar&month=${month}&q=leksehjelp`);
    await expect(page.locator(".finder-calendar__day").first()).toBeVisible();
    expect(await page.locator(".finder-calendar__entry").count()).toBeGreaterThan(4);
    await expect(page.locator(".finder-calendar__entry").first()).toContainText(/Leksehjelp/);
    const nextHref = await page.getByRole("link", { name: "Neste måned" }).getAttribute("href");
    expect(nextHref).toContain("view=calendar");
    expect(nextHref).toContain("q=leksehjelp");
  });

  test("the map view keeps its list when the map tiles cannot load", async ({ page }) => {
    await page.route("https://cache.kartverket.no/**", (route) => route.abort());
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto("/aktiviteter?view=map");
    const list = page.locator(".finder-map-list > li");
    expect(await list.count()).toBeGreaterThan(3);
    await expect(list.first()).toContainText("Breddegrad");
    // With JavaScript, Leaflet takes over the box above the list.
    await expect(page.locator("#finder-map.leaflet-container")).toBeVisible();
    await expect(page.locator("#finder-map .leaflet-interactive").first()).toBeAttached();
    await expect(page.locator("#finder-map")).toContainText("© Kartverket");
    expect(errors).toEqual([]);
    await expectNoAxeViolations(page);
  });

  test("the finder works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "nb-NO" });
    const page = await context.newPage();
    await page.goto("/aktiviteter");
    await expect(page.locator("script[src]")).toHaveCount(0);
    await page.getByLabel("Søkeord").fill("språkkafé");
    await page.locator("summary", { hasText: "Ukedager" }).click();
    await page.getByLabel("onsdag").check();
    await page.getByRole("button", { name: "Søk", exact: true }).click();
    await expect(page).toHaveURL(/days=3/);
    await expect(page.getByRole("link", { name: "Språkkafé på Hamar bibliotek" })).toBeVisible();
    await page.getByRole("link", { name: "Kalender" }).click();
    await expect(page).toHaveURL(/view=calendar/);
    await expect(page.locator(".finder-calendar__entry").first()).toBeVisible();
    await context.close();
  });

  test("bad query parameters give a normal page", async ({ page, request }) => {
    const problems = watchPage(page);
    const response = await page.goto(
      "/aktiviteter?page=-1&themes=%3Cscript%3Ealert(1)%3C/script%3E&lat=999&lon=abc&sort=x&view=%3Cb%3E&month=2026-99&days=9,-1&pageSize=100000",
    );
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1")).toHaveText("Finn aktiviteter");
    expectNoProblems(problems);
    const body = await (await request.get("/aktiviteter?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")).text();
    expect(body).not.toContain("<script>alert(1)</script>");
  });
});

test.describe("activity page", () => {
  test("has valid schema.org JSON-LD, the schedule in words and a calendar link", async ({ page }) => {
    const problems = watchPage(page);
    await page.goto(`/aktiviteter/${homework}`);
    await expect(page.locator("h1")).toContainText("Leksehjelp for barn og unge");
    await expect(page.locator(".activity-facts").first()).toContainText("Hver tirsdag og torsdag kl. 16:30–18:00");
    const json = await page.locator('script[type="application/ld+json"]').textContent();
    const data = JSON.parse(json!);
    expect(data["@context"]).toBe("https://schema.org");
    expect(data["@type"]).toBe("Event");
    expect(data.name).toBe("Leksehjelp for barn og unge");
    expect(data.eventSchedule.byDay).toEqual(["https://schema.org/Tuesday", "https://schema.org/Thursday"]);
    expect(data.location.geo.latitude).toBeCloseTo(60.79, 1);
    expect(data.organizer.name).toBe("Hamar frivilligsentral");
    await expect(page.getByRole("link", { name: /Legg til i kalenderen/ })).toHaveAttribute("href", `/aktiviteter/${homework}/kalender.ics`);
    await expect(page.getByLabel("Lenke til denne siden")).toHaveValue(new RegExp(`/aktiviteter/${homework}$`));
    expectNoProblems(problems);
  });

  test("says when the text is not in the visitor's language", async ({ page }) => {
    await page.goto(`/aktiviteter/${homework}?lang=nn`);
    await expect(page.locator(".finder-fallback-note")).toBeVisible();
    await expect(page.locator("h1 span[lang='nb']")).toHaveText("Leksehjelp for barn og unge");
  });

  test("shows the organisation's own translation in Arabic, right to left", async ({ page }) => {
    await page.goto(`/aktiviteter/${demoActivityIds.hamarLanguageCafe}?lang=ar`);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("h1 span[lang='ar']")).toHaveText("مقهى اللغة في مكتبة هامار");
    await expect(page.locator(".finder-fallback-note")).toHaveCount(0);
    const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(data.inLanguage).toBe("ar");
  });

  test("a title with </script> cannot break out of the JSON-LD", async ({ page, apiAs }) => {
    const api = await apiAs("org_admin");
    const form = `/organisasjoner/${demoOrganizationIds.hamarVolunteerCentre}/aktiviteter/ny`;
    const csrf = csrfTokenFrom(await (await api.get(form)).text());
    const title = `Xylofonkurs ${Date.now()} </script><script>alert("jsonld")</script>`;
    const response = await api.post(form, {
      form: {
        _csrf: csrf,
        title,
        description: "Prøv xylofon </script><!-- med oss.",
        howToJoin: "",
        themes: "culture_leisure",
        targetGroups: "adults",
        languages: "nb",
        municipality: "3403",
        scheduleKind: "dates",
        startsAt: `${new Date().getFullYear() + 1}-03-02T18:00`,
        durationMinutes: "60",
        status: "active",
        visibility: "public",
        isFree: "on",
        confirmNotDuplicate: "on",
      },
    });
    expect(response.status(), await response.text().catch(() => "")).toBe(302);
    const location = response.headers()["location"]!;
    expect(location).toMatch(/^\/aktiviteter\/[0-9a-f-]{36}/);

    const problems = watchPage(page);
    await page.goto(location.split("?")[0]!);
    await expect(page.locator("h1")).toContainText("</script>");
    await expect(page.locator('script[type="application/ld+json"]')).toHaveCount(1);
    const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(data.name).toBe(title);
    expect(data.description).toContain("</script><!--");
    expectNoProblems(problems);
  });

  test("internal activities do not exist for visitors", async ({ page }) => {
    const response = await page.goto(`/aktiviteter/${demoActivityIds.hamarInternal}`);
    expect(response?.status()).toBe(404);
    await expect(page.locator("body")).not.toContainText("Planlegging av vårens frivilligkurs");
  });
});
