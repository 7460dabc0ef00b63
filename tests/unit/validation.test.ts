import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formToObject, parseInput, toFieldErrors } from "~/lib/validation.ts";
import { safeRedirectPath } from "~/lib/redirect.ts";
import { AppError } from "~/lib/errors.ts";

describe("field errors are message keys a user can read", () => {
  const schema = z.object({
    name: z.string().trim().min(1, { error: "validation.required" }).max(5),
    email: z.email(),
    kind: z.enum(["a", "b"]),
    custom: z.string().refine((v) => v === "ok", { error: "org.form.custom" }),
  });

  it("maps missing, wrong-typed, too long, bad format, bad choice and custom keys", () => {
    const missing = toFieldErrors(schema.safeParse({}).error!);
    expect(missing.name).toEqual({ key: "validation.required" });
    const wrong = toFieldErrors(schema.safeParse({ name: "toolongname", email: "x", kind: "c", custom: ["x"] }).error!);
    expect(wrong.name).toEqual({ key: "validation.tooLong", values: { max: 5 } });
    expect(wrong.email).toEqual({ key: "validation.email" });
    expect(wrong.kind).toEqual({ key: "validation.invalidChoice" });
    expect(wrong.custom).toEqual({ key: "validation.invalid" });
    const custom = toFieldErrors(schema.safeParse({ name: "a", email: "a@b.no", kind: "a", custom: "no" }).error!);
    expect(custom.custom).toEqual({ key: "org.form.custom" });
  });

  it("parseInput throws a validation AppError carrying the field errors", () => {
    const error = (() => {
      try {
        parseInput(schema, { name: "" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect(Object.keys((error as AppError).fieldErrors)).toContain("name");
  });
});

describe("form parsing", () => {
  it("drops the CSRF field and files, keeps repeated names as arrays, strips NUL bytes", () => {
    const form = new FormData();
    form.append("_csrf", "secret");
    form.append("a", "x\u0000y");
    form.append("m", "1");
    form.append("m", "2");
    form.append("f", new Blob(["data"]), "f.txt");
    expect(formToObject(form)).toEqual({ a: "xy", m: ["1", "2"] });
  });
});

describe("redirect targets after sign-in", () => {
  it.each([
    ["/min-side", "/min-side"],
    ["/organisasjoner?q=a", "/organisasjoner?q=a"],
    ["https://evil.example/", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    [undefined, "/"],
    ["/a\nb", "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});
