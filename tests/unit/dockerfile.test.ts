import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * There is no Docker engine where the tests run, so the image is never built here: this keeps the Dockerfile
 * from rotting silently (a COPY of a file that was moved, a stage that lost its non-root user or health check).
 */
const root = path.resolve(import.meta.dirname, "../..");

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = "";
  let start = 0;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === "" || line.startsWith("#"))) return;
    if (!pending) start = index + 1;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      return;
    }
    const full = (pending + line).trim();
    pending = "";
    const [keyword, ...rest] = full.split(/\s+/);
    instructions.push({ keyword: keyword!.toUpperCase(), args: rest.join(" "), line: start });
  });
  return instructions;
}

interface Stage {
  name: string | null;
  instructions: Instruction[];
}

function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const match = /\bAS\s+(\S+)$/i.exec(instruction.args);
      stages.push({ name: match?.[1] ?? null, instructions: [] });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

/** `COPY [--from=x] [--chown=…] src… dest` → its flags, sources and destination. */
function copyParts(args: string): { from: string | null; sources: string[]; destination: string } {
  const words = args.split(/\s+/);
  const flags = words.filter((word) => word.startsWith("--"));
  const paths = words.filter((word) => !word.startsWith("--"));
  const from = flags.find((flag) => flag.startsWith("--from="))?.slice("--from=".length) ?? null;
  return { from, sources: paths.slice(0, -1), destination: paths.at(-1)! };
}

/** What .dockerignore leaves out of the build context (its simple patterns: names and folders at the top). */
function ignored(relative: string, patterns: string[]): boolean {
  let out = false;
  for (const pattern of patterns) {
    const negate = pattern.startsWith("!");
    const body = (negate ? pattern.slice(1) : pattern).replace(/^\/+|\/+$/g, "");
    const regex = new RegExp(`^${body.replaceAll(".", "\\.").replaceAll("*", "[^/]*")}(/|$)`);
    if (regex.test(relative)) out = !negate;
  }
  return out;
}

describe("Dockerfile", () => {
  const text = readFileSync(path.join(root, "Dockerfile"), "utf8");
  const instructions = parseDockerfile(text);
  const stages = stagesOf(instructions);
  const runtime = stages.at(-1)!;
  const dockerignore = readFileSync(path.join(root, ".dockerignore"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));

  it("is multi-stage, its runtime stage the last, from an official Node 24 image", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(runtime.name).toBe("runtime");
    const nodeImage = instructions.find((i) => i.keyword === "ARG" && i.args.startsWith("NODE_IMAGE="));
    expect(nodeImage?.args).toMatch(/^NODE_IMAGE=node:24[-.\w]*$/);
    // The runtime starts from the plain image, not from a stage that has the dev dependencies.
    expect(instructions.filter((i) => i.keyword === "FROM").at(-1)!.args).toMatch(/^\$\{NODE_IMAGE\} AS runtime$/);
  });

  it("runs as a user without privileges, with a health check, on port 3000", () => {
    const users = runtime.instructions.filter((i) => i.keyword === "USER");
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)!.args).not.toMatch(/^(root|0)(:|$)/);
    const healthcheck = runtime.instructions.find((i) => i.keyword === "HEALTHCHECK");
    expect(healthcheck?.args).toMatch(/\/(readyz|healthz)\b/);
    expect(runtime.instructions.find((i) => i.keyword === "EXPOSE")?.args).toBe("3000");
    const cmd = runtime.instructions.find((i) => i.keyword === "CMD");
    expect(cmd?.args).toBe('["node", "server.ts"]');
  });

  it("copies only what exists in the repository and is not left out of the build context", () => {
    const copies = instructions.filter((i) => i.keyword === "COPY" || i.keyword === "ADD");
    expect(copies.length).toBeGreaterThan(0);
    const stageNames = new Set(stages.map((stage) => stage.name));
    for (const copy of copies) {
      expect(copy.keyword, `line ${copy.line}: COPY, not ADD`).toBe("COPY");
      const { from, sources } = copyParts(copy.args);
      if (from) {
        expect(stageNames.has(from), `line ${copy.line}: stage ${from}`).toBe(true);
        continue;
      }
      for (const source of sources) {
        if (source === ".") continue;
        expect(existsSync(path.join(root, source)), `line ${copy.line}: ${source} exists`).toBe(true);
        expect(ignored(source, dockerignore), `line ${copy.line}: ${source} is not in .dockerignore`).toBe(false);
      }
    }
  });

  it("the runtime image has what `node server.ts` and the CLI read at run time", () => {
    const copied = runtime.instructions.filter((i) => i.keyword === "COPY").flatMap((i) => copyParts(i.args).sources);
    for (const needed of ["server.ts", "server", "drizzle", "package.json", "/app/build", "/app/node_modules", "bin", "app", "tsconfig.json"]) {
      expect(copied, needed).toContain(needed);
    }
    // Secrets and local data never enter the build context.
    for (const secret of [".env", "data", "node_modules", ".git"]) expect(ignored(secret, dockerignore), secret).toBe(true);
    expect(ignored(".env.production", dockerignore)).toBe(true);
  });
});
