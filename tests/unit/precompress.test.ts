import express from "express";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaticMiddleware } from "../../server/app.ts";
import { precompressFolder } from "../../server/precompress.ts";

const script = `export const greeting = ${JSON.stringify("Hei, velkommen til Samspill! ".repeat(200))};\n`;
const tiny = "export const x = 1;\n";

let root: string;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "samspill-precompress-"));
  mkdirSync(path.join(root, "assets"));
  writeFileSync(path.join(root, "assets/app-Ab12.js"), script);
  writeFileSync(path.join(root, "assets/tiny-Cd34.js"), tiny);
  writeFileSync(path.join(root, "assets/font-Ef56.woff2"), Buffer.alloc(4096, 7));
  precompressFolder(path.join(root, "assets"));
  const app = express();
  app.use(createStaticMiddleware(root));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});

afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
});

/** The raw answer: Node's fetch would decode the body, and the test wants the bytes sent. */
async function get(pathname: string, acceptEncoding: string, method = "GET") {
  const { request } = await import("node:http");
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(`${url}${pathname}`, { method, headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("precompressed assets", () => {
  it("the build writes a brotli and a gzip copy of each script of 1 kB or more, and of nothing else", () => {
    const dir = path.join(root, "assets");
    expect(brotliDecompressSync(readFileSync(path.join(dir, "app-Ab12.js.br"))).toString()).toBe(script);
    expect(gunzipSync(readFileSync(path.join(dir, "app-Ab12.js.gz"))).toString()).toBe(script);
    expect(() => readFileSync(path.join(dir, "tiny-Cd34.js.br"))).toThrow();
    expect(() => readFileSync(path.join(dir, "font-Ef56.woff2.br"))).toThrow();
  });

  it("a browser that accepts brotli gets the brotli copy, typed as the script, cached for a year", async () => {
    const answer = await get("/assets/app-Ab12.js", "gzip, deflate, br, zstd");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
    expect(answer.headers["cache-control"]).toContain("immutable");
    expect(brotliDecompressSync(answer.body).toString()).toBe(script);
    expect(answer.body.length).toBeLessThan(script.length / 10);
  });

  it("one that accepts only gzip gets the gzip copy; one that accepts neither gets the file as it is", async () => {
    const gzip = await get("/assets/app-Ab12.js", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toBe(script);
    const plain = await get("/assets/app-Ab12.js", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    const refused = await get("/assets/app-Ab12.js", "br;q=0, gzip;q=0");
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body.toString()).toBe(script);
  });

  it("HEAD answers with the same headers and no body", async () => {
    const head = await get("/assets/app-Ab12.js", "br", "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.body.length).toBe(0);
  });

  it("files without a copy, and unknown names, are answered as before", async () => {
    const small = await get("/assets/tiny-Cd34.js", "br");
    expect(small.status).toBe(200);
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.body.toString()).toBe(tiny);
    expect((await get("/assets/missing.js", "br")).status).toBe(404);
    expect((await get("/assets/missing.js.br", "br")).status).toBe(404);
  });
});
