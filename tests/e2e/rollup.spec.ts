import { readFileSync } from "node:fs";
import { expect, expectNoAxeViolations, expectNoProblems, test, watchPage } from "./support/fixtures.ts";

/**
 * County and national roll-ups (issue 4): the Innlandet advisor sorts the
 * fylke's table by a column (GET links, no JavaScript needed) and reads the
 * map; the national admin filters by målform.
 */

const kommuner = JSON.parse(readFileSync(new URL("../../app/db/reference/kommuner.json", import.meta.url), "utf8")) as { k_id: string; k_language?: string }[];

test.describe("roll-ups", () => {
  test("the Innlandet advisor sorts the fylke's table by activities and reads the map", async ({ pageAs }) => {
    const page = await pageAs("county_advisor");
    const problems = watchPage(page);
    await page.goto("/fylker/34/oversikt");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Oversikt for Innlandet");

    const table = page.locator("table.rollup-table").last();
    const firstKommune = () => table.locator("tbody tr th").first().innerText();
    const byName = await firstKommune();

    await table.getByRole("link", { name: "Aktiviteter", exact: true }).click();
    await expect(page).toHaveURL(/sortering=aktiviteter/);
    await expect(table.locator('th[aria-sort="descending"]')).toContainText("Aktiviteter");
    // The demo activities of Innlandet are in Hamar.
    expect(await firstKommune()).toBe("Hamar");
    expect(await firstKommune()).not.toBe(byName);

    // The same header again turns the order round.
    await table.getByRole("link", { name: "Aktiviteter", exact: true }).click();
    await expect(page).toHaveURL(/retning=stigende/);
    await expect(table.locator('th[aria-sort="ascending"]')).toContainText("Aktiviteter");
    expect(await firstKommune()).not.toBe("Hamar");

    // The map: a shape with a title per kommune (46 in Innlandet), a text summary and a legend.
    const map = page.locator('svg[role="img"]');
    await expect(map).toHaveCount(1);
    await expect(map.locator("path > title")).toHaveCount(46);
    await expect(map.locator("path > title", { hasText: /^Hamar: / })).toHaveCount(1);
    await expect(page.getByText("Tegnforklaring")).toBeVisible();
    await expect(page.getByText(/Bosetting ikke rapportert \(skravert\)/)).toBeVisible();
    // Each kommune links to its overview.
    await expect(table.getByRole("link", { name: "Hamar", exact: true })).toHaveAttribute("href", "/kommuner/3403/oversikt");

    await expectNoAxeViolations(page);
    expectNoProblems(problems);
  });

  test("the national admin filters by målform Nynorsk and sees only nynorsk kommuner", async ({ pageAs }) => {
    const page = await pageAs("national_admin");
    const problems = watchPage(page);
    await page.goto("/oversikt");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nasjonal oversikt");
    const table = page.locator("table.rollup-table").last();
    // The map shows all 357; the table a page of 120 at a time, with links to the other pages.
    await expect(page.locator('svg[role="img"] path > title')).toHaveCount(357);
    await expect(table.locator("tbody tr")).toHaveCount(120);
    await page.getByRole("navigation", { name: "Sider i tabellen" }).getByRole("link", { name: "Side 3" }).click();
    await expect(page).toHaveURL(/side=3/);
    await expect(table.locator("tbody tr")).toHaveCount(357 - 240);

    await page.getByLabel("Målform").selectOption("Nynorsk");
    await page.getByRole("button", { name: "Vis", exact: true }).click();
    await expect(page).toHaveURL(/malform=Nynorsk/);
    const nynorsk = kommuner.filter((k) => k.k_language === "Nynorsk").map((k) => k.k_id);
    await expect(table.locator("tbody tr")).toHaveCount(nynorsk.length);
    const hrefs = await table.locator("tbody tr th a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs.map((h) => h!.split("/")[2]).sort()).toEqual([...nynorsk].sort());
    await expect(table.getByRole("link", { name: "Kinn", exact: true })).toBeVisible();
    await expect(table.getByRole("link", { name: "Hamar", exact: true })).toHaveCount(0);
    await expect(page.locator('svg[role="img"] path > title')).toHaveCount(nynorsk.length);

    await expectNoAxeViolations(page);
    expectNoProblems(problems);
  });
});
