import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { eventRegistrations, outboundEmails, users } from "~/db/schema/index.ts";
import { loadActorForSession } from "~/domain/auth/session.server.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { demoAccountEmails, demoEventIds, demoNetworkIds } from "~/domain/demo/ids.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { sessions } from "~/db/schema/index.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { getEvent, listEvents, upcomingEvents } from "./events.server.ts";
import { cancelMyRegistration } from "./registrations.server.ts";
import { getNetwork, meetingWorkspace } from "./networks.server.ts";

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

describe("the demo (issue 12's done-when: a course in Innlandet fills, a cancellation promotes the waitlist)", () => {
  beforeAll(async () => {
    await seedDemoData();
    await seedDemoData(); // idempotent
  });

  it("has the full course with a waitlist, the Hamar meeting place, the IMDi webinar and the network", async () => {
    const course = await getEvent(anonymous(), demoEventIds.innlandetCourse);
    expect(course).toMatchObject({ full: true, confirmed: 3, waitlisted: 2 });
    const innlandet = (await listEvents({ fylke: "34" }, 1)).rows.map((r) => r.id);
    expect(innlandet).toEqual(expect.arrayContaining([demoEventIds.innlandetCourse, demoEventIds.hamarMeetingPlace, demoEventIds.innlandetNetworkNext]));
    expect((await listEvents({ level: "national" }, 1)).rows.map((r) => r.id)).toContain(demoEventIds.imdiWebinar);
    expect((await upcomingEvents({ municipalityNumber: "3403", limit: 10 })).map((r) => r.type)).toContain("meeting_place");
    const member = await demoActor(demoAccountEmails.org_member);
    const network = await getNetwork(member, demoNetworkIds.innlandet);
    expect(network.backlog.length).toBeGreaterThan(0);
    expect((await meetingWorkspace(member, demoEventIds.innlandetNetworkNext))!.carried).toHaveLength(1);
  });

  it("the member's cancellation gives the seat to the first on the waitlist, who is told by e-mail", async () => {
    const member = await demoActor(demoAccountEmails.org_member);
    expect((await getEvent(member, demoEventIds.innlandetCourse)).mine?.status).toBe("confirmed");
    await cancelMyRegistration(member, demoEventIds.innlandetCourse);
    const rows = await getDb().select().from(eventRegistrations).where(eq(eventRegistrations.eventId, demoEventIds.innlandetCourse));
    expect(rows.find((r) => r.email === "amina.yusuf@samspill.example")).toMatchObject({ status: "confirmed" });
    expect(rows.find((r) => r.email === "per.hansen@samspill.example")).toMatchObject({ status: "waitlisted" });
    const mail = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, "amina.yusuf@samspill.example"));
    expect(mail.map((m) => m.subject)).toEqual(["Du har fått plass: Kurs: Rekruttere og beholde frivillige"]);
    expect((await getEvent(anonymous(), demoEventIds.innlandetCourse)).confirmed).toBe(3);
  });
});
