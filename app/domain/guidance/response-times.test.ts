import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { guidanceRequests } from "~/db/schema/index.ts";
import { anonymous, type UserActor } from "~/domain/auth/actor.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { getCountyResponseTimes, getMunicipalityResponseTimes, getNationalResponseTimes } from "./response-times.server.ts";

const HAMAR = "3403";
const ELVERUM = "3420";
const TONSBERG = "3905";
const INNLANDET = "34";
const VESTFOLD = "39";
/** The figures are for Monday 3 June 2024, midday in Norway. */
const now = new Date("2024-06-03T12:00:00+02:00");

async function request(municipalityNumber: string, submittedAt: string, answeredAt: string | null, closedAt: string | null = null) {
  const organization = await createOrganization({ municipalities: [municipalityNumber] });
  await getDb()
    .insert(guidanceRequests)
    .values({
      organizationId: organization.id,
      municipalityNumber,
      topic: "grants_funding",
      title: "Søknad om tilskudd",
      description: "Hvordan søker vi?",
      holderLevel: "municipality",
      holderMunicipalityNumber: municipalityNumber,
      status: answeredAt ? "answered" : closedAt ? "closed" : "new",
      submittedAt: new Date(submittedAt),
      firstAnsweredAt: answeredAt ? new Date(answeredAt) : null,
      closedAt: closedAt ? new Date(closedAt) : null,
    });
}

let coordinator: UserActor;
let advisor: UserActor;
let imdi: UserActor;
let member: UserActor;

beforeAll(async () => {
  // Hamar, spring 2024 (Easter 28 March–1 April; 1, 9, 17 and 20 May are public holidays):
  await request(HAMAR, "2024-03-28T10:00:00+01:00", "2024-04-02T14:00:00+02:00"); // Maundy Thursday → Tuesday after Easter: 1
  await request(HAMAR, "2024-05-16T22:30:00Z", "2024-05-21T09:00:00+02:00"); // 17 May already in Norway → Tuesday after Whitsun: 1
  await request(HAMAR, "2024-05-06T08:00:00+02:00", "2024-05-14T16:00:00+02:00"); // over Ascension Day: 5, within
  await request(HAMAR, "2024-05-06T08:00:00+02:00", "2024-05-15T08:00:00+02:00"); // 6: not within
  await request(HAMAR, "2024-05-27T09:00:00+02:00", null); // open for 5 working days on 3 June: pending
  await request(HAMAR, "2024-05-24T09:00:00+02:00", null); // open for 6: overdue, counts with 6
  await request(HAMAR, "2024-04-02T09:00:00+02:00", null, "2024-04-03T09:00:00+02:00"); // withdrawn the next day: left out
  await request(HAMAR, "2023-05-02T09:00:00+02:00", "2023-05-02T10:00:00+02:00"); // over a year ago: left out
  await request(ELVERUM, "2024-04-10T09:00:00+02:00", "2024-04-10T15:00:00+02:00"); // the same day: 0
  await request(ELVERUM, "2024-04-10T09:00:00+02:00", null, "2024-04-25T09:00:00+02:00"); // closed unanswered after 11: overdue
  await request(TONSBERG, "2024-04-15T09:00:00+02:00", "2024-04-29T09:00:00+02:00"); // 10

  coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
  advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: INNLANDET }] });
  imdi = await createActor({ roles: [{ role: "national_admin" }] });
  const organization = await createOrganization({ municipalities: [HAMAR] });
  member = await createActor({ memberships: [{ organizationId: organization.id, role: "admin" }] });
});

describe("guidance response times in Norwegian working days", () => {
  it("a kommune: median to the first answer and the share within 5 working days, holidays not counted", async () => {
    // Waits 1, 1, 5, 6 (answered) and 6 (open, overdue): median 5; 3 of 5 within 5 working days.
    // Counting weekends only, the Easter and 17 May requests would be 3 and 3, the Ascension one 6: median 6, 2 of 5.
    expect(await getMunicipalityResponseTimes(coordinator, HAMAR, { now })).toEqual({
      counted: 5,
      answered: 4,
      answeredWithinLimit: 3,
      overdue: 1,
      pending: 1,
      medianWorkingDays: 5,
      shareWithinLimit: 0.6,
    });
  });

  it("a fylke: its kommuner side by side, every kommune listed, and the fylke's total", async () => {
    const result = await getCountyResponseTimes(advisor, INNLANDET, { now });
    // Hamar's 1, 1, 5, 6, 6 and Elverum's 0 and 11 (closed unanswered after 11): median 5, 4 of 7 within.
    expect(result.county).toMatchObject({ counted: 7, answered: 5, answeredWithinLimit: 4, overdue: 2, pending: 1, medianWorkingDays: 5 });
    expect(result.county.shareWithinLimit).toBeCloseTo(4 / 7);
    const byNumber = new Map(result.kommuner.map((k) => [k.number, k]));
    expect(byNumber.get(HAMAR)!.times.medianWorkingDays).toBe(5);
    expect(byNumber.get(ELVERUM)!.times).toMatchObject({ counted: 2, answered: 1, overdue: 1, medianWorkingDays: 5.5, shareWithinLimit: 0.5 });
    expect(byNumber.has(TONSBERG)).toBe(false);
    // A kommune without requests is listed with no figures, not left out.
    expect(result.kommuner.length).toBeGreaterThan(40);
    expect(byNumber.get("3401")!.times).toMatchObject({ counted: 0, medianWorkingDays: null, shareWithinLimit: null });
  });

  it("nationally, with the fylker side by side", async () => {
    const result = await getNationalResponseTimes(imdi, { now });
    // 0, 1, 1, 5, 6, 6, 10, 11: median (5 + 6) / 2.
    expect(result.national).toMatchObject({
      counted: 8,
      answered: 6,
      answeredWithinLimit: 4,
      overdue: 2,
      pending: 1,
      medianWorkingDays: 5.5,
      shareWithinLimit: 0.5,
    });
    const vestfold = result.fylker.find((f) => f.number === VESTFOLD)!;
    expect(vestfold.times).toMatchObject({ counted: 1, medianWorkingDays: 10, shareWithinLimit: 0 });
    expect(result.fylker).toHaveLength(15);
  });

  it("an open request becomes overdue once 5 working days have passed", async () => {
    // On Friday 31 May the request of Friday 24 May has waited 5 working days: still pending.
    const earlier = await getMunicipalityResponseTimes(coordinator, HAMAR, { now: new Date("2024-05-31T12:00:00+02:00") });
    expect(earlier).toMatchObject({ overdue: 0, pending: 2, counted: 4 });
  });

  it("only those who may read the kommune's, fylke's or the national overview", async () => {
    await expect(getMunicipalityResponseTimes(anonymous(), HAMAR, { now })).rejects.toBeAppError("unauthenticated");
    await expect(getMunicipalityResponseTimes(member, HAMAR, { now })).rejects.toBeAppError("forbidden");
    await expect(getMunicipalityResponseTimes(coordinator, TONSBERG, { now })).rejects.toBeAppError("forbidden");
    await expect(getMunicipalityResponseTimes(coordinator, "9999", { now })).rejects.toBeAppError("not_found");
    expect((await getMunicipalityResponseTimes(advisor, ELVERUM, { now })).counted).toBe(2);
    expect((await getMunicipalityResponseTimes(imdi, TONSBERG, { now })).counted).toBe(1);
    await expect(getMunicipalityResponseTimes(advisor, TONSBERG, { now })).rejects.toBeAppError("forbidden");

    await expect(getCountyResponseTimes(coordinator, INNLANDET, { now })).rejects.toBeAppError("forbidden");
    await expect(getCountyResponseTimes(advisor, VESTFOLD, { now })).rejects.toBeAppError("forbidden");
    await expect(getCountyResponseTimes(advisor, "99", { now })).rejects.toBeAppError("not_found");
    expect((await getCountyResponseTimes(imdi, VESTFOLD, { now })).county.counted).toBe(1);

    await expect(getNationalResponseTimes(advisor, { now })).rejects.toBeAppError("forbidden");
    await expect(getNationalResponseTimes(coordinator, { now })).rejects.toBeAppError("forbidden");
    await expect(getNationalResponseTimes(anonymous(), { now })).rejects.toBeAppError("unauthenticated");
  });
});
