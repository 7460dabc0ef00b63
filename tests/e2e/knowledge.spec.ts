import { expect, expectNoAxeViolations, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { demoKnowledgeArticles } from "../../app/domain/demo/ids.ts";

/**
 * The knowledge bank (issue 12): anyone searches and reads without
 * JavaScript on a phone; IMDi writes and publishes; a kommune proposes and
 * the fylkeskommune reviews; nobody touches another body's articles.
 */

const phone = { viewport: { width: 375, height: 740 } };
const guide = demoKnowledgeArticles.grantsGuide;

test.describe("knowledge bank", () => {
  test.setTimeout(300_000);

  test("a visitor without JavaScript finds IMDi's guide by a nynorsk word, reads it in nynorsk and says it helped", async ({ pageAs }) => {
    const page = await pageAs("anonymous", { javaScript: false, ...phone });
    await page.goto("/kunnskap");
    await expectNoAxeViolations(page);
    await page.getByLabel("Søk i kunnskapsbanken").fill("søkje tilskot");
    await page.getByLabel("For hvem").selectOption("migrant_organization");
    await page.getByRole("button", { name: "Søk" }).click();
    await expect(page).toHaveURL(/q=s%C3%B8kje\+tilskot|q=s%C3%B8kje%20tilskot/);
    await page.getByRole("link", { name: "Slik søker dere tilskudd" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Slik søker dere tilskudd");
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Nynorsk" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Slik søkjer de tilskot");
    await expect(page.locator("article")).toHaveAttribute("lang", "nn");
    await page.getByRole("button", { name: "Ja" }).click();
    await expect(page).toHaveURL(/takk=1/);
    await expect(page.getByRole("status")).toContainText("Takk for svaret!");
    await expect(page.getByText(/1 syntes den var nyttig/)).toBeVisible();
    await expectNoAxeViolations(page);

    // A typo and a missing accent find the same guide.
    await page.goto("/kunnskap?q=tilskkudd");
    await expect(page.getByText("Viser treff for «tilskudd».")).toBeVisible();
    await expect(page.getByRole("link", { name: "Slik søker dere tilskudd" })).toBeVisible();
  });

  test("IMDi writes an article without JavaScript: bad input comes back with messages, raw HTML stays text, then it is deleted after a confirm step", async ({
    pageAs,
  }) => {
    const page = await pageAs("national_admin", { javaScript: false });
    await page.goto("/kunnskap/ny");
    await expectNoAxeViolations(page);
    await page.getByLabel("Lenke").fill("javascript:alert(1)");
    await page.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByRole("alert")).toContainText("Velg minst ett tema.");
    await expect(page.getByRole("alert")).toContainText("Skriv en tittel på minst ett språk.");
    await expect(page.getByRole("alert")).toContainText("Skriv en gyldig nettadresse");
    await expectNoAxeViolations(page);

    await page.getByLabel("Lenke").fill("");
    await page.getByRole("group", { name: "Tema" }).getByLabel("Tilskudd og finansiering").check();
    await page.getByRole("group", { name: "Tekst på Bokmål" }).getByLabel("Tittel").fill("Prøveartikkel om regnskap");
    await page
      .getByRole("group", { name: "Tekst på Bokmål" })
      .getByLabel("Tekst", { exact: true })
      .fill(
        '# Regnskap\n\n<script>window.hacked=1</script>\n\n<img src=x onerror="window.hacked=1">\n\n[klikk](javascript:alert(1)) [IMDi](https://www.imdi.no/)',
      );
    await page.getByLabel("Publiser med en gang").check();
    await page.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Prøveartikkel om regnskap");
    const body = page.locator(".article-body");
    await expect(body.getByRole("heading", { level: 2, name: "Regnskap" })).toBeVisible();
    await expect(body).toContainText("<script>window.hacked=1</script>");
    await expect(body.locator("script, img")).toHaveCount(0);
    await expect(body.getByRole("link", { name: "IMDi" })).toHaveAttribute("rel", "noopener noreferrer");
    await expect(body.locator('a[href^="javascript"]')).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Rediger artikkelen" }).click();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Slett artikkelen" }).click();
    await page.getByRole("button", { name: "Slett artikkelen" }).click();
    await expect(page.getByText("Kryss av for å bekrefte.").first()).toBeVisible();
    await page.getByLabel("Ja, slett artikkelen").check();
    await page.getByRole("button", { name: "Slett artikkelen" }).click();
    await expect(page).toHaveURL(/\/kunnskap\/mine\?slettet=1/);
    await expect(page.getByRole("status")).toContainText("Artikkelen er slettet.");
    await expectNoAxeViolations(page);
  });

  test("Hamar's coordinator proposes to Innlandet; the advisor sends it back with a comment, then publishes it", async ({ pageAs }) => {
    const coordinator = await pageAs("coordinator_hamar", { javaScript: false });
    await coordinator.goto("/kunnskap/ny");
    await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText("Foreslå en artikkel");
    await coordinator.getByLabel("Hvem skal vurdere forslaget").selectOption("county:34");
    await coordinator.getByRole("group", { name: "Tema" }).getByLabel("Samarbeid med kommunen").check();
    await coordinator.getByRole("group", { name: "Tekst på Nynorsk" }).getByLabel("Tittel").fill("Frivilligforum i Hamar");
    await coordinator.getByRole("group", { name: "Tekst på Nynorsk" }).getByLabel("Tekst", { exact: true }).fill("Kvar månad møtest kommunen og laga.");
    await coordinator.getByRole("button", { name: "Send forslaget" }).click();
    await expect(coordinator).toHaveURL(/\/rediger\?lagret=1/);
    const editUrl = new URL(coordinator.url()).pathname;
    await expect(coordinator.getByText("Status: Foreslått, venter på vurdering")).toBeVisible();
    await coordinator.goto("/kunnskap/forslag");
    await expect(coordinator.getByRole("region", { name: "Mine forslag" }).getByRole("link", { name: "Frivilligforum i Hamar" })).toBeVisible();
    await expectNoAxeViolations(coordinator);

    const advisor = await pageAs("county_advisor", { javaScript: false });
    await advisor.goto("/kunnskap/forslag");
    await expectNoAxeViolations(advisor);
    await advisor.getByRole("region", { name: "Forslag dere skal vurdere" }).getByRole("link", { name: "Frivilligforum i Hamar" }).click();
    await advisor.getByRole("button", { name: "Send tilbake med kommentar" }).click();
    await expect(advisor.getByText("Skriv hva som må endres.").first()).toBeVisible();
    await expectNoAxeViolations(advisor);
    await advisor.getByRole("region", { name: "Vurder forslaget" }).getByLabel("Kommentar til forslagsstilleren").first().fill("Skriv når forumet møtes.");
    await advisor.getByRole("button", { name: "Send tilbake med kommentar" }).click();
    await expect(advisor.getByText("Status: Sendt tilbake for endring")).toBeVisible();

    await coordinator.goto(editUrl);
    await expect(coordinator.getByText("Skriv når forumet møtes.")).toBeVisible();
    await coordinator
      .getByRole("group", { name: "Tekst på Nynorsk" })
      .getByLabel("Tekst", { exact: true })
      .fill("Første tysdag i månaden møtest kommunen og laga.");
    await coordinator.getByRole("button", { name: "Lagre" }).click();
    await expect(coordinator.getByText("Status: Foreslått, venter på vurdering")).toBeVisible();

    await advisor.goto(editUrl);
    await advisor.getByRole("button", { name: "Publiser" }).click();
    await expect(advisor.getByText("Status: Publisert")).toBeVisible();
    await advisor.goto("/kunnskap?q=frivilligforum");
    await expect(advisor.getByRole("link", { name: "Frivilligforum i Hamar" })).toBeVisible();
  });

  test("an article past its review-by date is flagged on its owner's list and edit page", async ({ pageAs }) => {
    const page = await pageAs("county_advisor");
    await page.goto("/kunnskap/mine");
    await expect(page.getByText(/Utdatert: skulle vært gjennomgått innen/).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto(`/kunnskap/${demoKnowledgeArticles.stale.id}/rediger`);
    await expect(page.getByText(/Artikkelen skulle vært gjennomgått innen/)).toBeVisible();
  });

  test("nobody changes another body's articles, and bad input to every form is a 400 that changes nothing", async ({ apiAs }) => {
    const post = async (role: Parameters<typeof apiAs>[0], url: string, form: Record<string, string>) => {
      const api = await apiAs(role);
      const token = csrfTokenFrom(await (await api.get("/kunnskap")).text());
      return api.post(url, { form: { _csrf: token, ...form }, maxRedirects: 0 });
    };
    const guideEdit = `/kunnskap/${guide.id}/rediger`;
    const draftEdit = `/kunnskap/${demoKnowledgeArticles.draft.id}/rediger`;
    const article = { kind: "article", themes: "other", "versions.nb.title": "Overtatt" };

    expect((await post("county_advisor", guideEdit, { intent: "save", ...article })).status()).toBe(403);
    expect((await post("county_advisor", guideEdit, { intent: "unpublish" })).status()).toBe(403);
    expect((await post("coordinator_hamar", guideEdit, { intent: "delete", confirm: "on" })).status()).toBe(403);
    expect((await post("national_admin", draftEdit, { intent: "publish" })).status()).toBe(404);
    expect((await post("coordinator_tonsberg", draftEdit, { intent: "save", ...article })).status()).toBe(404);
    expect((await post("org_member", "/kunnskap/ny", { intent: "propose", reviewer: "national", ...article })).status()).toBe(403);
    expect((await post("county_advisor", "/kunnskap/ny", { intent: "create", owner: "national", ...article })).status()).toBe(400);
    expect((await post("coordinator_hamar", "/kunnskap/ny", { intent: "propose", reviewer: "county:39", ...article })).status()).toBe(400);

    // Bad input: every form on the edit page, the new-article form and the vote.
    const advisorEdit = `/kunnskap/${demoKnowledgeArticles.stale.id}/rediger`;
    for (const form of <Record<string, string>[]>[
      { intent: "save", ...article, linkUrl: "data:text/html,x" },
      { intent: "save", ...article, reviewBy: "2026-02-31" },
      { intent: "save", kind: "poem", themes: "other", "versions.nb.title": "x" },
      { intent: "save", kind: "article", themes: "other", "versions.nb.title": "x".repeat(201) },
      { intent: "delete" },
      { intent: "nonsense" },
      {},
    ]) {
      expect((await post("county_advisor", advisorEdit, form)).status(), JSON.stringify(form).slice(0, 80)).toBe(400);
    }
    const proposalEdit = `/kunnskap/${demoKnowledgeArticles.proposal.id}/rediger`;
    expect((await post("county_advisor", proposalEdit, { intent: "return", comment: "" })).status()).toBe(400);
    expect((await post("county_advisor", proposalEdit, { intent: "reject", comment: "x".repeat(2001) })).status()).toBe(400);
    expect((await post("national_admin", "/kunnskap/ny", { intent: "create", owner: "national", kind: "article", themes: "nope" })).status()).toBe(400);
    expect((await post("anonymous", `/kunnskap/${guide.slug}`, { intent: "vote", helpful: "maybe" })).status()).toBe(400);
    expect((await post("anonymous", `/kunnskap/${guide.slug}`, { intent: "other", helpful: "yes" })).status()).toBe(400);
    expect((await post("anonymous", `/kunnskap/${demoKnowledgeArticles.draft.slug}`, { intent: "vote", helpful: "yes" })).status()).toBe(404);

    // Nothing changed.
    const api = await apiAs("anonymous");
    const html = await (await api.get(`/kunnskap/${demoKnowledgeArticles.stale.slug}`)).text();
    expect(html).toContain("Rekruttere frivillige blant nykomne");
    expect((await api.get(`/kunnskap/${demoKnowledgeArticles.draft.slug}`)).status()).toBe(404);
  });
});
