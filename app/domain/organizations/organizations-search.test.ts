import { describe, expect, it } from "vitest";
import { createOrganization as createOrganizationRow } from "../../../tests/factories.ts";
import { listOrganizations } from "./organizations.server.ts";

const HAMAR = "3403";
const TONSBERG = "3905";

describe("the public list", () => {
  it("finds names ignoring case, accents and small typos, with filters, counts and pages", async () => {
    await createOrganizationRow({ name: "Hamar Frivilligsentral", kind: "volunteer_centre", municipalities: [HAMAR] });
    await createOrganizationRow({ name: "Tønsberg Røde Kors", kind: "voluntary", municipalities: [TONSBERG] });
    await createOrganizationRow({ name: "Språkvenner", kind: "voluntary", municipalities: [HAMAR, TONSBERG], isDemo: true });
    await createOrganizationRow({ name: "100% _Prosent_ lag", kind: "other", municipalities: [HAMAR] });

    const names = async (query: Parameters<typeof listOrganizations>[0]) => (await listOrganizations(query)).items.map((i) => i.name);
    expect(await names({ q: "frivilligsentral" })).toEqual(["Hamar Frivilligsentral"]);
    expect(await names({ q: "frivillgsentral" })).toEqual(["Hamar Frivilligsentral"]);
    expect(await names({ q: "Tonsberg" })).toEqual(["Tønsberg Røde Kors"]);
    expect(await names({ q: "rode kors" })).toEqual(["Tønsberg Røde Kors"]);
    expect(await names({ q: "TØNSBERG RØDE" })).toEqual(["Tønsberg Røde Kors"]);
    expect(await names({ q: "%" })).toEqual(["100% _Prosent_ lag"]);
    expect(await names({ q: "_" })).toEqual(["100% _Prosent_ lag"]);
    expect(await names({ q: "zzzzzz" })).toEqual([]);
    expect(await names({ q: "'; drop table organizations; --" })).toEqual([]);
    expect(await names({ kind: "voluntary" })).toEqual(["Språkvenner", "Tønsberg Røde Kors"]);
    expect(await names({ municipality: TONSBERG })).toEqual(["Språkvenner", "Tønsberg Røde Kors"]);
    expect(await names({ kind: "voluntary", municipality: HAMAR })).toEqual(["Språkvenner"]);

    const all = await listOrganizations({});
    expect(all.total).toBe(4);
    const sprak = all.items.find((i) => i.name === "Språkvenner")!;
    expect(sprak).toMatchObject({ kind: "voluntary", isDemo: true });
    expect(sprak.municipalities.map((m) => m.name)).toEqual(["Hamar", "Tønsberg"]);
  });

  it("pages by 25, sorts in Norwegian alphabetical order and ignores nonsense parameters", async () => {
    for (const name of ["Ørsta lag", "Åsen lag", "Ærlig lag", "Zeta lag"]) await createOrganizationRow({ name, municipalities: ["1520"] });
    const sorted = (await listOrganizations({ municipality: "1520" })).items.map((i) => i.name);
    expect(sorted).toEqual(["Zeta lag", "Ærlig lag", "Ørsta lag", "Åsen lag"]);

    for (let i = 0; i < 30; i++) await createOrganizationRow({ name: `Pagelag ${String(i).padStart(2, "0")}`, municipalities: ["5001"] });
    const first = await listOrganizations({ municipality: "5001" });
    expect(first).toMatchObject({ total: 30, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(25);
    const second = await listOrganizations({ municipality: "5001", page: "2" });
    expect(second.items.map((i) => i.name)).toEqual(["Pagelag 25", "Pagelag 26", "Pagelag 27", "Pagelag 28", "Pagelag 29"]);
    expect((await listOrganizations({ municipality: "5001", page: "99" })).items).toEqual([]);

    const nonsense = await listOrganizations({ q: ["a", "b"], kind: "cartel", municipality: "x", page: "-3" });
    expect(nonsense.page).toBe(1);
    expect(nonsense.query).toEqual({ q: "", kind: null, municipality: null });
    await listOrganizations({ q: "x".repeat(10_000) });
  });
});
