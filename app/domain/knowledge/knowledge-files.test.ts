import { describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, knowledgeFiles, storedFiles } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { FILE_MAX_BYTES } from "~/domain/files/files.constants.ts";
import { appErrorOf } from "../../../tests/app-error.ts";
import { createActor } from "../../../tests/factories.ts";
import {
  addArticleFiles,
  createArticle,
  deleteArticle,
  getArticleBySlug,
  getArticleForEdit,
  proposeArticle,
  publishArticle,
  readArticleFile,
  rejectProposal,
  removeArticleFile,
  updateArticle,
} from "./knowledge.server.ts";
import { minimalDocx, minimalOdt, storedZip } from "./office-files.ts";

const INNLANDET = "34";
const VESTFOLD = "39";
const HAMAR = "3403";

const imdi = () => createActor({ roles: [{ role: "national_admin" }] });
const advisor = (county: string) => createActor({ roles: [{ role: "county_advisor", countyNumber: county }] });
const coordinator = (municipality: string) => createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: municipality }] });

const article = (title: string) => ({
  kind: "template",
  themes: ["running_organisation"],
  audience: [],
  versions: { nb: { title, summary: "", body: "" } },
});

const docx = (name = "mal.docx") => new File([minimalDocx(["Protokoll fra årsmøtet"]) as Uint8Array<ArrayBuffer>], name);
const odt = (name = "mal.odt") => new File([minimalOdt(["Protokoll"]) as Uint8Array<ArrayBuffer>], name);
const pdf = (name = "mal.pdf") => new File([new TextEncoder().encode("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")], name);

async function fieldKey(promise: Promise<unknown>): Promise<unknown> {
  const error = await appErrorOf(promise, "validation");
  return error.fieldErrors.files;
}

describe("knowledge files: upload", () => {
  it("stores Word, OpenDocument and PDF files with the article, named by what they are, listed in order and audited", async () => {
    const admin = await imdi();
    const created = await createArticle(admin, { level: "national" }, article("Mal for årsmøte"), { uploads: [docx(), odt("../../protokoll"), pdf()] });
    const edit = await getArticleForEdit(admin, created.id);
    expect(edit.files.map((f) => [f.name, f.mediaType])).toEqual([
      ["mal.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["protokoll.odt", "application/vnd.oasis.opendocument.text"],
      ["mal.pdf", "application/pdf"],
    ]);
    expect(edit.files.every((f) => f.sizeBytes > 0)).toBe(true);
    await addArticleFiles(admin, created.id, [docx("budsjett.docx")]);
    expect((await getArticleForEdit(admin, created.id)).files.map((f) => f.name)).toEqual(["mal.docx", "protokoll.odt", "mal.pdf", "budsjett.docx"]);
    const actions = (await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, created.id))).map((r) => r.action);
    expect(actions).toContain("knowledge.files_added");
  });

  it("refuses files that lie about their type, empty, oversized and too many files, with the knowledge bank's own message", async () => {
    const admin = await imdi();
    const filesBefore = (await getDb().select({ id: storedFiles.id }).from(storedFiles)).length;
    const html = new File([new TextEncoder().encode("<!doctype html><script>alert(1)</script>")], "mal.docx", {
      type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
    const plainZip = new File([storedZip([{ name: "a.txt", content: "x" }]) as Uint8Array<ArrayBuffer>], "mal.xlsx");
    const svg = new File([new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')], "bilde.png");
    for (const liar of [html, plainZip, svg]) {
      expect(await fieldKey(createArticle(admin, { level: "national" }, article("Løgn"), { uploads: [liar] }))).toEqual({ key: "knowledge.error.fileType" });
    }
    expect(await fieldKey(createArticle(admin, { level: "national" }, article("Tom"), { uploads: [new File([], "tom.pdf")] }))).toEqual({
      key: "validation.file.empty",
    });
    const big = new File([new Uint8Array(FILE_MAX_BYTES + 1)], "stor.pdf");
    expect(await fieldKey(createArticle(admin, { level: "national" }, article("Stor"), { uploads: [big] }))).toMatchObject({ key: "validation.file.tooLarge" });
    expect(await fieldKey(createArticle(admin, { level: "national" }, article("Mange"), { uploads: [pdf(), pdf(), pdf(), pdf()] }))).toMatchObject({
      key: "validation.file.tooMany",
    });
    // Nothing was stored by the refused posts.
    expect(await getDb().select({ id: storedFiles.id }).from(storedFiles)).toHaveLength(filesBefore);

    const created = await createArticle(admin, { level: "national" }, article("Full"));
    for (let i = 0; i < 3; i++) await addArticleFiles(admin, created.id, [pdf(), pdf(), pdf()]);
    await addArticleFiles(admin, created.id, [pdf()]);
    expect(await fieldKey(addArticleFiles(admin, created.id, [pdf()]))).toEqual({ key: "knowledge.error.tooManyFiles", values: { max: 10 } });
    expect(await fieldKey(updateArticle(admin, created.id, article("Full"), [pdf()]))).toEqual({ key: "knowledge.error.tooManyFiles", values: { max: 10 } });
    expect(await fieldKey(addArticleFiles(admin, created.id, []))).toEqual({ key: "validation.file.missing" });
  });

  it("lets only those who may edit the article add files; another fylke's advisor, a coordinator and anonymous are refused", async () => {
    const innlandet = await advisor(INNLANDET);
    const draft = await createArticle(innlandet, { level: "county", countyNumber: INNLANDET }, article("Utkast"));
    const published = await createArticle(innlandet, { level: "county", countyNumber: INNLANDET }, article("Publisert"), { publish: true });
    await expect(addArticleFiles(await advisor(VESTFOLD), draft.id, [pdf()])).rejects.toBeAppError("not_found");
    await expect(addArticleFiles(await advisor(VESTFOLD), published.id, [pdf()])).rejects.toBeAppError("forbidden");
    await expect(addArticleFiles(await coordinator(HAMAR), published.id, [pdf()])).rejects.toBeAppError("forbidden");
    await expect(addArticleFiles(await imdi(), draft.id, [pdf()])).rejects.toBeAppError("not_found");
    await expect(addArticleFiles(anonymous(), published.id, [pdf()])).rejects.toBeAppError("unauthenticated");
    await expect(addArticleFiles(innlandet, "not-a-uuid", [pdf()])).rejects.toBeAppError("not_found");
    expect(await addArticleFiles(innlandet, draft.id, [pdf()])).toBe(1);
  });

  it("lets a proposer attach files to their proposal until it is rejected", async () => {
    const hamar = await coordinator(HAMAR);
    const proposal = await proposeArticle(hamar, { reviewer: `county:${INNLANDET}` }, article("Forslag"), [docx()]);
    expect((await getArticleForEdit(hamar, proposal.id)).files).toHaveLength(1);
    await addArticleFiles(hamar, proposal.id, [pdf()]);
    await rejectProposal(await advisor(INNLANDET), proposal.id, {});
    await expect(addArticleFiles(hamar, proposal.id, [pdf()])).rejects.toBeAppError("conflict");
  });
});

describe("knowledge files: download and removal", () => {
  it("serves a published article's files to everyone and a draft's only to those who may see the draft", async () => {
    const innlandet = await advisor(INNLANDET);
    const draft = await createArticle(innlandet, { level: "county", countyNumber: INNLANDET }, article("Utkast med fil"), { uploads: [docx()] });
    const [file] = (await getArticleForEdit(innlandet, draft.id)).files;
    const read = await readArticleFile(innlandet, draft.id, file!.id);
    expect(read.name).toBe("mal.docx");
    expect(Buffer.from(read.content).subarray(0, 2).toString()).toBe("PK");
    for (const outsider of [anonymous(), await advisor(VESTFOLD), await coordinator(HAMAR), await imdi()]) {
      await expect(readArticleFile(outsider, draft.id, file!.id)).rejects.toBeAppError("not_found");
    }
    await publishArticle(innlandet, draft.id);
    expect((await readArticleFile(anonymous(), draft.id, file!.id)).name).toBe("mal.docx");
    const page = await getArticleBySlug(anonymous(), draft.slug, "nb");
    expect(page.files.map((f) => f.name)).toEqual(["mal.docx"]);
  });

  it("serves a file only through its own article: another article's file id, a bad id and an unknown id are not found", async () => {
    const admin = await imdi();
    const a = await createArticle(admin, { level: "national" }, article("A"), { publish: true, uploads: [pdf()] });
    const b = await createArticle(admin, { level: "national" }, article("B"), { publish: true, uploads: [pdf()] });
    const [fileOfB] = (await getArticleForEdit(admin, b.id)).files;
    await expect(readArticleFile(anonymous(), a.id, fileOfB!.id)).rejects.toBeAppError("not_found");
    await expect(readArticleFile(anonymous(), a.id, "../../etc/passwd")).rejects.toBeAppError("not_found");
    await expect(readArticleFile(anonymous(), a.id, "00000000-0000-4000-8000-000000000000")).rejects.toBeAppError("not_found");
    await expect(readArticleFile(anonymous(), "x", fileOfB!.id)).rejects.toBeAppError("not_found");
  });

  it("removes a file after the confirm tick, audited, and never another article's file", async () => {
    const innlandet = await advisor(INNLANDET);
    const a = await createArticle(innlandet, { level: "county", countyNumber: INNLANDET }, article("A"), { uploads: [pdf(), docx()] });
    const b = await createArticle(innlandet, { level: "county", countyNumber: INNLANDET }, article("B"), { uploads: [pdf()] });
    const [first, second] = (await getArticleForEdit(innlandet, a.id)).files;
    const [fileOfB] = (await getArticleForEdit(innlandet, b.id)).files;
    const unticked = await appErrorOf(removeArticleFile(innlandet, a.id, { fileId: first!.id }), "validation");
    expect(unticked.fieldErrors.confirm).toBeDefined();
    await expect(removeArticleFile(innlandet, a.id, { fileId: "nope", confirm: "on" })).rejects.toBeAppError("validation");
    // A hidden field naming another article's file: refused, and that file stays.
    await expect(removeArticleFile(innlandet, a.id, { fileId: fileOfB!.id, confirm: "on" })).rejects.toBeAppError("not_found");
    expect((await getArticleForEdit(innlandet, b.id)).files).toHaveLength(1);
    await expect(removeArticleFile(await advisor(VESTFOLD), a.id, { fileId: first!.id, confirm: "on" })).rejects.toBeAppError("not_found");
    await expect(removeArticleFile(anonymous(), a.id, { fileId: first!.id, confirm: "on" })).rejects.toBeAppError("unauthenticated");

    await removeArticleFile(innlandet, a.id, { fileId: first!.id, confirm: "on" });
    expect((await getArticleForEdit(innlandet, a.id)).files.map((f) => f.id)).toEqual([second!.id]);
    expect(await getDb().select().from(storedFiles).where(eq(storedFiles.id, first!.id))).toEqual([]);
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.action, "knowledge.file_removed"));
    expect(entry).toMatchObject({ entityId: a.id, before: { file: { name: "mal.pdf", mediaType: "application/pdf" } } });
  });

  it("deletes the stored bytes with the article", async () => {
    const admin = await imdi();
    const a = await createArticle(admin, { level: "national" }, article("Slettes"), { uploads: [pdf(), docx()] });
    const fileIds = (await getArticleForEdit(admin, a.id)).files.map((f) => f.id);
    await deleteArticle(admin, a.id);
    expect(await getDb().select({ id: storedFiles.id }).from(storedFiles).where(inArray(storedFiles.id, fileIds))).toEqual([]);
    expect(await getDb().select({ id: knowledgeFiles.id }).from(knowledgeFiles).where(eq(knowledgeFiles.articleId, a.id))).toEqual([]);
  });
});
