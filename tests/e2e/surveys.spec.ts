import type { APIRequestContext } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { DEMO_SURVEY_TOKEN, demoSurveyIds } from "../../app/domain/demo/ids.ts";

/**
 * Needs surveys (issue 12, done-when: "IMDi's survey of migrant organisations in Innlandet shows its results by
 * kind"): IMDi reads the demo survey's results by kind as SVG bar charts with tables, small groups merged; sends a
 * new survey without JavaScript after counting its recipients; the Innlandet advisor surveys only Innlandet and
 * does not read IMDi's survey; an organisation answers by its personal link without an account.
 */

const results = `/undersokelser/${demoSurveyIds.imdiInnlandet}`;
const answer = `/undersokelser/svar/${DEMO_SURVEY_TOKEN}`;
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

async function csrf(api: APIRequestContext, url: string): Promise<string> {
  return csrfTokenFrom(await (await api.get(url)).text());
}

test.describe("needs surveys", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(300_000);

  test("IMDi reads the Innlandet survey's results by kind: charts with tables, the small groups merged into 'other'", async ({ pageAs }) => {
    const page = await pageAs("national_admin", { javaScript: false, viewport: { width: 375, height: 800 } });
    await page.goto("/undersokelser");
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Hva trenger organisasjonene i Innlandet hjelp til?" }).click();
    await expect(page).toHaveURL(results);
    await expect(page.getByText("22 av 23 organisasjoner har svart.")).toBeVisible();
    const byKind = page.getByRole("region", { name: "Etter type organisasjon", exact: true });
    await expect(byKind.getByRole("img", { name: "Etter type organisasjon" })).toBeVisible();
    const table = byKind.getByRole("table");
    await expect(table.getByRole("rowheader", { name: "Innvandrerorganisasjon" })).toBeVisible();
    await expect(table.getByRole("rowheader", { name: "Frivillig organisasjon" })).toBeVisible();
    // Three faith communities alone would be the total minus the rest: merged with the volunteer centres.
    await expect(table.getByRole("rowheader", { name: /^Andre \(/ })).toContainText("Tros- eller livssynssamfunn");
    await expect(table.getByRole("rowheader", { name: "Tros- eller livssynssamfunn", exact: true })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Etter fylke", exact: true }).getByRole("table")).toContainText("Innlandet");
    await expectNoAxeViolations(page);
  });

  test("IMDi counts the recipients, then sends a survey without JavaScript; bad input comes back with field messages", async ({ pageAs }) => {
    const page = await pageAs("national_admin", { javaScript: false });
    await page.goto("/undersokelser/ny");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Send undersøkelsen" }).click();
    await expect(page.getByRole("alert")).toContainText("Skjemaet har feil som må rettes");
    await expect(page.getByText("Velg minst én type organisasjon, kommune eller fylke.").first()).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel("Tittel").fill("Trenger innvandrerorganisasjonene i Vestfold hjelp med tilskudd?");
    await page.getByLabel("Stenger (dato)").fill(inAMonth());
    await page.getByLabel("Innvandrerorganisasjon").check();
    await page.getByRole("group", { name: "Fylker" }).getByLabel("Vestfold").check();
    await page.getByRole("button", { name: "Tell mottakere" }).click();
    await expect(page.getByRole("status")).toContainText(/\d+ organisasjone?r? får undersøkelsen\./);
    // The form keeps what was chosen.
    await expect(page.getByLabel("Innvandrerorganisasjon")).toBeChecked();
    await page.getByRole("button", { name: "Send undersøkelsen" }).click();
    await expect(page).toHaveURL(/\/undersokelser\/[0-9a-f-]{36}\?sendt=\d+$/);
    await expect(page.getByRole("status")).toContainText(/Undersøkelsen er sendt til \d+ organisasjone?r?\./);
    await expect(page.getByText("Resultatene vises når minst 5 organisasjoner har svart")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("the Innlandet advisor surveys only Innlandet and does not read IMDi's survey; others may not send at all", async ({ pageAs, apiAs }) => {
    const page = await pageAs("county_advisor", { javaScript: false });
    await page.goto("/undersokelser/ny");
    await expect(page.getByText("Som fylkeskommune kan du bare spørre organisasjoner som jobber i Innlandet.")).toBeVisible();
    await expect(page.getByRole("group", { name: "Fylker" }).getByRole("checkbox")).toHaveCount(1);
    await expectNoAxeViolations(page);

    const advisor = await apiAs("county_advisor");
    const token = await csrf(advisor, "/undersokelser/ny");
    const outside = await advisor.post("/undersokelser/ny", {
      form: { _csrf: token, intent: "send", title: "Utenfor fylket", closesOn: inAMonth(), counties: "39" },
    });
    expect(outside.status()).toBe(400);
    expect(await outside.text()).toContain("Du kan bare velge steder i ditt eget fylke.");
    expect((await advisor.get(results)).status()).toBe(403);
    expect((await advisor.post(results, { form: { _csrf: token, intent: "close" } })).status()).toBe(403);

    for (const [form, note] of [
      [{ intent: "send", title: "", closesOn: inAMonth(), kinds: "voluntary" }, "no title"],
      [{ intent: "send", title: "Dato", closesOn: "31.12.2026", kinds: "voluntary" }, "date format"],
      [{ intent: "send", title: "Dato", closesOn: "2020-01-01", kinds: "voluntary" }, "in the past"],
      [{ intent: "preview", title: "Type", closesOn: inAMonth(), kinds: "pirates" }, "unknown kind"],
      [{ intent: "preview", title: "Kommune", closesOn: inAMonth(), municipalities: "9999" }, "unknown kommune"],
      [{ intent: "launch", title: "Hensikt", closesOn: inAMonth(), kinds: "voluntary" }, "unknown intent"],
    ] as const) {
      expect((await advisor.post("/undersokelser/ny", { form: { _csrf: token, ...form } })).status(), note).toBe(400);
    }

    for (const role of ["coordinator_hamar", "org_admin", "employer"] as const) {
      const api = await apiAs(role);
      const response = await api.post("/undersokelser/ny", {
        form: { _csrf: await csrf(api, "/"), intent: "send", title: "Ikke lov", closesOn: inAMonth(), kinds: "voluntary" },
      });
      expect(response.status(), role).toBe(403);
    }
  });

  test("Hamar frivilligsentral answers by its link without an account, and can change the answer", async ({ pageAs }) => {
    const page = await pageAs("anonymous", { javaScript: false, viewport: { width: 375, height: 800 } });
    await page.goto(answer);
    await expect(page.getByText("Svar for Hamar frivilligsentral.")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Send svaret" }).click();
    await expect(page.getByText("Velg minst ett tema.").first()).toBeVisible();
    await expect(page.getByText("Velg hvor raskt dere trenger hjelpen.").first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel("Rekruttere og beholde frivillige").check();
    await page.getByLabel("Kurs").check();
    await page.getByLabel("I løpet av året").check();
    await page.getByRole("button", { name: "Send svaret" }).click();
    await expect(page.getByRole("status")).toContainText("Takk! Svaret er lagret.");
    await expect(page.getByLabel("Rekruttere og beholde frivillige")).toBeChecked();
    await expectNoAxeViolations(page);

    const wrong = await pageAs("anonymous");
    expect((await wrong.goto("/undersokelser/svar/ugyldig-lenke-som-ikke-finnes"))!.status()).toBe(404);
  });
});
