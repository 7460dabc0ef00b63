import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { apiIndex } from "~/domain/opendata/hsds.server.ts";
import { summarizeErrors, validateWholeApi } from "../support/hsds-api-walk.ts";
import { hsdsItemErrors } from "../support/hsds-validator.ts";

// Issue 11, defect 6: every /api/v1/ answer on the demo data validates against Open Referral's compiled HSDS 3.0 schemas.
const now = new Date();

beforeAll(async () => {
  await seedDemoData();
});

describe("HSDS API on the demo data, against the compiled HSDS 3.0 schemas", () => {
  it("validates every page of every list endpoint and every full service and organisation, nested objects included", async () => {
    const { errors, counts } = await validateWholeApi(now, 5);
    expect(summarizeErrors(errors)).toEqual([]);
    for (const [path, n] of Object.entries(counts)) expect(n, path).toBeGreaterThan(0);
  }, 120_000);

  it("has no HSDS schema for the index, which is Samspill's own (version, OpenAPI URL, endpoints)", () => {
    expect(apiIndex()).toMatchObject({
      version: "3.0",
      endpoints: expect.any(Array),
    });
  });

  it("has a validator that rejects a nested object missing a required property", () => {
    const service = {
      id: "00000000-0000-4000-8000-00000000a101",
      name: "x",
      status: "active",
    };
    expect(hsdsItemErrors("service", service)).toEqual([]);
    expect(
      hsdsItemErrors("service", {
        ...service,
        phones: [{ id: "00000000-0000-4000-8000-00000000a102" }],
      }).join("\n"),
    ).toMatch(/phones\/0 must have required property 'number'/);
    expect(
      hsdsItemErrors("service", {
        ...service,
        organization: { id: service.id, name: "x" },
      }).join("\n"),
    ).toMatch(/organization must have required property 'description'/);
    expect(hsdsItemErrors("schedule", { freq: "WEEKLY" }).join("\n")).toMatch(/required property 'id'/);
    expect(hsdsItemErrors("location", { id: service.id }).join("\n")).toMatch(/required property 'location_type'/);
  });
});
