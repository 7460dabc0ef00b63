import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { activities, organizations } from "~/db/schema/index.ts";
import { generate } from "../../bench/generate.ts";
import { summarizeErrors, validateWholeApi } from "../support/hsds-api-walk.ts";

/**
 * Issue 11, defect 6, on generated data: a small sample from the benchmark
 * generator (its minimum, 50 organisations and 200 activities), then varied
 * where the generator is uniform (it always writes an address, never a postal
 * code, phone or translation), so the optional nested objects appear with and
 * without their optional parts. Every answer of every endpoint must validate
 * against Open Referral's compiled HSDS 3.0 schemas.
 */
const now = new Date(new Date().toISOString().slice(0, 10) + "T06:00:00Z");
const day = 86_400_000;

beforeAll(async () => {
  const db = getDb();
  await generate(db, { seed: 11, scale: 0.0001, now });
  const orgs = await db.select({ id: organizations.id }).from(organizations).orderBy(asc(organizations.id));
  for (const [i, o] of orgs.entries()) {
    if (i % 3 === 0)
      await db
        .update(organizations)
        .set({
          contactPhone: "+47 62 51 00 00",
          description: "",
          website: "ikke en adresse",
        })
        .where(eq(organizations.id, o.id));
    if (i % 3 === 1) await db.update(organizations).set({ orgNumber: null, contactEmail: "ikke-epost" }).where(eq(organizations.id, o.id));
  }
  const rows = await db.select().from(activities).orderBy(asc(activities.id));
  for (const [i, a] of rows.entries()) {
    let change: Partial<typeof activities.$inferInsert> = {};
    switch (i % 10) {
      case 0: // no place at all
        change = { address: null, latitude: null, longitude: null };
        break;
      case 1: // a point on the map, no street address
        change = { address: null };
        break;
      case 2: // a full postal address
        change = { postalCode: "2317", postalPlace: "Hamar" };
        break;
      case 3: // someone to contact
        change = {
          contactName: "Kari Nordmann",
          contactPhone: "+47 400 00 000",
          contactEmail: "kari@example.no",
          postalCode: "0150",
        };
        break;
      case 4: // cancelled and extra dates on a recurring rule
        if (a.scheduleKind === "recurring" && a.startsAt)
          change = {
            exceptionDates: [new Date(a.startsAt.getTime() + 7 * day)],
            extraDates: [new Date(a.startsAt.getTime() + 8 * day)],
          };
        break;
      case 5: // no duration, so no closing time
        change = { durationMinutes: null };
        break;
      case 6: // titles in other languages
        change = {
          translations: {
            en: { title: "In English" },
            nn: { title: "På nynorsk" },
          },
        };
        break;
      case 7: // rules ending by count, by date, or daily
        if (a.scheduleKind === "recurring")
          change = {
            rrule: ["FREQ=WEEKLY;BYDAY=MO;COUNT=10", "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20991231T230000Z", "FREQ=DAILY"][i % 3]!,
          };
        break;
      case 8: // many languages
        change = { languages: ["nb", "en", "ar", "uk", "so", "ti"] };
        break;
      case 9: // nothing to show but the title: no description, no cost text, not free
        change = {
          description: "",
          howToJoin: "",
          isFree: false,
          costDescription: null,
        };
        break;
    }
    if (Object.keys(change).length) await db.update(activities).set(change).where(eq(activities.id, a.id));
  }
}, 120_000);

describe("HSDS API on generated data, against the compiled HSDS 3.0 schemas", () => {
  it("validates every page of every list endpoint and every full service and organisation, nested objects included", async () => {
    const { errors, counts } = await validateWholeApi(now);
    expect(summarizeErrors(errors)).toEqual([]);
    expect(counts["/services"]).toBeGreaterThan(150);
    expect(counts["/organizations"]).toBe(50);
    for (const [path, n] of Object.entries(counts)) expect(n, path).toBeGreaterThan(0);
  }, 120_000);
});
