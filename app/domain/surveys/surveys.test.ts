import { describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { outboundEmails, surveyAnswers, surveyRecipients, surveys } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { hashToken } from "~/lib/crypto.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { answerSurvey, closeSurvey, createSurvey, listSurveys, previewRecipients, surveyByToken, surveyResults, surveysFor } from "./surveys.server.ts";

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
let counter = 0;

async function orgs(n: number, kind: "migrant_organization" | "voluntary" | "faith_community", municipality: string) {
  const made = [];
  for (let i = 0; i < n; i++)
    made.push(await createOrganization({ kind, municipalities: [municipality], contactEmail: `org${counter++}-${kind}@test.example` }));
  return made;
}

function surveyInput(overrides: Record<string, unknown> = {}) {
  return { title: "Hva trenger dere?", intro: "", closesOn: inAMonth(), kinds: ["migrant_organization"], municipalities: [], counties: [], ...overrides };
}

const good = { topics: ["grants_funding", "volunteers"], forms: ["course"], urgency: "urgent" };

describe("surveys: who may send and read", () => {
  it("IMDi surveys migrant organisations in Innlandet: each gets a mail with its own link, only the token's hash is stored", async () => {
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const ringsaker = await orgs(2, "migrant_organization", "3411");
    const tonsberg = await orgs(1, "migrant_organization", "3905");
    const voluntary = await orgs(1, "voluntary", "3411");
    const noMail = await createOrganization({ kind: "migrant_organization", municipalities: ["3411"], contactEmail: null });
    const input = surveyInput({ counties: ["34"] });
    const preview = await previewRecipients(imdi, input);
    const { id, recipients, tokens } = await createSurvey(imdi, input);
    expect(recipients).toBe(preview.count);
    const rows = await getDb().select().from(surveyRecipients).where(eq(surveyRecipients.surveyId, id));
    const chosen = rows.map((r) => r.organizationId);
    for (const o of ringsaker) expect(chosen).toContain(o.id);
    for (const o of [...tonsberg, ...voluntary, noMail]) expect(chosen).not.toContain(o.id);
    expect(rows.every((r) => r.countyNumber === "34" && r.kind === "migrant_organization")).toBe(true);
    // The link's token is in the mail; the database has only its hash.
    const mails = await getDb()
      .select()
      .from(outboundEmails)
      .where(
        inArray(
          outboundEmails.to,
          ringsaker.map((o) => o.contactEmail!),
        ),
      );
    expect(mails).toHaveLength(2);
    for (const token of tokens) {
      expect(mails.some((m) => m.text.includes(`/undersokelser/svar/${token}`))).toBe(true);
      expect(rows.some((r) => r.tokenHash === hashToken(token))).toBe(true);
      expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    }
  });

  it("a fylkeskommune surveys only organisations serving its own fylke, and sees only its own surveys; IMDi sees all", async () => {
    const innlandet = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const vestfold = await createActor({ roles: [{ role: "county_advisor", countyNumber: "39" }] });
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const inside = await orgs(1, "faith_community", "3405");
    const outside = await orgs(1, "faith_community", "3905");
    await expect(createSurvey(innlandet, surveyInput({ kinds: ["faith_community"], counties: ["39"] }))).rejects.toBeAppError("validation");
    await expect(createSurvey(innlandet, surveyInput({ kinds: ["faith_community"], municipalities: ["3905"] }))).rejects.toBeAppError("validation");
    await expect(previewRecipients(innlandet, surveyInput({ kinds: [], municipalities: ["3905", "3403"] }))).rejects.toBeAppError("validation");
    // Kinds alone: still only its own fylke's organisations.
    const { id } = await createSurvey(innlandet, surveyInput({ kinds: ["faith_community"] }));
    const chosen = (await getDb().select().from(surveyRecipients).where(eq(surveyRecipients.surveyId, id))).map((r) => r.organizationId);
    expect(chosen).toContain(inside[0]!.id);
    expect(chosen).not.toContain(outside[0]!.id);
    const [row] = await getDb().select().from(surveys).where(eq(surveys.id, id));
    expect(row).toMatchObject({ senderLevel: "county", countyNumber: "34" });

    expect((await surveysFor(innlandet)).map((s) => s.id)).toContain(id);
    expect((await surveysFor(vestfold)).map((s) => s.id)).not.toContain(id);
    expect((await surveysFor(imdi)).map((s) => s.id)).toContain(id);
    await expect(surveyResults(vestfold, id)).rejects.toBeAppError("forbidden");
    await expect(closeSurvey(vestfold, id)).rejects.toBeAppError("forbidden");
    expect((await surveyResults(imdi, id)).sent).toBe(1);

    // A fylkeskommune does not read IMDi's survey either.
    const imdiSurvey = await createSurvey(imdi, surveyInput({ kinds: ["faith_community"] }));
    expect((await surveysFor(innlandet)).map((s) => s.id)).not.toContain(imdiSurvey.id);
    await expect(surveyResults(innlandet, imdiSurvey.id)).rejects.toBeAppError("forbidden");
  });

  it("coordinators, organisation admins and visitors neither send nor read surveys", async () => {
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    await orgs(1, "voluntary", "3403");
    const { id } = await createSurvey(imdi, surveyInput({ kinds: ["voluntary"] }));
    const org = await createOrganization();
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    const admin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    for (const actor of [coordinator, admin]) {
      await expect(createSurvey(actor, surveyInput())).rejects.toBeAppError("forbidden");
      await expect(listSurveys(actor)).rejects.toBeAppError("forbidden");
      await expect(surveyResults(actor, id)).rejects.toBeAppError("forbidden");
      expect(await surveysFor(actor)).toEqual([]);
    }
    await expect(createSurvey(anonymous(), surveyInput())).rejects.toBeAppError("unauthenticated");
    await expect(surveyResults(anonymous(), id)).rejects.toBeAppError("unauthenticated");
    await expect(surveyResults(imdi, "not-a-uuid")).rejects.toBeAppError("not_found");
  });

  it("bad input to the survey form is a validation error and sends nothing", async () => {
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const before = (await getDb().select().from(surveys)).length;
    const cases = [
      {},
      surveyInput({ title: "" }),
      surveyInput({ title: "x".repeat(161) }),
      surveyInput({ closesOn: "2020-01-01" }),
      surveyInput({ closesOn: "2099-01-01" }),
      surveyInput({ closesOn: "31.12.2026" }),
      surveyInput({ closesOn: "2026-02-30" }),
      surveyInput({ kinds: [], municipalities: [], counties: [] }),
      surveyInput({ kinds: ["pirates"] }),
      surveyInput({ municipalities: ["9999"] }),
      surveyInput({ municipalities: ["abc"] }),
      surveyInput({ counties: ["99"] }),
      surveyInput({ kinds: ["employer"], municipalities: ["4602"] }),
      surveyInput({ title: ["a", "b"] }),
    ];
    for (const input of cases) await expect(createSurvey(imdi, input), JSON.stringify(input).slice(0, 90)).rejects.toBeAppError("validation");
    expect((await getDb().select().from(surveys)).length).toBe(before);
  });
});

describe("surveys: answering by link", () => {
  it("answers without an account, once per organisation, changeable until the survey closes", async () => {
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    await orgs(2, "voluntary", "3407");
    const { id, tokens } = await createSurvey(imdi, surveyInput({ kinds: ["voluntary"], municipalities: ["3407"] }));
    const [token, other] = tokens as [string, string];
    expect((await surveyByToken(token)).answer).toBeNull();
    expect(await answerSurvey(token, good)).toEqual({ updated: false });
    expect(await answerSurvey(token, { ...good, urgency: "not_urgent", topics: "other" })).toEqual({ updated: true });
    expect((await surveyByToken(token)).answer).toEqual({ topics: ["other"], forms: ["course"], urgency: "not_urgent" });
    const rows = await getDb()
      .select()
      .from(surveyAnswers)
      .innerJoin(surveyRecipients, eq(surveyRecipients.id, surveyAnswers.recipientId))
      .where(eq(surveyRecipients.surveyId, id));
    expect(rows).toHaveLength(1);

    for (const input of [
      {},
      { ...good, topics: [] },
      { ...good, forms: ["telepathy"] },
      { ...good, urgency: "yesterday" },
      { ...good, topics: ["grants_funding", "bogus"] },
    ]) {
      await expect(answerSurvey(other, input), JSON.stringify(input)).rejects.toBeAppError("validation");
    }
    for (const bad of ["", "short", "x".repeat(43).replace(/x/g, "A"), "../../etc/passwd", "a b c d e f g h i j k l m n o p", null, 42]) {
      await expect(answerSurvey(bad, good), String(bad)).rejects.toBeAppError("not_found");
      await expect(surveyByToken(bad)).rejects.toBeAppError("not_found");
    }
    // The sender sees counts, not who answered what: fewer than five answers show no figures.
    const results = await surveyResults(imdi, id);
    expect(results).toMatchObject({ sent: 2, answered: 1, overall: null, byKind: { shown: false, rows: [] } });

    await closeSurvey(imdi, id);
    expect((await surveyByToken(token)).open).toBe(false);
    await expect(answerSurvey(other, good)).rejects.toBeAppError("conflict");
    await expect(answerSurvey(token, good)).rejects.toBeAppError("conflict");
  });

  it("results by kind and fylke: groups under five are merged, never shown apart", async () => {
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    await orgs(6, "migrant_organization", "3420");
    await orgs(5, "voluntary", "3420");
    await orgs(2, "faith_community", "3420");
    await orgs(1, "voluntary", "3907");
    const { id, tokens } = await createSurvey(
      imdi,
      surveyInput({ kinds: ["migrant_organization", "voluntary", "faith_community"], municipalities: ["3420", "3907"] }),
    );
    for (const token of tokens) await answerSurvey(token, good);
    const r = await surveyResults(imdi, id);
    expect(r.answered).toBe(14);
    expect(r.overall?.topics.grants_funding).toBe(14);
    // Faith (2) alone in "other" would be 14 − 6 − 6 = 2 by subtraction: voluntary (6) joins it.
    expect(r.byKind.rows.map((row) => [row.key, row.answers])).toEqual([
      ["migrant_organization", 6],
      [null, 8],
    ]);
    // Vestfold has one answer: it and Innlandet are one merged row, so neither can be subtracted out.
    expect(r.byCounty.rows.map((row) => [row.key, row.answers])).toEqual([[null, 14]]);
  });
});
