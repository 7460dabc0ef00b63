import { describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { municipalities } from "~/db/schema/index.ts";
import { listCounties, listMunicipalities, loadReferenceData } from "./reference.server.ts";

describe("kommune and county lists", () => {
  it("list the 357 kommuner by name, or one county's, as the table holds them", async () => {
    const all = await listMunicipalities();
    expect(all).toHaveLength(357);
    expect(all.map((m) => m.name)).toEqual([...all.map((m) => m.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const innlandet = await listMunicipalities("34");
    const fromTable = await getDb()
      .select({ number: municipalities.number })
      .from(municipalities)
      .where(eq(municipalities.countyNumber, "34"))
      .orderBy(asc(municipalities.name), asc(municipalities.number));
    expect(innlandet.map((m) => m.number)).toEqual(fromTable.map((m) => m.number));
    expect(innlandet.every((m) => m.countyName === "Innlandet")).toBe(true);
    expect(await listMunicipalities("99")).toEqual([]);
    expect(await listCounties()).toHaveLength(15);
  });

  it("a caller that changes its list does not change the next caller's", async () => {
    const first = await listMunicipalities();
    first.length = 0;
    (await listCounties()).reverse();
    expect(await listMunicipalities()).toHaveLength(357);
    expect((await listCounties())[0]!.name).toBe("Agder");
  });

  it("are read again after the reference data is loaded", async () => {
    expect((await listMunicipalities("34")).find((m) => m.number === "3403")?.name).toBe("Hamar");
    // Only loadReferenceData writes these tables: a change made behind its back shows once it has run again.
    await getDb().execute(sql`update municipalities set name = 'Hamar (endret)' where number = '3403'`);
    expect((await listMunicipalities("34")).find((m) => m.number === "3403")?.name).toBe("Hamar");
    await loadReferenceData();
    expect((await listMunicipalities("34")).find((m) => m.number === "3403")?.name).toBe("Hamar");
    await getDb().execute(sql`update municipalities set name = 'Hamar (endret)' where number = '3403'`);
    await loadReferenceData(getDb());
    await getDb().execute(sql`update municipalities set name = 'Hamar (endret igjen)' where number = '3403'`);
    expect((await listMunicipalities("34")).find((m) => m.number === "3403")?.name).toBe("Hamar (endret igjen)");
    await loadReferenceData();
  });

  it("loading again writes only what differs: unchanged rows are not touched, a changed one is set back with its values", async () => {
    const versions = async () => {
      const result = await getDb().execute(sql`select number, xmin::text as version, population, website from municipalities order by number`);
      return (result as unknown as { rows: { number: string; version: string; population: number | null; website: string | null }[] }).rows;
    };
    await loadReferenceData();
    const before = await versions();
    await getDb().execute(sql`update municipalities set population = 1, website = null where number = '3403'`);
    await getDb().execute(sql`update counties set name = 'Innlandet (endret)' where number = '34'`);
    await loadReferenceData();
    const after = await versions();
    expect(after.filter((row, i) => row.version !== before[i]!.version).map((row) => row.number)).toEqual(["3403"]);
    expect(after.find((row) => row.number === "3403")).toMatchObject({ population: before.find((row) => row.number === "3403")!.population });
    expect(after.find((row) => row.number === "3403")!.website).toBe(before.find((row) => row.number === "3403")!.website);
    expect((await listCounties()).find((c) => c.number === "34")?.name).toBe("Innlandet");
  });
});
