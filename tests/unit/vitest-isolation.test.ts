import { readFileSync } from "node:fs";
import { glob } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ISOLATED_TEST_FILES, TEST_FILES } from "../setup/test-files.ts";

async function testFiles(): Promise<string[]> {
  const files: string[] = [];
  for await (const file of glob(TEST_FILES)) files.push(file);
  return files.sort();
}

describe("test files that share a worker process", () => {
  it("every file that mocks a module runs isolated, and every isolated file exists", async () => {
    const files = await testFiles();
    const mocking = files.filter((file) => /\bvi\.(mock|doMock|unmock|resetModules)\(/.test(readFileSync(file, "utf8")));
    expect(mocking).toEqual([...ISOLATED_TEST_FILES].sort());
  });
});
