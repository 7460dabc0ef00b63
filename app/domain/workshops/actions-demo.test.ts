import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { outboundEmails, sessions, users } from "~/db/schema/index.ts";
import { loadActorForSession } from "~/domain/auth/session.server.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { demoAccountEmails, demoWorkshopActionIds, demoWorkshops } from "~/domain/demo/ids.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { actionPlanProgress, getActionPlan, setActionStatus } from "./actions.server.ts";
import { sendActionReminders } from "./followup.server.ts";

async function demoActor(email: string) {
  const [user] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, email));
  const sessionId = hashToken(randomToken());
  await getDb()
    .insert(sessions)
    .values({ id: sessionId, userId: user!.id, method: "test", expiresAt: new Date(Date.now() + 3_600_000) });
  const actor = await loadActorForSession(sessionId, null);
  if (actor.kind !== "user") throw new Error("no demo actor");
  return actor;
}

const hamar = demoWorkshops.hamar.id;
const request = new Request(`http://localhost/verksteder/${hamar}/handlingsplan`);

describe("the demo: Hamar's finished workshop with a followed-up action plan", () => {
  beforeAll(async () => {
    await seedDemoData();
    await seedDemoData(); // idempotent
  });

  it("has seven actions: two done, two in progress, one overdue, one not started, one dropped", async () => {
    const [progress] = await actionPlanProgress(["3403"]);
    expect(progress).toMatchObject({ workshopId: hamar, total: 7, done: 2, inProgress: 2, notStarted: 2, dropped: 1, overdue: 1 });
  });

  it("shows the follow-up's movement since the main session, and lets the volunteer centre's admin update its own action only", async () => {
    const orgAdmin = await demoActor(demoAccountEmails.org_admin);
    const plan = await getActionPlan(request, orgAdmin, hamar);
    expect(plan.diff?.statusChanges.length).toBeGreaterThanOrEqual(4);
    expect(plan.diff?.notes.length).toBeGreaterThanOrEqual(4);
    expect(plan.diff?.deadlinesMoved).toHaveLength(1);
    expect(plan.diff?.created.map((c) => c.actionTitle)).toContain("Møteplass to ganger i året for kommune, frivillige og arbeidsgivere");
    const mine = plan.actions.filter((a) => a.mayFollowUp).map((a) => a.id);
    expect(mine).toEqual([demoWorkshopActionIds.volunteerMentors]);
    const employer = await demoActor(demoAccountEmails.employer);
    await expect(setActionStatus(employer, hamar, { actionId: demoWorkshopActionIds.volunteerMentors, status: "done" })).rejects.toBeAppError("forbidden");
    const tonsberg = await demoActor(demoAccountEmails.coordinator_tonsberg);
    await expect(getActionPlan(request, tonsberg, hamar)).rejects.toBeAppError("forbidden");
  });

  it("reminds the volunteer centre a week before its deadline, once", async () => {
    await sendActionReminders();
    await sendActionReminders();
    const mails = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, demoAccountEmails.org_admin));
    expect(mails.filter((m) => m.subject.startsWith("Frist om en uke"))).toHaveLength(1);
  });
});
