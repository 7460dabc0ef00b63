import { describe, expect, it } from "vitest";
import { AUDIT_VALUE_MAX_LENGTH, auditChanges } from "./audit-changes.ts";

describe("auditChanges", () => {
  it("keeps only the fields that differ", () => {
    expect(auditChanges({ email: "a@example.org", role: "member" }, { email: "a@example.org", role: "admin" })).toEqual([
      { field: "role", before: "member", after: "admin", oneSided: false },
    ]);
  });

  it("shows a creation or removal as one side", () => {
    expect(auditChanges(null, { name: "New", verified: false, count: 3 })).toEqual([
      { field: "name", before: null, after: "New", oneSided: true },
      { field: "verified", before: null, after: false, oneSided: true },
      { field: "count", before: null, after: 3, oneSided: true },
    ]);
  });

  it("turns lists and objects into short text, so a stored snapshot (member lists, ids) does not travel whole", () => {
    const members = Array.from({ length: 20 }, (_, i) => ({ userId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, email: `m${i}@example.org` }));
    const [change] = auditChanges({ source: { name: "Old", members } }, { source: null });
    expect(typeof change!.before).toBe("string");
    expect((change!.before as string).length).toBe(AUDIT_VALUE_MAX_LENGTH);
    expect(change!.before).toMatch(/…$/);
    expect(change!.before).not.toContain("m19@example.org");
    expect(auditChanges({ municipalities: ["3403"] }, { municipalities: ["3403", "3905"] })).toEqual([
      { field: "municipalities", before: "3403", after: "3403, 3905", oneSided: false },
    ]);
  });
});
