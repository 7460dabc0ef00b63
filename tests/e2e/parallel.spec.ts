import type { Page } from "@playwright/test";
import { expect, expectNoProblems, test, watchPage } from "./support/fixtures.ts";
import { sentMails } from "./support/mail.ts";
import { demoActivityIds } from "../../app/domain/demo/ids.ts";

/**
 * Parallel initiatives (/kommuner/3403/parallelle): the Hamar coordinator sees
 * the demo pair with its reasons, marks the distinct pair distinct (gone, also
 * after a reload), and suggests collaboration on the homework pair (both
 * organisations' e-mails).
 */

const URL = "/kommuner/3403/parallelle";

/** Demo activities, named by id: other specs may add activities with the same titles. */
const demo = {
  languageCafe: demoActivityIds.hamarLanguageCafe,
  homework: demoActivityIds.hamarHomework,
  libraryHomework: demoActivityIds.hamarLibraryHomework,
  womenConversation: demoActivityIds.hamarWomenConversation,
};

/** The listed pair of exactly these two activities. */
function pairOf(page: Page, a: string, b: string) {
  return page
    .locator("li.overlap-pair")
    .filter({ has: page.locator(`a[href="/aktiviteter/${a}"]`) })
    .filter({ has: page.locator(`a[href="/aktiviteter/${b}"]`) });
}

test.describe("parallel initiatives", () => {
  test.describe.configure({ mode: "serial" });

  test("Hamar coordinator sees the homework pair with reasons, marks the language pair distinct and suggests collaboration", async ({ pageAs }) => {
    const page = await pageAs("coordinator_hamar");
    const problems = watchPage(page);
    await page.goto(URL);
    await expect(page.getByRole("heading", { level: 1, name: "Parallelle tiltak i Hamar" })).toBeVisible();

    const homework = pairOf(page, demo.homework, demo.libraryHomework);
    await expect(homework).toHaveCount(1);
    await expect(homework.getByRole("link", { name: "Leksehjelp for barn og unge" })).toBeVisible();
    await expect(homework).toContainText("Samme tema: Leksehjelp");
    await expect(homework).toContainText("m fra hverandre");
    await expect(homework).toContainText("til samme tid");

    // "These are distinct" on the language café / women's group pair.
    const language = pairOf(page, demo.languageCafe, demo.womenConversation);
    await expect(language).toHaveCount(1);
    await language.getByRole("button", { name: "Dette er ulike tiltak" }).click();
    await page.waitForURL(/\?skjult=/);
    await expect(page.getByRole("status")).toContainText("er merket som ulike tiltak");
    await expect(pairOf(page, demo.languageCafe, demo.womenConversation)).toHaveCount(0);
    await page.goto(URL);
    await expect(pairOf(page, demo.languageCafe, demo.womenConversation)).toHaveCount(0);
    await expect(page.locator(".overlap-distinct")).toContainText("Norsk samtalegruppe for kvinner");

    // "Suggest collaboration" on the homework pair.
    const pair = pairOf(page, demo.homework, demo.libraryHomework);
    await pair.locator("summary").click();
    await pair.getByLabel("Melding til begge organisasjonene (valgfritt)").fill("Dere har leksehjelp samme dag – kanskje dere kan samarbeide?");
    await pair.locator("form").getByRole("button", { name: "Foreslå samarbeid" }).click();
    await page.waitForURL(/\?foreslatt=/);
    await expect(page.getByRole("status")).toContainText("Forslag om samarbeid er sendt til");
    expectNoProblems(problems);

    // Both organisations got the suggestion by e-mail.
    await expect(async () => {
      const suggestions = (await sentMails()).filter((mail) => `${mail.subject}\n${mail.text}`.includes("Forslag om samarbeid med"));
      const recipients = suggestions.flatMap((mail) => mail.to);
      expect(recipients).toContain("post@frivilligsentral.samspill.example");
      expect(recipients).toContain("sprakvenner@samspill.example");
    }).toPass({ timeout: 10_000 });
  });

  test("Tønsberg's coordinator may not open Hamar's list", async ({ pageAs }) => {
    const page = await pageAs("coordinator_tonsberg");
    const response = await page.goto(URL);
    expect(response?.status()).toBe(403);
  });
});
