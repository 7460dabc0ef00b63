import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, knowledgeArticles } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { appErrorOf } from "../../../tests/app-error.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import {
  createArticle,
  createQuestionAnswer,
  deleteArticle,
  getArticleBySlug,
  getArticleForEdit,
  listOwnArticles,
  listProposals,
  proposalTargets,
  proposeArticle,
  publishArticle,
  rejectProposal,
  relatedArticles,
  returnProposal,
  searchArticles,
  suggestedArticles,
  unpublishArticle,
  updateArticle,
  voteOnArticle,
} from "./knowledge.server.ts";

const HAMAR = "3403";
const TONSBERG = "3905";
const INNLANDET = "34";
const VESTFOLD = "39";

const imdi = () => createActor({ roles: [{ role: "national_admin" }] });
const advisor = (county: string) => createActor({ roles: [{ role: "county_advisor", countyNumber: county }] });
const coordinator = (municipality: string) => createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: municipality }] });

function article(title: string, extra: Record<string, unknown> = {}) {
  return {
    kind: "guide",
    themes: ["grants_funding"],
    audience: [],
    versions: { nb: { title, summary: `Om ${title}`, body: `Teksten om ${title}.` } },
    ...extra,
  };
}

describe("suggestedArticles", () => {
  it("offers published articles on the topic, those for the organisation's kind first, in the asker's language when written", async () => {
    const admin = await imdi();
    const general = await createArticle(admin, { level: "national" }, article("Tilskudd for alle"), { publish: true });
    const targeted = await createArticle(
      admin,
      { level: "national" },
      article("Søke tilskudd som migrantorganisasjon", {
        audience: ["migrant_organization"],
        versions: {
          nb: { title: "Søke tilskudd som migrantorganisasjon", summary: "Bokmål", body: "x" },
          nn: { title: "Søkje tilskot som migrantorganisasjon", summary: "Nynorsk", body: "x" },
        },
      }),
      { publish: true },
    );
    await createArticle(admin, { level: "national" }, article("Bare for idrettslag", { audience: ["sports_club"] }), { publish: true });
    await createArticle(admin, { level: "national" }, article("Et utkast om tilskudd"));
    await createArticle(admin, { level: "national" }, article("Frivillige", { themes: ["volunteers"] }), { publish: true });

    const nn = await suggestedArticles({ organizationKind: "migrant_organization", topic: "grants_funding", locale: "nn", limit: 5 });
    expect(nn.map((a) => a.id)).toEqual([targeted.id, general.id]);
    expect(nn[0]).toMatchObject({ title: "Søkje tilskot som migrantorganisasjon", locale: "nn" });
    expect(nn[1]).toMatchObject({ title: "Tilskudd for alle", locale: "nb" });

    const other = await suggestedArticles({ organizationKind: "voluntary", topic: "grants_funding", locale: "nb" });
    expect(other.map((a) => a.id)).toEqual([general.id]);
    const one = await suggestedArticles({ organizationKind: "migrant_organization", topic: "grants_funding", locale: "en", limit: 1 });
    expect(one.map((a) => a.id)).toEqual([targeted.id]);
  });
});

describe("createQuestionAnswer", () => {
  it("publishes an anonymised question and answer owned by the body that answered, keeping the request id out of public reads", async () => {
    const vestfold = await advisor(VESTFOLD);
    const requestId = "6f1c1a52-5d0e-4c43-9a43-4c3a1f1f0001";
    const qa = await createQuestionAnswer(vestfold, {
      owner: { level: "county", countyNumber: VESTFOLD },
      topic: "grants_funding",
      question: "Kan en liten forening søke driftstilskudd fra fylkeskommunen?",
      answer: "Ja, se ordningen for frivillige lag.",
      locale: "nb",
      sourceGuidanceRequestId: requestId,
    });
    const shown = await getArticleBySlug(anonymous(), qa.slug, "nb");
    expect(shown).toMatchObject({ kind: "qa", status: "published", owner: { level: "county", countyNumber: VESTFOLD } });
    expect(JSON.stringify(shown)).not.toContain(requestId);
    const [row] = await getDb().select().from(knowledgeArticles).where(eq(knowledgeArticles.id, qa.id));
    expect(row!.sourceGuidanceRequestId).toBe(requestId);
  });

  it("refuses someone who does not act for the body, and bad input", async () => {
    const owner = { level: "county" as const, countyNumber: VESTFOLD };
    const input = { owner, topic: "grants_funding" as const, question: "Spørsmål?", answer: "Svar.", locale: "nb" };
    await expect(createQuestionAnswer(await advisor(INNLANDET), input)).rejects.toBeAppError("forbidden");
    await expect(createQuestionAnswer(await coordinator(TONSBERG), input)).rejects.toBeAppError("forbidden");
    await expect(createQuestionAnswer(await imdi(), input)).rejects.toBeAppError("forbidden");
    await expect(createQuestionAnswer(anonymous(), input)).rejects.toBeAppError("unauthenticated");
    const vestfold = await advisor(VESTFOLD);
    await expect(createQuestionAnswer(vestfold, { ...input, answer: "  " })).rejects.toBeAppError("validation");
    await expect(createQuestionAnswer(vestfold, { ...input, topic: "nope" as never })).rejects.toBeAppError("validation");
    // A kommune answers too: its coordinators make its Q&A.
    const tonsberg = await coordinator(TONSBERG);
    await createQuestionAnswer(tonsberg, { ...input, owner: { level: "municipality", municipalityNumber: TONSBERG } });
  });
});

describe("writing and reading", () => {
  it("IMDi and county advisors write for their own body; drafts are seen only by that body's people", async () => {
    const admin = await imdi();
    const innlandet = await advisor(INNLANDET);
    const vestfold = await advisor(VESTFOLD);
    const hamar = await coordinator(HAMAR);

    await expect(createArticle(innlandet, { level: "county", countyNumber: VESTFOLD }, article("X"))).rejects.toBeAppError("forbidden");
    await expect(createArticle(innlandet, { level: "national" }, article("X"))).rejects.toBeAppError("forbidden");
    await expect(createArticle(hamar, { level: "municipality", municipalityNumber: HAMAR }, article("X"))).rejects.toBeAppError("forbidden");
    await expect(createArticle(admin, { level: "county", countyNumber: VESTFOLD }, article("X"))).rejects.toBeAppError("forbidden");
    await expect(createArticle(anonymous(), { level: "national" }, article("X"))).rejects.toBeAppError("unauthenticated");

    const draft = await createArticle(vestfold, { level: "county", countyNumber: VESTFOLD }, article("Vestfolds utkast"));
    expect((await getArticleBySlug(vestfold, draft.slug, "nb")).status).toBe("draft");
    for (const other of [innlandet, admin, hamar, anonymous()]) {
      await expect(getArticleBySlug(other, draft.slug, "nb")).rejects.toBeAppError("not_found");
    }
    await expect(getArticleForEdit(innlandet, draft.id)).rejects.toBeAppError("not_found");
    await expect(updateArticle(innlandet, draft.id, article("Kapret"))).rejects.toBeAppError("not_found");
    await expect(publishArticle(innlandet, draft.id)).rejects.toBeAppError("not_found");
    await expect(deleteArticle(admin, draft.id)).rejects.toBeAppError("not_found");
    expect((await searchArticles({ q: "utkast" }, "nb")).total).toBe(0);

    await publishArticle(vestfold, draft.id);
    expect((await getArticleBySlug(anonymous(), draft.slug, "nb")).status).toBe("published");
    await expect(updateArticle(innlandet, draft.id, article("Kapret"))).rejects.toBeAppError("forbidden");
    await expect(unpublishArticle(admin, draft.id)).rejects.toBeAppError("forbidden");
    await updateArticle(vestfold, draft.id, article("Vestfolds veileder"));
    expect((await getArticleBySlug(anonymous(), draft.slug, "nb")).version?.title).toBe("Vestfolds veileder");
    await unpublishArticle(vestfold, draft.id);
    await expect(getArticleBySlug(anonymous(), draft.slug, "nb")).rejects.toBeAppError("not_found");
    await deleteArticle(vestfold, draft.id);
    await expect(getArticleForEdit(vestfold, draft.id)).rejects.toBeAppError("not_found");

    const actions = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, draft.id));
    expect(actions.map((a) => a.action).sort()).toEqual([
      "knowledge.article_created",
      "knowledge.article_deleted",
      "knowledge.article_published",
      "knowledge.article_unpublished",
      "knowledge.article_updated",
    ]);
  });

  it("flags a published article past its review-by date to its owner", async () => {
    const admin = await imdi();
    const stale = await createArticle(admin, { level: "national" }, article("Gammel", { reviewBy: "2020-01-01" }), { publish: true });
    const fresh = await createArticle(admin, { level: "national" }, article("Ny", { reviewBy: "2999-01-01" }), { publish: true });
    const own = await listOwnArticles(admin, "nb");
    expect(own[0]).toMatchObject({ id: stale.id, stale: true });
    expect(own.find((a) => a.id === fresh.id)?.stale).toBe(false);
    expect((await getArticleForEdit(admin, stale.id)).stale).toBe(true);
    expect(await listOwnArticles(await advisor(INNLANDET), "nb")).toEqual([]);
  });

  it("refuses bad input with field messages and writes nothing", async () => {
    const admin = await imdi();
    const cases: [unknown, string][] = [
      [article("T", { kind: "poem" }), "kind"],
      [article("T", { themes: [] }), "themes"],
      [article("T", { themes: ["nope"] }), "themes.0"],
      [article("T", { audience: ["aliens"] }), "audience.0"],
      [article("T", { linkUrl: "javascript:alert(1)" }), "linkUrl"],
      [article("T", { linkUrl: "data:text/html,x" }), "linkUrl"],
      [article("T", { kind: "report_link" }), "linkUrl"],
      [article("T", { reviewBy: "2024-02-30" }), "reviewBy"],
      [article("T", { reviewBy: "i morgen" }), "reviewBy"],
      [article("T", { versions: {} }), "versions.nb.title"],
      [article("T", { versions: { nb: { title: "", summary: "", body: "Bare tekst" } } }), "versions.nb.title"],
      [article("T", { versions: { xx: { title: "Hei" } } }), "versions"],
      [article("x".repeat(201)), "versions.nb.title"],
      [{ ...article("T"), versions: undefined, "versions.nn.title": "", "versions.nn.body": "tekst" }, "versions.nn.title"],
      [null, "_form"],
    ];
    const before = (await getDb().select().from(knowledgeArticles)).length;
    for (const [input, field] of cases) {
      const error = await appErrorOf(createArticle(admin, { level: "national" }, input), "validation");
      expect(Object.keys(error.fieldErrors), JSON.stringify(input)?.slice(0, 200)).toContain(field);
    }
    expect((await getDb().select().from(knowledgeArticles)).length).toBe(before);
    // Flat form fields are read as versions.
    const ok = await createArticle(
      admin,
      { level: "national" },
      { kind: "article", themes: "other", "versions.nn.title": "Nynorsk tittel", "versions.nn.body": "Tekst" },
    );
    expect((await getArticleForEdit(admin, ok.id)).versions.map((v) => v.locale)).toEqual(["nn"]);
  });
});

describe("proposals", () => {
  it("a kommune coordinator or an organisation admin proposes to IMDi or their fylkeskommune, which publishes, returns or rejects", async () => {
    const hamar = await coordinator(HAMAR);
    const org = await createOrganization({ kind: "migrant_organization", municipalities: [TONSBERG] });
    const orgAdmin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    const innlandet = await advisor(INNLANDET);
    const vestfold = await advisor(VESTFOLD);
    const admin = await imdi();

    expect(await proposalTargets(hamar)).toEqual(["national", `county:${INNLANDET}`]);
    expect(await proposalTargets(orgAdmin)).toEqual(["national", `county:${VESTFOLD}`]);
    expect(await proposalTargets(member)).toEqual([]);
    await expect(proposeArticle(member, { reviewer: "national" }, article("Forslag"))).rejects.toBeAppError("forbidden");
    await expect(proposeArticle(innlandet, { reviewer: "national" }, article("Forslag"))).rejects.toBeAppError("forbidden");
    await expect(proposeArticle(anonymous(), { reviewer: "national" }, article("Forslag"))).rejects.toBeAppError("unauthenticated");
    await expect(proposeArticle(hamar, { reviewer: `county:${VESTFOLD}` }, article("Forslag"))).rejects.toBeAppError("validation");
    await expect(proposeArticle(hamar, { reviewer: "municipality:3403" }, article("Forslag"))).rejects.toBeAppError("validation");

    const toInnlandet = await proposeArticle(hamar, { reviewer: `county:${INNLANDET}` }, article("Hamars forslag"));
    const toImdi = await proposeArticle(orgAdmin, { reviewer: "national" }, article("Organisasjonens forslag"));

    // Proposals are not public, and only the reviewing body and the proposer see them.
    await expect(getArticleBySlug(anonymous(), toInnlandet.slug, "nb")).rejects.toBeAppError("not_found");
    await expect(getArticleBySlug(vestfold, toInnlandet.slug, "nb")).rejects.toBeAppError("not_found");
    await expect(getArticleBySlug(admin, toInnlandet.slug, "nb")).rejects.toBeAppError("not_found");
    expect((await getArticleBySlug(hamar, toInnlandet.slug, "nb")).status).toBe("proposed");
    expect((await listProposals(innlandet, "nb")).toReview.map((a) => a.id)).toEqual([toInnlandet.id]);
    expect((await listProposals(vestfold, "nb")).toReview).toEqual([]);
    expect((await listProposals(admin, "nb")).toReview.map((a) => a.id)).toEqual([toImdi.id]);
    expect((await listProposals(hamar, "nb")).mine.map((a) => a.id)).toEqual([toInnlandet.id]);

    // The proposer cannot publish their own proposal; another fylkeskommune cannot review it.
    await expect(publishArticle(hamar, toInnlandet.id)).rejects.toBeAppError("forbidden");
    await expect(publishArticle(vestfold, toInnlandet.id)).rejects.toBeAppError("not_found");
    await expect(returnProposal(innlandet, toInnlandet.id, { comment: "" })).rejects.toBeAppError("validation");

    await returnProposal(innlandet, toInnlandet.id, { comment: "Legg til en lenke til søknadsskjemaet." });
    expect((await getArticleForEdit(hamar, toInnlandet.id)).reviewComment).toBe("Legg til en lenke til søknadsskjemaet.");
    await updateArticle(hamar, toInnlandet.id, article("Hamars forslag, med lenke"));
    expect((await getArticleForEdit(hamar, toInnlandet.id)).status).toBe("proposed");
    await publishArticle(innlandet, toInnlandet.id);
    expect((await getArticleBySlug(anonymous(), toInnlandet.slug, "nb")).owner).toEqual({ level: "county", countyNumber: INNLANDET });
    // Once published it is the fylkeskommune's.
    await expect(updateArticle(hamar, toInnlandet.id, article("Endret"))).rejects.toBeAppError("forbidden");
    await expect(deleteArticle(hamar, toInnlandet.id)).rejects.toBeAppError("forbidden");

    await rejectProposal(admin, toImdi.id, { comment: "" });
    await expect(updateArticle(orgAdmin, toImdi.id, article("Igjen"))).rejects.toBeAppError("conflict");
    await expect(publishArticle(admin, toImdi.id)).rejects.toBeAppError("conflict");
    await deleteArticle(orgAdmin, toImdi.id);
  });
});

describe("search", () => {
  it("finds articles by Norwegian stems, without accents, through typos, in every language version; filters by theme and audience", async () => {
    const admin = await imdi();
    const grants = await createArticle(
      admin,
      { level: "national" },
      article("Slik søker dere tilskudd", {
        audience: ["migrant_organization"],
        versions: {
          nb: { title: "Slik søker dere tilskudd", summary: "Søknader til kommunen og fylkeskommunen", body: "Frivillighetsregisteret og årsregnskap." },
          nn: { title: "Slik søkjer de tilskot", summary: "Søknader", body: "Årsrekneskap." },
          en: { title: "Applying for grants", summary: "Applications", body: "Annual accounts." },
        },
      }),
      { publish: true },
    );
    const police = await createArticle(admin, { level: "national" }, article("Politiattest for frivillige", { themes: ["privacy_police_certificates"] }), {
      publish: true,
    });
    const draft = await createArticle(admin, { level: "national" }, article("Hemmelig kladd om søknader"));

    // Other tests in this file leave published articles behind: look only at this test's.
    const own = new Set([grants.id, police.id, draft.id]);
    const ids = async (q: Record<string, unknown>) => (await searchArticles(q, "nb")).items.map((i) => i.id).filter((id) => own.has(id));
    expect(await ids({ q: "søknad" })).toEqual([grants.id]); // stem: søknader
    expect(await ids({ q: "soknad" })).toEqual([grants.id]); // no accent
    expect(await ids({ q: "tilskot" })).toEqual([grants.id]); // nynorsk version
    expect(await ids({ q: "grants" })).toEqual([grants.id]); // English version
    expect(await ids({ q: "applying" })).toEqual([grants.id]);
    expect(await ids({ q: "arsregnskap" })).toEqual([grants.id]);
    const typo = await searchArticles({ q: "politatest" }, "nb");
    expect(typo.items.map((i) => i.id)).toEqual([police.id]);
    expect(typo.correctedQuery).toBe("politiattest");
    // A word only in a draft is neither found nor suggested.
    expect((await searchArticles({ q: "hemmelig" }, "nb")).total).toBe(0);
    expect((await searchArticles({ q: "hemelig" }, "nb")).correctedQuery).toBeNull();

    expect(await ids({ theme: "privacy_police_certificates" })).toEqual([police.id]);
    expect(new Set(await ids({ audience: "migrant_organization" }))).toEqual(new Set([grants.id, police.id]));
    expect(await ids({ audience: "sports_club" })).toEqual([police.id]);
    expect(await ids({ q: "tilskudd", theme: "volunteers" })).toEqual([]);
    // Hostile or odd input is ignored, not an error.
    expect((await searchArticles({ q: "a & b | !c:* <-> 'd'", theme: "x", audience: ["a"], kind: {} }, "nb")).total).toBeGreaterThanOrEqual(0);
    expect((await searchArticles({ q: "x".repeat(5000) }, "nb")).query.q).toBe("");

    const another = await createArticle(admin, { level: "national" }, article("Mer om tilskudd", { audience: ["migrant_organization"] }), { publish: true });
    const related = (await relatedArticles(grants.id, "nb", 20)).map((a) => a.id);
    expect(related[0]).toBe(another.id); // same theme and audience first
    expect(related).not.toContain(grants.id);
    expect(related).not.toContain(police.id); // another theme
  });
});

describe("was this helpful?", () => {
  it("counts one vote per browser or user, only on published articles", async () => {
    const admin = await imdi();
    const a = await createArticle(admin, { level: "national" }, article("Nyttig"), { publish: true });
    const browser = "b".repeat(64);
    await voteOnArticle(anonymous(), a.slug, browser, { helpful: "yes" });
    await voteOnArticle(anonymous(), a.slug, browser, { helpful: "no" });
    expect(await voteOnArticle(anonymous(), a.slug, "c".repeat(64), { helpful: "yes" })).toEqual({ yes: 1, no: 1 });
    expect(await voteOnArticle(admin, a.slug, browser, { helpful: "yes" })).toEqual({ yes: 2, no: 1 });
    await expect(voteOnArticle(anonymous(), a.slug, browser, { helpful: "maybe" })).rejects.toBeAppError("validation");
    await expect(voteOnArticle(anonymous(), "finnes-ikke", browser, { helpful: "yes" })).rejects.toBeAppError("not_found");
    const draft = await createArticle(admin, { level: "national" }, article("Kladd"));
    await expect(voteOnArticle(anonymous(), draft.slug, browser, { helpful: "yes" })).rejects.toBeAppError("not_found");
  });
});
