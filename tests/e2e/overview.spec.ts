import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, expectNoProblems, expectPageStructure, test, watchPage } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { sentMails } from "./support/mail.ts";
import { ids, type Role } from "./route-manifest.ts";
import { demoActivityIds, demoOrganizationIds } from "../../app/domain/demo/ids.ts";

/**
 * The kommune overview (/kommuner/:number/oversikt): the Hamar coordinator's
 * full overview (coverage per theme against settled refugees, gaps, stale
 * entries, a reminder that is e-mailed, CSV export, print view, axe
 * on all three pages), and which variant every other role gets — internal
 * parts (stale list, reminders) must be absent from public summaries.
 */

const STALE_ACTIVITY = demoActivityIds.hamarStale;
/** Språkvenner Hamar: never confirmed, and no demo account belongs to it, so no other test confirms it. */
const SPRAKVENNER = demoOrganizationIds.hamarLanguageCafe;
const hamar = `/kommuner/${ids.hamar}/oversikt`;
const tonsberg = `/kommuner/${ids.tonsberg}/oversikt`;

/** Whether the activity page itself says a108 is unconfirmed (another browser test confirms it; both pages must agree). */
async function isStale(page: Page, id: string): Promise<boolean> {
  await page.goto(`/aktiviteter/${id}`);
  const stale = page.getByText("Arrangøren har ikke bekreftet denne aktiviteten på en stund");
  const hidden = page.getByText("Aktiviteten er skjult for publikum fordi den ikke er bekreftet på lenge");
  return (await stale.count()) + (await hidden.count()) > 0;
}

test.describe("kommune overview", () => {
  test.describe.configure({ mode: "serial" });

  test("Hamar coordinator sees coverage against settled refugees, gaps and stale entries, sends a reminder, exports CSV and prints", async ({ pageAs }) => {
    const page = await pageAs("coordinator_hamar");
    const problems = watchPage(page, { ignoreHttpErrorConsole: true });
    const a108Stale = await isStale(page, STALE_ACTIVITY);

    await page.goto(hamar);
    await expectPageStructure(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Oversikt for Hamar");
    await expect(page.getByTestId("overview-scope-full")).toBeVisible();

    // Coverage per theme: an SVG chart with a text alternative and a table beside it.
    const themes = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Dekning per tema" }) });
    const chart = themes.getByRole("img", { name: /Dekning per tema/ });
    await expect(chart).toBeVisible();
    await expect(chart.locator("title").first()).toHaveText("Dekning per tema");
    const languageRow = themes.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Språk og norsktrening" }) });
    await expect(languageRow).toBeVisible();

    // Settled refugees: the demo figures give Hamar 41 settled in 2025 (the newest year with a settled figure).
    const settled = page.getByTestId("overview-settled");
    const perHundred = page.getByTestId("overview-per-hundred");
    if ((await settled.textContent())?.includes("ikke rapportert")) {
      await expect(perHundred).toHaveText("ikke rapportert");
    } else {
      await expect(settled).toHaveText("41");
      await expect(perHundred).toHaveText(/^\d+([,.]\d+)?$/);
      await expect(languageRow.getByRole("cell").last()).toHaveText(/^\d+([,.]\d+)?$/);
    }
    // A year with only IMDi's request: "not reported", never 0.
    await page.getByLabel("År for bosettingstall").selectOption("2026");
    await page.getByRole("button", { name: "Vis år" }).click();
    await page.waitForURL(/aar=2026/);
    await expect(page.getByTestId("overview-settled")).toHaveText("ikke rapportert");
    await expect(page.getByTestId("overview-per-hundred")).toHaveText("ikke rapportert");

    // Gaps.
    const gaps = page.getByTestId("overview-gaps");
    await expect(gaps.getByRole("heading", { level: 2, name: "Hull i tilbudet" })).toBeVisible();
    await expect(gaps.getByText(/Tema og målgrupper med færre enn/)).toBeVisible();

    // Stale entries.
    const stale = page.getByTestId("overview-stale");
    await expect(stale).toBeVisible();
    const a108Link = stale.locator(`a[href="/aktiviteter/${STALE_ACTIVITY}"]`);
    await expect(a108Link).toHaveCount(a108Stale ? 1 : 0);
    const sprakvenner = stale.getByRole("row").filter({ has: page.locator(`a[href="/organisasjoner/${SPRAKVENNER}"]`) });
    await expect(sprakvenner).toBeVisible();
    // Parallel initiatives: a link with the number of pairs (the list is on its own page).
    await expect(page.getByRole("link", { name: /parallel\w* tiltak i Hamar/ })).toHaveAttribute("href", `/kommuner/${ids.hamar}/parallelle`);
    await expectNoAxeViolations(page);

    // Send a reminder: a receipt (or, if this test ran before within 7 days, the refusal), then a second one is refused.
    await sprakvenner.getByRole("button", { name: "Send påminnelse til Språkvenner Hamar" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Påminnelse sendt til Språkvenner Hamar" }).or(page.getByText("de siste 7 dagene"))).toBeVisible();
    await page.getByTestId("overview-stale").getByRole("button", { name: "Send påminnelse til Språkvenner Hamar" }).click();
    await expect(page.getByRole("alert")).toContainText("Organisasjonen har fått en påminnelse de siste 7 dagene");

    // The e-mail was sent, with the link to the organisation's activities.
    await expect(async () => {
      const reminder = (await sentMails()).find((mail) => mail.subject === "Påminnelse: bekreft oppføringene til Språkvenner Hamar i Samspill");
      expect(reminder?.text).toContain(`/organisasjoner/${SPRAKVENNER}/aktiviteter`);
    }).toPass({ timeout: 10_000 });

    // CSV export of the theme table.
    await page.goto(hamar);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Dekning per tema som CSV" }).first().click()]);
    expect(download.suggestedFilename()).toMatch(/^samspill-oversikt-hamar-tema-\d{4}\.csv$/);
    const csv = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(csv).toString("utf8");
    expect(text.startsWith("\uFEFFTema;Aktiviteter;")).toBe(true);
    expect(text).toContain("Språk og norsktrening;");

    // Print view: one click, the same figures, no forms.
    await page.getByRole("link", { name: "Utskriftsvennlig versjon" }).click();
    await page.waitForURL(/\/oversikt\/utskrift/);
    await expectPageStructure(page);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Oversikt for Hamar (Innlandet)");
    await expect(page.getByRole("img", { name: /Dekning per tema/ })).toBeVisible();
    await expect(page.getByTestId("overview-stale")).toBeVisible();
    await expect(page.locator("main form[method='post']")).toHaveCount(0);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.getByRole("link", { name: "Tilbake til oversikten" })).toBeHidden();
    await page.emulateMedia({ media: "screen" });
    await expectNoAxeViolations(page);

    // The public summary page (another kommune) passes axe too.
    await page.goto(tonsberg);
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    expectNoProblems(problems);
  });

  test("internal parts are absent from public summaries: other kommuners' coordinators, other counties' advisors, members, anonymous", async ({ apiAs }) => {
    const cases: { role: Role; url: string; full: boolean }[] = [
      { role: "coordinator_hamar", url: tonsberg, full: false },
      { role: "coordinator_tonsberg", url: tonsberg, full: true },
      { role: "county_advisor", url: hamar, full: true },
      { role: "county_advisor", url: tonsberg, full: false },
      { role: "national_admin", url: tonsberg, full: true },
      { role: "org_member", url: hamar, full: false },
      { role: "org_admin", url: hamar, full: false },
      { role: "anonymous", url: hamar, full: false },
    ];
    for (const { role, url, full } of cases) {
      const api = await apiAs(role);
      for (const path of [url, `${url}/utskrift`]) {
        const response = await api.get(path);
        expect(response.status(), `${role} ${path}`).toBe(200);
        const html = await response.text();
        expect(html.includes('data-testid="overview-stale"'), `${role} ${path}: stale section`).toBe(full);
        expect(html.includes("Send påminnelse"), `${role} ${path}: reminder buttons`).toBe(full && !path.endsWith("utskrift"));
        expect(
          html.includes(full ? 'data-testid="overview-scope-full"' : 'data-testid="overview-scope-public"') || path.endsWith("utskrift"),
          `${role} ${path}: variant`,
        ).toBe(true);
      }
      const staleCsv = await api.get(`${url}/eksport.csv?tabell=utdatert`);
      expect(staleCsv.status(), `${role} stale export`).toBe(full ? 200 : 404);
    }
  });

  test("a reminder POST from someone who does not coordinate the kommune is refused and bad input gets 400", async ({ apiAs }) => {
    const other = await apiAs("coordinator_tonsberg");
    const page = await other.get(tonsberg);
    const token = csrfTokenFrom(await page.text());
    const refused = await other.post(hamar, { form: { _csrf: token, organizationId: SPRAKVENNER }, maxRedirects: 0 });
    expect(refused.status()).toBe(403);

    const coordinator = await apiAs("coordinator_hamar");
    const own = csrfTokenFrom(await (await coordinator.get(hamar)).text());
    for (const organizationId of ["<script>alert(1)</script>", "x".repeat(10_000), "1' or '1'='1"]) {
      const response = await coordinator.post(hamar, { form: { _csrf: own, organizationId }, maxRedirects: 0 });
      expect(response.status(), organizationId.slice(0, 20)).toBe(400);
      expect(await response.text()).not.toContain("<script>alert(1)</script>");
    }

    const anonymousApi = await apiAs("anonymous");
    const bad = await anonymousApi.get(`${hamar}/eksport.csv?tabell=%3Cscript%3E`);
    expect(bad.status()).toBe(400);
  });
});

test.describe("coverage charts at phone width", () => {
  for (const locale of ["nb-NO", "nn-NO", "en-GB"]) {
    test(`every label and value of every chart stays inside the chart, at a readable size (${locale}, 360 px)`, async ({ browser }) => {
      // Anonymous gets the public summary, which draws the same charts; the language comes from Accept-Language.
      const context = await browser.newContext({ locale, viewport: { width: 360, height: 800 } });
      const page = await context.newPage();
      await page.goto(hamar);
      const charts = page.locator("figure.chart > .chart-body > svg.chart-svg");
      expect(await charts.count()).toBeGreaterThan(0);
      const outside = await charts.evaluateAll((svgs) =>
        svgs.flatMap((svg) => {
          const box = svg.getBoundingClientRect();
          return [...svg.querySelectorAll("text")].flatMap((text) => {
            const r = text.getBoundingClientRect();
            // The size it is drawn at on screen: a viewBox scaled down to the phone shrinks it.
            const size = Math.round(parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM()?.a ?? 1) * 10) / 10;
            const inside = r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
            return inside && size >= 12
              ? []
              : [`${text.textContent} (${Math.round(r.left - box.left)}…${Math.round(r.right - box.left)} of ${Math.round(box.width)}, ${size}px)`];
          });
        }),
      );
      expect(outside).toEqual([]);
      await context.close();
    });
  }
});

test.describe("not mapped yet", () => {
  test("a kommune with too little registered reads 'not mapped yet' on the kommune, county and national pages, never as gaps", async ({ browser, pageAs }) => {
    // Kinn has two demo activities: too few to tell what is offered. Kinn writes nynorsk, so its pages do too.
    const visitor = await browser.newContext();
    const page = await visitor.newPage();
    await page.goto(`/kommuner/${ids.kinn}/oversikt`);
    await expect(page.getByTestId("overview-not-mapped")).toContainText("Ikkje kartlagd enno.");
    await expect(page.getByTestId("overview-gaps-not-mapped")).toBeVisible();
    await expect(page.getByTestId("overview-gaps").getByRole("listitem")).toHaveCount(0);
    await expect(page.getByTestId("overview-mapping")).toContainText(/av \d+ organisasjonar som er registrerte i kommunen/);
    // Hamar (ten activities) is mapped and its gaps are listed.
    await page.goto(hamar);
    await expect(page.getByTestId("overview-not-mapped")).toHaveCount(0);
    await visitor.close();

    const national = await pageAs("national_admin");
    await national.goto("/oversikt");
    const unmapped = national.getByTestId("national-unmapped");
    await expect(unmapped.getByRole("heading", { level: 2 })).toContainText("Ikke kartlagt ennå");
    await expect(unmapped.getByRole("heading", { level: 2 })).toHaveText(/^Ikke kartlagt ennå \(35\d\)$/);

    const county = await pageAs("county_advisor");
    await county.goto("/fylker/34/oversikt");
    await expect(county.getByTestId("county-unmapped").getByRole("heading", { level: 2 })).toHaveText(/^Ikke kartlagt ennå \(4\d\)$/);
    const innlandet = county.getByTestId("county-unmapped");
    await innlandet.getByText(/Vis de \d+ kommunene/).click();
    await expect(innlandet.getByRole("link", { name: "Lillehammer" })).toBeVisible();
    await expect(innlandet.getByRole("link", { name: "Hamar", exact: true })).toHaveCount(0);
  });

  test("the Hamar coordinator sees which organisations serving Hamar have no activity yet", async ({ browser, pageAs }) => {
    const page = await pageAs("coordinator_hamar");
    await page.goto(hamar);
    await expect(page.getByTestId("overview-without-activity").getByRole("heading", { level: 2 })).toHaveText(
      "Organisasjoner uten aktiviteter i Samspill ennå",
    );
    // Not for the public summary.
    const visitor = await browser.newContext();
    const anonymousPage = await visitor.newPage();
    await anonymousPage.goto(hamar);
    await expect(anonymousPage.getByTestId("overview-without-activity")).toHaveCount(0);
    await visitor.close();
  });
});
