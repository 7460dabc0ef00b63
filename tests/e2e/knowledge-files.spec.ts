import { expect, expectNoAxeViolations, test } from "./support/fixtures.ts";
import { csrfTokenFrom } from "./support/http.ts";
import { demoKnowledgeArticles, demoKnowledgeFiles } from "../../app/domain/demo/ids.ts";
import { minimalDocx } from "../../app/domain/knowledge/office-files.ts";

/**
 * Knowledge-bank files (issue 12): a published template's file is a public
 * download; a draft's files only for those who may see the draft; owners
 * attach files on the article form and remove them after a confirm step,
 * all without JavaScript; a file that lies about its type is refused.
 */

const phone = { viewport: { width: 375, height: 740 } };
const template = demoKnowledgeArticles.template;
const draft = demoKnowledgeArticles.draft;
const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

test.describe("knowledge-bank files", () => {
  test.setTimeout(240_000);

  test("a visitor without JavaScript on a phone downloads IMDi's template as a Word document", async ({ pageAs, apiAs }) => {
    const page = await pageAs("anonymous", { javaScript: false, ...phone });
    await page.goto(`/kunnskap/${template.slug}`);
    const files = page.getByTestId("knowledge-files");
    await expect(page.getByRole("heading", { name: "Last ned malen" })).toBeVisible();
    await expect(files.getByRole("link", { name: demoKnowledgeFiles.templateDocx.name, exact: true })).toHaveAttribute(
      "href",
      `/kunnskap/${template.id}/filer/${demoKnowledgeFiles.templateDocx.id}`,
    );
    await expect(files).toContainText(/Word-dokument, \d+ kB/);
    await expectNoAxeViolations(page);

    const response = await (await apiAs("anonymous")).get(`/kunnskap/${template.id}/filer/${demoKnowledgeFiles.templateDocx.id}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe(docxType);
    expect(response.headers()["content-disposition"]).toContain("attachment;");
    expect(response.headers()["x-content-type-options"]).toContain("nosniff");
    expect((await response.body()).subarray(0, 2).toString()).toBe("PK");
  });

  test("Innlandet's advisor attaches files to a draft without JavaScript: a lying file is refused with a message, then two files are added and one removed after a confirm step", async ({
    pageAs,
  }) => {
    const page = await pageAs("county_advisor", { javaScript: false });
    const editUrl = `/kunnskap/${draft.id}/rediger`;
    await page.goto(editUrl);
    await expect(page.getByTestId("knowledge-files").getByRole("link", { name: demoKnowledgeFiles.draftPdf.name, exact: true })).toBeVisible();

    await page.getByLabel("Legg til filer").setInputFiles({
      name: "avtale.docx",
      mimeType: docxType,
      buffer: Buffer.from("<!doctype html><script>alert(1)</script>"),
    });
    await page.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByRole("alert").first()).toContainText("Filen må være en PDF, et bilde");
    await expectNoAxeViolations(page);

    await page.getByLabel("Legg til filer").setInputFiles([
      { name: "avtale-mal.docx", mimeType: docxType, buffer: Buffer.from(minimalDocx(["Avtale"])) },
      { name: "vedlegg.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n") },
    ]);
    await page.getByRole("button", { name: "Lagre" }).click();
    await expect(page).toHaveURL(/lagret=1/);
    const files = page.getByTestId("knowledge-files");
    await expect(files.getByRole("link", { name: "avtale-mal.docx", exact: true })).toBeVisible();
    await expect(files.getByRole("link", { name: "vedlegg.pdf", exact: true })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Fjern filen vedlegg.pdf" }).click();
    await expect(page.getByRole("heading", { name: "Fjerne vedlegg.pdf?" })).toBeVisible();
    await expectNoAxeViolations(page);
    // The confirm step's own button (the page has other forms).
    const confirmStep = page.getByRole("region", { name: "Fjerne vedlegg.pdf?" });
    await confirmStep.getByRole("button", { name: "Fjern filen" }).click();
    await expect(page.getByText("Kryss av for å bekrefte.").first()).toBeVisible();
    await page.getByLabel("Ja, fjern filen").check();
    await confirmStep.getByRole("button", { name: "Fjern filen" }).click();
    await expect(page).toHaveURL(/fil-fjernet=1/);
    await expect(page.getByRole("status")).toContainText("Filen er fjernet.");
    await expect(files.getByRole("link", { name: "vedlegg.pdf", exact: true })).toHaveCount(0);
    await expect(files.getByRole("link", { name: "avtale-mal.docx", exact: true })).toBeVisible();
    await expect(files.getByRole("link", { name: demoKnowledgeFiles.draftPdf.name, exact: true })).toBeVisible();
  });

  test("nobody removes another article's file or a file of an article they may not edit; bad input is refused and changes nothing", async ({ apiAs }) => {
    const post = async (role: Parameters<typeof apiAs>[0], url: string, form: Record<string, string>) => {
      const api = await apiAs(role);
      const token = csrfTokenFrom(await (await api.get("/kunnskap")).text());
      return api.post(url, { form: { _csrf: token, ...form }, maxRedirects: 0 });
    };
    const draftEdit = `/kunnskap/${draft.id}/rediger`;
    const templateEdit = `/kunnskap/${template.id}/rediger`;
    // A hidden field naming the template's file, posted to the draft the advisor may edit.
    expect((await post("county_advisor", draftEdit, { intent: "remove-file", fileId: demoKnowledgeFiles.templateDocx.id, confirm: "on" })).status()).toBe(404);
    // The template is IMDi's: Innlandet's advisor and a kommune may not touch its files.
    expect((await post("county_advisor", templateEdit, { intent: "remove-file", fileId: demoKnowledgeFiles.templateDocx.id, confirm: "on" })).status()).toBe(
      403,
    );
    expect((await post("coordinator_hamar", templateEdit, { intent: "remove-file", fileId: demoKnowledgeFiles.templateDocx.id, confirm: "on" })).status()).toBe(
      403,
    );
    // The draft is Innlandet's: IMDi gets 404 like everyone else outside it.
    expect((await post("national_admin", draftEdit, { intent: "remove-file", fileId: demoKnowledgeFiles.draftPdf.id, confirm: "on" })).status()).toBe(404);
    // Bad input: no tick, a malformed id.
    expect((await post("national_admin", templateEdit, { intent: "remove-file", fileId: demoKnowledgeFiles.templateDocx.id })).status()).toBe(400);
    expect((await post("national_admin", templateEdit, { intent: "remove-file", fileId: "../../x", confirm: "on" })).status()).toBe(400);

    const anonymous = await apiAs("anonymous");
    expect((await anonymous.get(`/kunnskap/${template.id}/filer/${demoKnowledgeFiles.templateDocx.id}`)).status()).toBe(200);
    expect((await anonymous.get(`/kunnskap/${draft.id}/filer/${demoKnowledgeFiles.draftPdf.id}`)).status()).toBe(404);
    expect((await (await apiAs("county_advisor")).get(`/kunnskap/${draft.id}/filer/${demoKnowledgeFiles.draftPdf.id}`)).status()).toBe(200);
  });
});
