import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities, auditLog, municipalityOverviewSettings, outboundEmails, settlementFigures, users } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActivity } from "~/domain/activities/activities.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { activityForm } from "../../../tests/fixtures/activity-form.ts";
import { getMunicipalityOverview, sendStaleReminder } from "./overview.server.ts";
import { getOverviewTable, overviewCsv, overviewXlsx } from "./overview-export.server.ts";

const now = new Date("2026-11-23T12:00:00Z");
const LILLEHAMMER = "3405"; // Innlandet (34), like Hamar: used so the counts here are this file's own
const TONSBERG = "3905";

async function makeStale(ids: string[], monthsAgo = 9) {
  const when = new Date(now);
  when.setMonth(when.getMonth() - monthsAgo);
  await getDb().update(activities).set({ lastConfirmedAt: when }).where(inArray(activities.id, ids));
}

/** A kommune with a public and an internal activity, one stale, and an organisation that never confirmed. */
async function setUpKommune(number: string, contactEmail: string | null = "kontakt@org.test") {
  const org = await createOrganization({ municipalities: [number], contactEmail, lastConfirmedAt: null });
  const admin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
  const language = await createActivity(
    admin,
    org.id,
    activityForm({ municipality: number, themes: ["language"], targetGroups: ["adults"], capacity: "20", title: '=HYPERLINK("x") språkkafé' }),
    now,
  );
  const internal = await createActivity(
    admin,
    org.id,
    activityForm({
      municipality: number,
      themes: ["language", "homework_help"],
      targetGroups: ["children"],
      visibility: "internal",
      seeksVolunteers: "on",
      volunteerTasks: "Hjelpe",
    }),
    now,
  );
  return { org, admin, language, internal };
}

describe("kommune overview", () => {
  it("gives coordinators every activity and the stale list, everyone else the public figures only", async () => {
    const { internal } = await setUpKommune(LILLEHAMMER);
    await makeStale([internal.id]);
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: LILLEHAMMER }] });
    const full = await getMunicipalityOverview(coordinator, LILLEHAMMER, { now });
    expect(full.full).toBe(true);
    expect(full.total.activityCount).toBe(2);
    expect(full.themes.find((r) => r.key === "language")!.activityCount).toBe(2);
    expect(full.themes.find((r) => r.key === "homework_help")!.activityCount).toBe(1);
    expect(full.stale!.activities.map((a) => a.id)).toEqual([internal.id]);
    expect(full.stale!.organizations).toHaveLength(1);
    expect(full.stale!.organizations[0]!.staleActivityCount).toBe(1);
    expect(full.parallelPairCount).toBe(0); // one organisation: nothing parallel

    for (const actor of [anonymous(), await createActor(), await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] })]) {
      const pub = await getMunicipalityOverview(actor, LILLEHAMMER, { now });
      expect(pub.full).toBe(false);
      expect(pub.stale).toBeNull();
      expect(pub.parallelPairCount).toBeNull();
      expect(pub.total.activityCount).toBe(1);
      expect(pub.themes.find((r) => r.key === "homework_help")!.activityCount).toBe(0);
      expect(pub.total.seekingVolunteers).toBe(0);
    }
  });

  it("lets the county advisor see their own kommuner in full and other counties' public summary; an org member sees the public one", async () => {
    const { org } = await setUpKommune(TONSBERG);
    const advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    expect((await getMunicipalityOverview(advisor, LILLEHAMMER, { now })).full).toBe(true);
    const tonsberg = await getMunicipalityOverview(advisor, TONSBERG, { now });
    expect(tonsberg.full).toBe(false);
    expect(tonsberg.stale).toBeNull();
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    expect((await getMunicipalityOverview(member, TONSBERG, { now })).stale).toBeNull();
    const national = await createActor({ roles: [{ role: "national_admin" }] });
    expect((await getMunicipalityOverview(national, TONSBERG, { now })).full).toBe(true);
  });

  it("says 'not reported' (null) without settlement figures or with 0 settled, and counts per 100 settled when reported", async () => {
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: LILLEHAMMER }] });
    const before = await getMunicipalityOverview(coordinator, LILLEHAMMER, { now, year: 2025 });
    expect(before.settlement.settled).toBeNull();
    expect(before.total.perHundredSettled).toBeNull();
    expect(before.themes.every((r) => r.perHundredSettled === null)).toBe(true);

    await getDb()
      .insert(settlementFigures)
      .values([
        { municipalityNumber: LILLEHAMMER, year: 2025, requested: 50, decided: 45, settled: 40 },
        { municipalityNumber: LILLEHAMMER, year: 2024, requested: 10, decided: 10, settled: 0 },
        { municipalityNumber: LILLEHAMMER, year: 2026, requested: 30, decided: null, settled: null },
      ]);
    const after = await getMunicipalityOverview(coordinator, LILLEHAMMER, { now });
    expect(after.year).toBe(2025); // the newest year with a settled figure by default (2026 has only the request)
    expect(after.settlement.settled).toBe(40);
    expect(after.total.perHundredSettled).toBe(5); // 2 activities per 40 settled
    expect(after.themes.find((r) => r.key === "language")!.perHundredSettled).toBe(5);
    expect(after.yearChoices).toEqual(expect.arrayContaining([2026, 2025, 2024]));
    const zero = await getMunicipalityOverview(coordinator, LILLEHAMMER, { now, year: "2024" });
    expect(zero.settlement.settled).toBe(0);
    expect(zero.total.perHundredSettled).toBeNull();
    const inProgress = await getMunicipalityOverview(coordinator, LILLEHAMMER, { now, year: 2026 });
    expect(inProgress.settlement).toEqual({ requested: 30, decided: null, settled: null, inIntroductionProgramme: null });
    expect(inProgress.total.perHundredSettled).toBeNull();
  });

  it("lists themes and target groups below the kommune's threshold as gaps (default 2)", async () => {
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: LILLEHAMMER }] });
    // Two activities: not mapped yet, so an empty theme is no gap ("not registered" is not "not offered").
    const unmapped = await getMunicipalityOverview(coordinator, LILLEHAMMER, { now });
    expect(unmapped.mapping).toMatchObject({ mapped: false, minActivities: 3, organizationsWithActivity: 1 });
    expect(unmapped.gaps).toEqual([]);
    expect((await getMunicipalityOverview(anonymous(), LILLEHAMMER, { now })).mapping.mapped).toBe(false);
    // A third activity, by another organisation: mapped; the organisation-with-activity count follows.
    const other = await createOrganization({ municipalities: [LILLEHAMMER] });
    const otherAdmin = await createActor({ memberships: [{ organizationId: other.id, role: "admin" }] });
    await createActivity(otherAdmin, other.id, activityForm({ municipality: LILLEHAMMER, themes: ["culture_leisure"], targetGroups: ["adults"] }), now);
    const overview = await getMunicipalityOverview(coordinator, LILLEHAMMER, { now });
    expect(overview.mapping).toMatchObject({ mapped: true, organizationsWithActivity: 2 });
    expect(overview.mapping.confirmedRecently).toBe(overview.total.activityCount - 1); // the first test made one stale
    expect(overview.gapThreshold).toBe(2);
    const gapKeys = overview.gaps.map((g) => `${g.dimension}:${g.key}`);
    expect(gapKeys).toContain("theme:homework_help"); // 1 < 2
    expect(gapKeys).toContain("theme:sports_outdoors"); // 0
    expect(gapKeys).not.toContain("theme:language"); // 2
    expect(gapKeys).toContain("target_group:children");

    await getDb().insert(municipalityOverviewSettings).values({ municipalityNumber: LILLEHAMMER, gapThreshold: 1 });
    const lower = await getMunicipalityOverview(coordinator, LILLEHAMMER, { now });
    expect(lower.gaps.map((g) => `${g.dimension}:${g.key}`)).not.toContain("theme:homework_help");
    await getDb().delete(municipalityOverviewSettings).where(eq(municipalityOverviewSettings.municipalityNumber, LILLEHAMMER));
  });

  it("lists the organisations serving the kommune without an activity there, for those who coordinate it only", async () => {
    const KINN = "4602";
    const idle = await createOrganization({ municipalities: [KINN], name: "Aaa idrettslag uten aktivitet" });
    const { org: busy } = await setUpKommune(KINN);
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: KINN }] });
    const full = await getMunicipalityOverview(coordinator, KINN, { now });
    const ids = full.withoutActivity!.organizations.map((o) => o.id);
    expect(ids).toContain(idle.id);
    expect(ids).not.toContain(busy.id);
    expect(full.withoutActivity!.total).toBe(ids.length);
    expect(full.mapping.registeredOrganizations).toBeGreaterThanOrEqual(full.mapping.organizationsWithActivity + ids.length);
    for (const actor of [anonymous(), await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] })]) {
      expect((await getMunicipalityOverview(actor, KINN, { now })).withoutActivity).toBeNull();
    }
  });

  it("refuses bad years and unknown or malformed kommuner", async () => {
    for (const year of ["abc", "1999", "2101", "2025.5", "<script>", "x".repeat(10_000), ["2025", "2026"]]) {
      await expect(getMunicipalityOverview(anonymous(), LILLEHAMMER, { now, year })).rejects.toBeAppError("validation", "overview.error.year");
    }
    await expect(getMunicipalityOverview(anonymous(), "9999", { now })).rejects.toBeAppError("not_found");
    await expect(getMunicipalityOverview(anonymous(), "abc' or 1=1--", { now })).rejects.toBeAppError("not_found");
  });
});

describe("stale reminders", () => {
  it("mails the organisation's contact and admins once, marks the activities, audits, and refuses a second within 7 days", async () => {
    const kommune = "3407"; // Gjøvik, Innlandet
    const { org, admin, language } = await setUpKommune(kommune, "Kontakt@Org.test");
    await makeStale([language.id]);
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: kommune }] });
    const result = await sendStaleReminder(coordinator, kommune, { organizationId: org.id }, { now });
    expect(result.recipients).toBe(2);
    expect(result.activityCount).toBe(1);

    const mails = await getDb()
      .select()
      .from(outboundEmails)
      .where(inArray(outboundEmails.to, ["kontakt@org.test", admin.email.toLowerCase()]));
    expect(mails).toHaveLength(2);
    expect(mails[0]!.text).toContain(`/organisasjoner/${org.id}/aktiviteter`);
    expect(mails[0]!.text).toContain("språkkafé");
    const [marked] = await getDb().select({ reminderSentAt: activities.reminderSentAt }).from(activities).where(eq(activities.id, language.id));
    expect(marked!.reminderSentAt?.toISOString()).toBe(now.toISOString());
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "overview.reminder_sent"), eq(auditLog.entityId, org.id)));
    expect(audit).toHaveLength(1);

    await expect(sendStaleReminder(coordinator, kommune, { organizationId: org.id }, { now })).rejects.toBeAppError("conflict", "overview.reminder.tooSoon");
    const overview = await getMunicipalityOverview(coordinator, kommune, { now });
    expect(overview.stale!.organizations.find((o) => o.id === org.id)!.lastReminderAt).not.toBeNull();
  });

  it("is signed by the body the sender acts for: the kommune, the fylkeskommune or IMDi, never the kommune on others' behalf", async () => {
    const cases = [
      { kommune: "3413", email: "stange@org.test", sender: { role: "municipal_coordinator" as const, municipalityNumber: "3413" }, body: "Stange kommune" },
      { kommune: "3415", email: "sor-odal@org.test", sender: { role: "county_advisor" as const, countyNumber: "34" }, body: "Innlandet fylkeskommune" },
      { kommune: "3417", email: "grue@org.test", sender: { role: "national_admin" as const }, body: "IMDi – Integrerings- og mangfoldsdirektoratet" },
    ];
    for (const c of cases) {
      const { org, language } = await setUpKommune(c.kommune, c.email);
      await makeStale([language.id]);
      const actor = await createActor({ roles: [c.sender] });
      await sendStaleReminder(actor, c.kommune, { organizationId: org.id }, { now });
      const [mail] = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, c.email));
      const signature = mail!.text.trim().split("\n").at(-1)!;
      expect(signature).toBe(`Hilsen ${actor.name}, ${c.body}, via Samspill`);
      if (c.sender.role !== "municipal_coordinator") expect(signature).not.toContain(" kommune");
    }
  });

  it("is written in the kommune's målform (Kinn: nynorsk) unless the recipient chose a language", async () => {
    const KINN = "4602";
    const { org, admin, language } = await setUpKommune(KINN, "kinn-kontakt@org.test");
    await makeStale([language.id]);
    await getDb().update(users).set({ locale: "en" }).where(eq(users.id, admin.userId));
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: KINN }] });
    await sendStaleReminder(coordinator, KINN, { organizationId: org.id }, { now });
    const [contact] = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, "kinn-kontakt@org.test"));
    expect(contact!.subject).toBe(`Påminning: stadfest oppføringane til ${org.name} i Samspill`);
    const [own] = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, admin.email.toLowerCase()));
    expect(own!.subject).toBe(`Reminder: confirm the entries of ${org.name} in Samspill`);
    // Hamar is neutral: bokmål.
    const hamar = await setUpKommune("3403", "hamar-kontakt@org.test");
    await makeStale([hamar.language.id]);
    await sendStaleReminder(await createActor({ roles: [{ role: "national_admin" }] }), "3403", { organizationId: hamar.org.id }, { now });
    const [bokmal] = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, "hamar-kontakt@org.test"));
    expect(bokmal!.subject).toBe(`Påminnelse: bekreft oppføringene til ${hamar.org.name} i Samspill`);
  });

  it("is only for those who coordinate the kommune, only for its organisations, and rejects bad input", async () => {
    const kommune = "3411"; // Ringsaker, Innlandet
    const { org, admin, language } = await setUpKommune(kommune);
    await makeStale([language.id]);
    const elsewhere = await createOrganization({ municipalities: [TONSBERG], contactEmail: "tonsberg@org.test" });
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: kommune }] });
    const other = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });

    await expect(sendStaleReminder(anonymous(), kommune, { organizationId: org.id }, { now })).rejects.toBeAppError("unauthenticated");
    await expect(sendStaleReminder(other, kommune, { organizationId: org.id }, { now })).rejects.toBeAppError("forbidden");
    await expect(sendStaleReminder(admin, kommune, { organizationId: org.id }, { now })).rejects.toBeAppError("forbidden");
    await expect(sendStaleReminder(coordinator, kommune, { organizationId: elsewhere.id }, { now })).rejects.toBeAppError("not_found");
    await expect(sendStaleReminder(coordinator, kommune, { organizationId: "00000000-0000-4000-8000-000000000999" }, { now })).rejects.toBeAppError(
      "not_found",
    );
    for (const organizationId of ["<b>x</b>", "1; drop table activities", "x".repeat(10_000), 42, ["a", "b"], undefined]) {
      await expect(sendStaleReminder(coordinator, kommune, { organizationId }, { now })).rejects.toBeAppError("validation", "overview.reminder.invalid");
    }
    await expect(sendStaleReminder(coordinator, "9999", { organizationId: org.id }, { now })).rejects.toBeAppError("not_found");
    const [unchanged] = await getDb().select({ reminderSentAt: activities.reminderSentAt }).from(activities).where(eq(activities.id, language.id));
    expect(unchanged!.reminderSentAt).toBeNull();
  });
});

describe("overview export", () => {
  it("writes CSV with BOM and ';', neutralises formulas, and follows the page's authorization", async () => {
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: LILLEHAMMER }] });
    const { data } = await getOverviewTable(coordinator, LILLEHAMMER, { table: "tema", now });
    const csv = overviewCsv(data);
    expect(csv.startsWith("\uFEFFTema;Aktiviteter;")).toBe(true);
    expect(csv).toContain("Språk og norsktrening;2;");

    const formulaTitled = await getDb()
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.municipalityNumber, LILLEHAMMER), eq(activities.visibility, "public")));
    await makeStale(formulaTitled.map((a) => a.id));
    const stale = await getOverviewTable(coordinator, LILLEHAMMER, { table: "utdatert", now });
    expect(overviewCsv(stale.data)).toContain(`'=HYPERLINK`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await overviewXlsx(stale.data, "Utdaterte oppføringer")) as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe("Type");

    await expect(getOverviewTable(anonymous(), LILLEHAMMER, { table: "utdatert", now })).rejects.toBeAppError("not_found");
    const pub = await getOverviewTable(anonymous(), LILLEHAMMER, { table: "tema", now });
    expect(overviewCsv(pub.data)).toContain("Språk og norsktrening;1;");
    for (const table of [undefined, "", "users", "<script>", "x".repeat(10_000), ["tema"]]) {
      await expect(getOverviewTable(anonymous(), LILLEHAMMER, { table, now })).rejects.toBeAppError("validation", "overview.error.table");
    }
  });
});
