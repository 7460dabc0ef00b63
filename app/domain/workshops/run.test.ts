import { describe, expect, it } from "vitest";
import { count, countDistinct, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { workshopMunicipalities, workshopObstacles, workshopObstacleVotes, workshopParticipants, workshops } from "~/db/schema/index.ts";
import { anonymous, type Actor } from "~/domain/auth/actor.ts";
import { appErrorOf } from "../../../tests/app-error.ts";
import { createActor } from "../../../tests/factories.ts";
import type { CurrentParticipant } from "./access.server.ts";
import { joinWithCode } from "./join.server.ts";
import { liveState } from "./live.server.ts";
import { addObstacle, deleteObstacle, editObstacle, listObstacles, mergeObstacles } from "./obstacles.server.ts";
import { resolveRunAccess, type RunAccess } from "./run.server.ts";
import { addSolution, listPrioritised, setPrioritisedCount } from "./solutions.server.ts";
import { castObstacleVote, castSolutionVote, votesLeft, withdrawObstacleVote } from "./votes.server.ts";
import type { WorkshopStatus } from "./workshops.constants.ts";

const HAMAR = "3403";
const TONSBERG = "3905";

let codeSeq = 0;
async function createWorkshop(options: { status?: WorkshopStatus; votes?: number; solutionVotes?: number; municipality?: string } = {}) {
  const joinCode = `T${"ABCDEFGHJK"[Math.floor(++codeSeq / 100) % 10]}${"ABCDEFGHJK"[Math.floor(codeSeq / 10) % 10]}${"ABCDEFGHJK"[codeSeq % 10]}QW`;
  const [w] = await getDb()
    .insert(workshops)
    .values({
      title: "Verksted",
      organiserLevel: "municipality",
      organiserMunicipalityNumber: options.municipality ?? HAMAR,
      status: options.status ?? "running",
      obstacleVotesPerParticipant: options.votes ?? 5,
      solutionVotesPerParticipant: options.solutionVotes ?? 3,
      joinCode,
    })
    .returning({ id: workshops.id, joinCode: workshops.joinCode });
  await getDb()
    .insert(workshopMunicipalities)
    .values({ workshopId: w!.id, municipalityNumber: options.municipality ?? HAMAR });
  return w!;
}

async function addParticipant(workshopId: string, overrides: Partial<typeof workshopParticipants.$inferInsert> = {}): Promise<CurrentParticipant> {
  const [p] = await getDb()
    .insert(workshopParticipants)
    .values({ workshopId, name: "Deltaker", sector: "voluntary", status: "joined", ...overrides })
    .returning({
      id: workshopParticipants.id,
      name: workshopParticipants.name,
      sector: workshopParticipants.sector,
      organizationId: workshopParticipants.organizationId,
    });
  return p!;
}

function asParticipant(workshopId: string, participant: CurrentParticipant | null, actor: Actor = anonymous()): Promise<RunAccess> {
  return resolveRunAccess(actor, workshopId, async (id) => (id === workshopId ? participant : null));
}

function asActor(workshopId: string, actor: Actor): Promise<RunAccess> {
  return resolveRunAccess(actor, workshopId, async () => null);
}

describe("running a workshop: obstacles and votes", () => {
  it("lets participants add obstacles by theme and vote within their limit; takes votes back; counts votes exactly", async () => {
    const w = await createWorkshop({ votes: 2 });
    const p = await addParticipant(w.id, { sector: "employer" });
    const access = await asParticipant(w.id, p);
    const a = await addObstacle(access, { theme: "division_of_responsibility", text: "  Uklart hvem som følger opp praksisplassene  " });
    const b = await addObstacle(access, { theme: "employer_incentives_follow_up", text: "Ingen fast kontakt i NAV for arbeidsgivere" });
    const c = await addObstacle(access, { theme: "other", text: "Møtene legges midt i arbeidstida" });
    await castObstacleVote(access, { obstacleId: b.id });
    await castObstacleVote(access, { obstacleId: b.id }); // a second click changes nothing
    await castObstacleVote(access, { obstacleId: a.id });
    expect(await votesLeft(access)).toEqual({ obstacles: 0, solutions: 3 });
    await appErrorOf(castObstacleVote(access, { obstacleId: c.id }), "conflict", "workshopRun.error.noVotesLeft");
    await withdrawObstacleVote(access, { obstacleId: a.id });
    await castObstacleVote(access, { obstacleId: c.id });
    const list = await listObstacles(access);
    const rows = list.map((o) => [o.text, o.votes, o.mine, o.authorSector]);
    // Most votes first. The two with one vote each are in the order they were added, unless that was within
    // the same millisecond (PGlite's clock has no finer steps), as it can be on a fast machine.
    expect(rows.slice(0, 2)).toEqual(
      expect.arrayContaining([
        ["Ingen fast kontakt i NAV for arbeidsgivere", 1, true, "employer"],
        ["Møtene legges midt i arbeidstida", 1, true, "employer"],
      ]),
    );
    expect(rows[2]).toEqual(["Uklart hvem som følger opp praksisplassene", 0, false, "employer"]);
    const live = await liveState(access);
    expect(live.items.map((i) => i.votes)).toEqual([1, 1, 0]);
    await withdrawObstacleVote(access, { obstacleId: c.id });
    expect((await liveState(access)).version).not.toBe(live.version);
  });

  it("refuses bad input for every form and writes nothing", async () => {
    const w = await createWorkshop();
    const other = await createWorkshop();
    const p = await addParticipant(w.id);
    const access = await asParticipant(w.id, p);
    const manager = await asActor(w.id, await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] }));
    const foreign = await addObstacle(await asParticipant(other.id, await addParticipant(other.id)), { theme: "other", text: "Et annet verksted" });
    for (const input of [
      {},
      { theme: "other", text: "" },
      { theme: "other", text: "ab" },
      { theme: "other", text: "x".repeat(501) },
      { theme: "weather", text: "Gyldig tekst" },
      { theme: ["other", "other"], text: "Gyldig tekst" },
      { text: "Gyldig tekst" },
    ]) {
      await appErrorOf(addObstacle(access, input), "validation");
    }
    await appErrorOf(castObstacleVote(access, { obstacleId: "not-an-id" }), "validation");
    await appErrorOf(castObstacleVote(access, { obstacleId: foreign.id }), "not_found");
    await appErrorOf(castObstacleVote(access, { obstacleId: crypto.randomUUID() }), "not_found");
    await appErrorOf(editObstacle(manager, { obstacleId: foreign.id, theme: "other", text: "Kapret" }), "not_found");
    await appErrorOf(deleteObstacle(manager, { obstacleId: foreign.id, confirm: "on" }), "not_found");
    await appErrorOf(deleteObstacle(manager, { obstacleId: foreign.id }), "validation");
    const mine = await addObstacle(access, { theme: "other", text: "Vår egen" });
    await appErrorOf(mergeObstacles(manager, { obstacleId: mine.id, targetId: foreign.id }), "not_found");
    await appErrorOf(mergeObstacles(manager, { obstacleId: mine.id, targetId: mine.id }), "validation");
    await appErrorOf(editObstacle(manager, { obstacleId: mine.id, theme: "weather", text: "Ny tekst" }), "validation");
    await appErrorOf(addSolution(access, { obstacleId: foreign.id, text: "Løsning" }), "not_found");
    await appErrorOf(addSolution(access, { obstacleId: mine.id, text: "" }), "validation");
    await appErrorOf(addSolution(access, { obstacleId: mine.id, text: "x".repeat(501) }), "validation");
    for (const count of ["0", "21", "tre", "2.5", ""]) await appErrorOf(setPrioritisedCount(manager, { count }), "validation");
    expect(await getDb().select().from(workshopObstacles).where(eq(workshopObstacles.workshopId, w.id))).toHaveLength(1);
    expect((await getDb().select().from(workshopObstacles).where(eq(workshopObstacles.id, foreign.id)))[0]?.text).toBe("Et annet verksted");
  });

  it("a closed workshop is read-only and a planned one has not started", async () => {
    for (const status of ["closed", "planning"] as const) {
      const w = await createWorkshop();
      const p = await addParticipant(w.id);
      const open = await asParticipant(w.id, p);
      const o = await addObstacle(open, { theme: "other", text: "Før stenging" });
      await getDb().update(workshops).set({ status }).where(eq(workshops.id, w.id));
      const access = await asParticipant(w.id, p);
      const manager = await asActor(w.id, await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] }));
      const code = "conflict";
      await appErrorOf(addObstacle(access, { theme: "other", text: "Etter stenging" }), code);
      await appErrorOf(castObstacleVote(access, { obstacleId: o.id }), code);
      await appErrorOf(withdrawObstacleVote(access, { obstacleId: o.id }), code);
      await appErrorOf(editObstacle(manager, { obstacleId: o.id, theme: "other", text: "Endret" }), code);
      await appErrorOf(deleteObstacle(manager, { obstacleId: o.id, confirm: "on" }), code);
      await appErrorOf(addSolution(access, { obstacleId: o.id, text: "Løsning" }), code);
      expect(await listObstacles(access)).toHaveLength(1);
    }
  });

  it("shows the workshop only to its participants and managers: not another kommune, not a member who is not taking part, not a visitor", async () => {
    const w = await createWorkshop();
    const p = await addParticipant(w.id);
    await addObstacle(await asParticipant(w.id, p), { theme: "other", text: "Synlig for deltakerne" });
    const hamarCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    const innlandetAdvisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    expect(await listObstacles(await asActor(w.id, hamarCoordinator))).toHaveLength(1);
    expect(await listObstacles(await asActor(w.id, innlandetAdvisor))).toHaveLength(1);
    for (const outsider of [
      await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] }),
      await createActor({ roles: [{ role: "county_advisor", countyNumber: "39" }] }),
      await createActor({ roles: [{ role: "national_admin" }] }),
      await createActor(),
    ]) {
      await appErrorOf(asActor(w.id, outsider), "forbidden");
    }
    await appErrorOf(asActor(w.id, anonymous()), "unauthenticated");
    // A participant of another workshop (its cookie) reaches nothing here.
    const other = await createWorkshop();
    const stranger = await addParticipant(other.id);
    await appErrorOf(asParticipant(w.id, null), "unauthenticated");
    await appErrorOf(
      resolveRunAccess(anonymous(), w.id, async (id) => (id === other.id ? stranger : null)),
      "unauthenticated",
    );
    await appErrorOf(asActor("not-a-uuid", hamarCoordinator), "not_found");
    // Managing is for managers; a manager who is not a participant cannot vote.
    const participantAccess = await asParticipant(w.id, p);
    const [o] = await listObstacles(participantAccess);
    await appErrorOf(editObstacle(participantAccess, { obstacleId: o!.id, theme: "other", text: "Endret" }), "forbidden");
    await appErrorOf(deleteObstacle(participantAccess, { obstacleId: o!.id, confirm: "on" }), "forbidden");
    await appErrorOf(setPrioritisedCount(participantAccess, { count: "3" }), "forbidden");
    await appErrorOf(castObstacleVote(await asActor(w.id, hamarCoordinator), { obstacleId: o!.id }), "forbidden");
    // A participant who cancelled is not taking part, whatever the caller claims: the database refuses the vote.
    const cancelled = await addParticipant(w.id, { status: "cancelled" });
    await appErrorOf(castObstacleVote(await asParticipant(w.id, cancelled), { obstacleId: o!.id }), "forbidden");
  });

  it("merges a duplicate: its votes move to the target, one per participant, and it leaves the lists", async () => {
    const w = await createWorkshop({ votes: 3 });
    const [p1, p2] = [await addParticipant(w.id), await addParticipant(w.id)];
    const a1 = await asParticipant(w.id, p1);
    const a2 = await asParticipant(w.id, p2);
    const target = await addObstacle(a1, { theme: "arenas_for_cooperation", text: "Ingen felles møteplass" });
    const duplicate = await addObstacle(a2, { theme: "arenas_for_cooperation", text: "Vi møtes aldri på tvers" });
    await castObstacleVote(a1, { obstacleId: target.id });
    await castObstacleVote(a1, { obstacleId: duplicate.id });
    await castObstacleVote(a2, { obstacleId: duplicate.id });
    const manager = await asActor(w.id, await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] }));
    await mergeObstacles(manager, { obstacleId: duplicate.id, targetId: target.id });
    const list = await listObstacles(a1);
    expect(list.map((o) => [o.id, o.votes])).toEqual([[target.id, 2]]);
    expect(await votesLeft(a1)).toMatchObject({ obstacles: 2 });
    await appErrorOf(castObstacleVote(a2, { obstacleId: duplicate.id }), "not_found");
    await editObstacle(manager, { obstacleId: target.id, theme: "division_of_responsibility", text: "Ingen felles møteplass på tvers" });
    await deleteObstacle(manager, { obstacleId: target.id, confirm: "on" });
    expect(await listObstacles(a1)).toEqual([
      expect.objectContaining({ id: duplicate.id, votes: 0 }), // the duplicate comes back when its target goes
    ]);
  });

  it("solutions: only for the prioritised obstacles, voted within the solution limit", async () => {
    const w = await createWorkshop({ solutionVotes: 1 });
    const p = await addParticipant(w.id);
    const access = await asParticipant(w.id, p);
    const manager = await asActor(w.id, await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] }));
    const top = await addObstacle(access, { theme: "competence_mapping", text: "Kompetansen kartlegges ikke" });
    const low = await addObstacle(access, { theme: "other", text: "Lite viktig" });
    await castObstacleVote(access, { obstacleId: top.id });
    await setPrioritisedCount(manager, { count: "1" });
    await appErrorOf(addSolution(access, { obstacleId: low.id, text: "Løsning for lav" }), "not_found");
    const s1 = await addSolution(access, { obstacleId: top.id, text: "Felles kartleggingsskjema" });
    const s2 = await addSolution(manager, { obstacleId: top.id, text: "Frivillige får se kompetansen" });
    await castSolutionVote(access, { solutionId: s2.id });
    await appErrorOf(castSolutionVote(access, { solutionId: s1.id }), "conflict", "workshopRun.error.noVotesLeft");
    const result = await listPrioritised(access);
    expect(result.top).toBe(1);
    expect(result.obstacles.map((o) => [o.id, o.solutions.map((s) => [s.text, s.votes, s.mine])])).toEqual([
      [
        top.id,
        [
          ["Frivillige får se kompetansen", 1, true],
          ["Felles kartleggingsskjema", 0, false],
        ],
      ],
    ]);
  });

  it("the database itself refuses a vote over the limit, on another workshop's obstacle, or mixing workshops", async () => {
    const w = await createWorkshop({ votes: 1 });
    const other = await createWorkshop();
    const p = await addParticipant(w.id);
    const access = await asParticipant(w.id, p);
    const o1 = await addObstacle(access, { theme: "other", text: "Første" });
    const o2 = await addObstacle(access, { theme: "other", text: "Andre" });
    const foreign = await addObstacle(await asParticipant(other.id, await addParticipant(other.id)), { theme: "other", text: "Fremmed" });
    const db = getDb();
    await db.insert(workshopObstacleVotes).values({ workshopId: w.id, obstacleId: o1.id, participantId: p.id });
    await expect(db.insert(workshopObstacleVotes).values({ workshopId: w.id, obstacleId: o2.id, participantId: p.id })).rejects.toThrow();
    await expect(db.insert(workshopObstacleVotes).values({ workshopId: other.id, obstacleId: foreign.id, participantId: p.id })).rejects.toThrow();
    await expect(db.insert(workshopObstacleVotes).values({ workshopId: w.id, obstacleId: foreign.id, participantId: p.id })).rejects.toThrow();
    expect(await db.select().from(workshopObstacleVotes).where(eq(workshopObstacleVotes.participantId, p.id))).toHaveLength(1);
  });
});

describe("joining with the code", () => {
  it("creates a participant (joined) in that workshop only, with a device cookie; anonymous when no name", async () => {
    const w = await createWorkshop();
    await createWorkshop();
    const joined = await joinWithCode({ code: ` ${w.joinCode.toLowerCase()} `, name: "", sector: "employer" }, "10.0.0.1");
    expect(joined.workshopId).toBe(w.id);
    expect(joined.setCookie).toMatch(new RegExp(`Path=/verksteder/${w.id}`));
    const [row] = await getDb().select().from(workshopParticipants).where(eq(workshopParticipants.id, joined.participantId));
    expect(row).toMatchObject({ workshopId: w.id, status: "joined", sector: "employer", showName: false });
    expect(row!.deviceTokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses bad input, closed and planned workshops, and slows down code guessing", async () => {
    const closed = await createWorkshop({ status: "closed" });
    const planned = await createWorkshop({ status: "planning" });
    await appErrorOf(joinWithCode({ code: closed.joinCode, sector: "voluntary" }, "10.0.0.2"), "conflict", "workshopRun.error.joinClosed");
    await appErrorOf(joinWithCode({ code: planned.joinCode, sector: "voluntary" }, "10.0.0.2"), "conflict", "workshopRun.error.joinNotStarted");
    const w = await createWorkshop();
    for (const input of [
      {},
      { code: "", sector: "voluntary" },
      { code: w.joinCode, sector: "pirate" },
      { code: w.joinCode, sector: "voluntary", name: "x".repeat(81) },
    ]) {
      await appErrorOf(joinWithCode(input, "10.0.0.3"), "validation");
    }
    for (let i = 0; i < 30; i++) await appErrorOf(joinWithCode({ code: `XX${i}`, sector: "voluntary" }, "10.0.0.4"), "validation");
    await appErrorOf(joinWithCode({ code: w.joinCode, sector: "voluntary" }, "10.0.0.4"), "rate_limited");
    // Another network in the same room is not affected.
    await joinWithCode({ code: w.joinCode, sector: "voluntary" }, "10.0.0.5");
  });
});

describe("robustness: 40 clients at once", () => {
  it("loses no obstacle, counts every vote exactly, lets nobody over the limit and nobody vote twice", async () => {
    const LIMIT = 5;
    const CLIENTS = 40;
    const w = await createWorkshop({ votes: LIMIT });
    const participants = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => addParticipant(w.id, { name: `Deltaker ${i}` })));
    const accesses = await Promise.all(participants.map((p) => asParticipant(w.id, p)));
    // Every client adds three obstacles at once.
    const added = await Promise.all(accesses.flatMap((a, i) => [0, 1, 2].map((j) => addObstacle(a, { theme: "other", text: `Hindring ${i}-${j}` }))));
    expect(added).toHaveLength(CLIENTS * 3);
    const obstacleIds = added.map((o) => o.id);
    // Then every client fires 8 votes at once (more than its 5), each twice over (double taps), all clients together.
    const tryVote = async (a: RunAccess, obstacleId: string): Promise<"ok" | "full"> => {
      try {
        await castObstacleVote(a, { obstacleId });
        return "ok";
      } catch (e) {
        if ((e as { messageKey?: string }).messageKey === "workshopRun.error.noVotesLeft") return "full";
        throw e;
      }
    };
    const attempts = accesses.flatMap((a, i) =>
      Array.from({ length: 8 }, (_, k) => obstacleIds[(i * 7 + k * 13) % obstacleIds.length]!).flatMap((obstacleId) => [
        tryVote(a, obstacleId),
        tryVote(a, obstacleId),
      ]),
    );
    const outcomes = await Promise.all(attempts);
    const db = getDb();
    const [stored] = await db.select({ n: count() }).from(workshopObstacles).where(eq(workshopObstacles.workshopId, w.id));
    expect(stored!.n).toBe(CLIENTS * 3);
    const perParticipant = await db
      .select({ participantId: workshopObstacleVotes.participantId, n: count(), d: countDistinct(workshopObstacleVotes.obstacleId) })
      .from(workshopObstacleVotes)
      .where(eq(workshopObstacleVotes.workshopId, w.id))
      .groupBy(workshopObstacleVotes.participantId);
    expect(perParticipant).toHaveLength(CLIENTS);
    for (const row of perParticipant) {
      expect(row.n).toBe(LIMIT); // 8 distinct targets, limit 5: exactly 5 each
      expect(row.d).toBe(row.n); // no double vote
    }
    const total = perParticipant.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBe(CLIENTS * LIMIT);
    const ranked = await listObstacles(accesses[0]!);
    expect(ranked.reduce((sum, o) => sum + o.votes, 0)).toBe(total);
    expect(outcomes.filter((o) => o === "ok").length).toBeGreaterThanOrEqual(total);
    // Taking one vote back each, all at once: still exact.
    const voted = await db
      .selectDistinctOn([workshopObstacleVotes.participantId], {
        participantId: workshopObstacleVotes.participantId,
        obstacleId: workshopObstacleVotes.obstacleId,
      })
      .from(workshopObstacleVotes)
      .where(eq(workshopObstacleVotes.workshopId, w.id));
    await Promise.all(voted.map((v) => withdrawObstacleVote(accesses[participants.findIndex((p) => p.id === v.participantId)]!, { obstacleId: v.obstacleId })));
    const [left] = await db.select({ n: count() }).from(workshopObstacleVotes).where(eq(workshopObstacleVotes.workshopId, w.id));
    expect(left!.n).toBe(CLIENTS * (LIMIT - 1));
    console.info(
      `40-client test: ${CLIENTS * 3} obstacles, ${attempts.length} vote attempts, ${total} votes counted (${LIMIT} each), ${outcomes.filter((o) => o === "full").length} refused at the limit`,
    );
  });
});
