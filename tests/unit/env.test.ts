import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv as parseDotenv } from "node:util";
import { EnvError, parseEnv } from "~/env.server.ts";

/**
 * Start-up configuration: a wrong value must stop the server with a message
 * naming the variable (an operator reads it in the log), and the shipped
 * .env.example must work as it is.
 */

const valid = {
  NODE_ENV: "production",
  PORT: "8080",
  PUBLIC_URL: "https://samspill.example.no",
  SESSION_SECRET: "a-real-secret-of-at-least-32-characters-000",
  SEED_DEMO_DATA: "false",
};

function errorFor(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("parseEnv accepted the configuration");
}

describe("parseEnv", () => {
  it("accepts the values in .env.example", () => {
    const example = parseDotenv(readFileSync(path.resolve(import.meta.dirname, "../../.env.example"), "utf8"));
    const env = parseEnv(example);
    expect(env.PORT).toBe(Number(example.PORT));
    expect(env.SEED_DEMO_DATA).toBe(true);
    expect(env.usesDevOutbox).toBe(true);
    // The demo runs in production: no outbox page that would show everyone's sign-in links.
    expect(env.devOutboxVisible).toBe(false);
    expect(env.FORM_MAX_BYTES).toBe(2 * 1024 * 1024);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.oidcProviders).toEqual([]);
  });

  it("shows the dev outbox page only without SMTP and outside production", () => {
    expect(parseEnv({ ...valid, NODE_ENV: "development" }).devOutboxVisible).toBe(true);
    expect(parseEnv({ ...valid, NODE_ENV: "test" }).devOutboxVisible).toBe(true);
    expect(parseEnv({ ...valid, NODE_ENV: "production" }).devOutboxVisible).toBe(false);
    expect(parseEnv({ ...valid, NODE_ENV: "development", SMTP_URL: "smtp://mail.example:587" }).devOutboxVisible).toBe(false);
  });

  it("accepts a production configuration and derives secure cookies from an https PUBLIC_URL", () => {
    const env = parseEnv({ ...valid, DATABASE_URL: "postgres://samspill@db:5432/samspill", SMTP_URL: "smtps://u:p@mail.example:465" });
    expect(env.PORT).toBe(8080);
    expect(env.cookieSecure).toBe(true);
    expect(env.usesDevOutbox).toBe(false);
  });

  it.each([
    ["PORT", "not-a-number"],
    ["PORT", "70000"],
    ["PORT", "0"],
    ["PORT", "80.5"],
  ])("rejects %s=%s, naming the variable", (name, value) => {
    expect(errorFor({ ...valid, [name]: value })).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it("scales out: no instance header and no scheduler unless asked for", () => {
    const plain = parseEnv(valid);
    expect(plain.INSTANCE_NAME).toBeUndefined();
    expect(plain.SCHEDULER).toBe(false);
    const named = parseEnv({ ...valid, INSTANCE_NAME: "app-2.oslo", SCHEDULER: "true" });
    expect(named.INSTANCE_NAME).toBe("app-2.oslo");
    expect(named.SCHEDULER).toBe(true);
    // The name goes out in a response header: nothing that could split it or carry markup.
    expect(errorFor({ ...valid, INSTANCE_NAME: "a b" })).toContain("INSTANCE_NAME");
    expect(errorFor({ ...valid, INSTANCE_NAME: "x".repeat(65) })).toContain("INSTANCE_NAME");
    expect(errorFor({ ...valid, SCHEDULER_PERIOD_SECONDS: "0" })).toContain("SCHEDULER_PERIOD_SECONDS");
    expect(plain.WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ ...valid, WEB_CONCURRENCY: "4" }).WEB_CONCURRENCY).toBe(4);
    expect(errorFor({ ...valid, WEB_CONCURRENCY: "0" })).toContain("WEB_CONCURRENCY");
    expect(errorFor({ ...valid, WEB_CONCURRENCY: "1.5" })).toContain("WEB_CONCURRENCY");
  });

  it("rejects a SESSION_SECRET shorter than 32 characters", () => {
    const message = errorFor({ ...valid, SESSION_SECRET: "too-short" });
    expect(message).toContain("SESSION_SECRET");
    expect(message).toContain("32");
  });

  it("rejects a missing SESSION_SECRET", () => {
    const { SESSION_SECRET: _omitted, ...rest } = valid;
    expect(errorFor(rest)).toContain("SESSION_SECRET");
  });

  it("refuses the example secret in production unless the demo data is on", () => {
    const example = "dev-only-secret-change-me-0123456789abcdef";
    expect(errorFor({ ...valid, SESSION_SECRET: example, SEED_DEMO_DATA: "false" })).toContain("SESSION_SECRET");
    expect(() => parseEnv({ ...valid, SESSION_SECRET: example, SEED_DEMO_DATA: "true" })).not.toThrow();
  });

  it.each(["mysql://user@host/db", "localhost:5432", "postgres:/missing-slash"])("rejects DATABASE_URL=%s", (value) => {
    expect(errorFor({ ...valid, DATABASE_URL: value })).toContain("DATABASE_URL");
  });

  it.each([
    ["PUBLIC_URL", "ftp://samspill.example"],
    ["PUBLIC_URL", "not a url"],
    ["SMTP_URL", "http://mail.example"],
    ["LOG_LEVEL", "loud"],
    ["NODE_ENV", "staging"],
    ["SEED_DEMO_DATA", "maybe"],
    ["FORM_MAX_BYTES", "lots"],
    ["FORM_MAX_BYTES", "1000"],
    ["OIDC_PROVIDERS", "ID porten"],
  ])("rejects %s=%s, naming the variable", (name, value) => {
    expect(errorFor({ ...valid, [name]: value })).toContain(name);
  });

  it("treats an empty value as unset (a blank line in .env means the default)", () => {
    const env = parseEnv({ ...valid, PORT: "", DATABASE_URL: "", SMTP_URL: "" });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.usesDevOutbox).toBe(true);
  });

  it("rejects an OIDC provider listed without its ISSUER, naming OIDC_<ID>_ISSUER", () => {
    const message = errorFor({ ...valid, OIDC_PROVIDERS: "idporten", OIDC_IDPORTEN_CLIENT_ID: "samspill" });
    expect(message).toContain("OIDC_IDPORTEN_ISSUER");
  });

  it("rejects an OIDC provider without a client id, naming OIDC_<ID>_CLIENT_ID", () => {
    const message = errorFor({ ...valid, OIDC_PROVIDERS: "entra-id", OIDC_ENTRA_ID_ISSUER: "https://login.example/v2.0" });
    expect(message).toContain("OIDC_ENTRA_ID_CLIENT_ID");
  });

  it("reads a complete OIDC provider", () => {
    const env = parseEnv({
      ...valid,
      OIDC_PROVIDERS: "idporten",
      OIDC_IDPORTEN_ISSUER: "https://idporten.no",
      OIDC_IDPORTEN_CLIENT_ID: "samspill",
      OIDC_IDPORTEN_ACR_VALUES: "idporten-loa-substantial",
      OIDC_IDPORTEN_LABEL: "ID-porten",
    });
    expect(env.oidcProviders).toEqual([
      expect.objectContaining({ id: "idporten", issuer: "https://idporten.no", clientId: "samspill", label: "ID-porten", allowInsecure: false }),
    ]);
  });
});
