import { and, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { guidanceRequests, municipalities } from "~/db/schema/index.ts";
import { canAdviseCounty, canCoordinateMunicipality, isNationalAdmin, type Actor } from "~/domain/auth/actor.ts";
import { osloDate, workingDaysBetweenDates } from "~/domain/competence/working-days.ts";
import { getCounty, getMunicipality, listCounties, listMunicipalities } from "~/domain/reference/reference.server.ts";
import { AppError } from "~/lib/errors.ts";

/**
 * Guidance response times (issue 12): how long organisations wait for a first
 * answer, in Norwegian working days (app/domain/competence/working-days.ts),
 * per kommune (the asker's kommune, whichever body answered), per fylke (its
 * kommuner) and nationally, over requests sent in the last 365 days.
 *
 * - An answered request counts with the working days from the day it was sent
 *   to the day of its first answer (0 = the same day).
 * - An unanswered request counts once more than 5 working days have passed —
 *   as not answered within 5, and in the median with the days it has waited
 *   so far (a lower bound), so a pile of unanswered requests raises the median
 *   instead of vanishing from it. Before that it is "pending": in neither
 *   figure, shown as a count.
 * - A request the asker closed without an answer counts the same way up to the
 *   day it was closed: withdrawn within 5 working days it is left out.
 */

export const ANSWER_LIMIT_WORKING_DAYS = 5;
export const RESPONSE_TIME_WINDOW_DAYS = 365;

export interface ResponseTimes {
  /** Requests in the figures: answered, and unanswered past the limit. */
  counted: number;
  answered: number;
  answeredWithinLimit: number;
  /** Unanswered after more than the limit (still open, or closed without an answer). */
  overdue: number;
  /** Open, sent no more than the limit ago: not counted yet. */
  pending: number;
  /** Median working days to the first answer; null without counted requests. */
  medianWorkingDays: number | null;
  /** answeredWithinLimit / counted, 0–1; null without counted requests. */
  shareWithinLimit: number | null;
}

export interface ResponseTimesRow {
  number: string;
  name: string;
  times: ResponseTimes;
}

/** One group of requests sent on the same day and answered (or closed) on the same day, in one kommune. */
interface RequestDays {
  municipalityNumber: string;
  submitted: string;
  answered: string | null;
  closed: string | null;
  count: number;
}

/** Collects request days into figures; `today` is the Norwegian date the figures are for. */
class Tally {
  private waits = new Map<number, number>();
  answered = 0;
  answeredWithinLimit = 0;
  overdue = 0;
  pending = 0;

  add(row: RequestDays, today: string): void {
    if (row.answered !== null) {
      const days = workingDaysBetweenDates(row.submitted, row.answered);
      this.answered += row.count;
      if (days <= ANSWER_LIMIT_WORKING_DAYS) this.answeredWithinLimit += row.count;
      this.wait(days, row.count);
      return;
    }
    const waited = workingDaysBetweenDates(row.submitted, row.closed ?? today);
    if (waited > ANSWER_LIMIT_WORKING_DAYS) {
      this.overdue += row.count;
      this.wait(waited, row.count);
    } else if (row.closed === null) {
      this.pending += row.count;
    }
  }

  private wait(days: number, count: number) {
    this.waits.set(days, (this.waits.get(days) ?? 0) + count);
  }

  result(): ResponseTimes {
    const counted = this.answered + this.overdue;
    return {
      counted,
      answered: this.answered,
      answeredWithinLimit: this.answeredWithinLimit,
      overdue: this.overdue,
      pending: this.pending,
      medianWorkingDays: weightedMedian(this.waits, counted),
      shareWithinLimit: counted === 0 ? null : this.answeredWithinLimit / counted,
    };
  }
}

/** The median of values given as value → how many; the mean of the two middle values for an even count. */
function weightedMedian(counts: Map<number, number>, total: number): number | null {
  if (total === 0) return null;
  const values = [...counts.keys()].sort((a, b) => a - b);
  const valueAt = (position: number) => {
    let seen = 0;
    for (const value of values) {
      seen += counts.get(value)!;
      if (seen > position) return value;
    }
    return values.at(-1)!;
  };
  return total % 2 === 1 ? valueAt((total - 1) / 2) : (valueAt(total / 2 - 1) + valueAt(total / 2)) / 2;
}

/**
 * The requests of the scope sent in the window, grouped in the database by
 * kommune and by the Norwegian dates that matter — one query whatever the
 * number of kommuner, and rows by distinct days rather than by request.
 */
async function requestDays(scope: SQL | undefined, now: Date): Promise<RequestDays[]> {
  const since = new Date(now.getTime() - RESPONSE_TIME_WINDOW_DAYS * 86_400_000);
  // Grouped by Norwegian calendar date (a date cast is about twice as cheap as to_char), read back as YYYY-MM-DD.
  const submitted = sql`(${guidanceRequests.submittedAt} at time zone 'Europe/Oslo')::date`;
  const answered = sql`(${guidanceRequests.firstAnsweredAt} at time zone 'Europe/Oslo')::date`;
  // Only a request closed without an answer needs its closing day.
  const closed = sql`(case when ${guidanceRequests.firstAnsweredAt} is null then (${guidanceRequests.closedAt} at time zone 'Europe/Oslo')::date end)`;
  return getDb()
    .select({
      municipalityNumber: guidanceRequests.municipalityNumber,
      submitted: sql<string>`to_char(${submitted}, 'YYYY-MM-DD')`,
      answered: sql<string | null>`to_char(${answered}, 'YYYY-MM-DD')`,
      closed: sql<string | null>`to_char(${closed}, 'YYYY-MM-DD')`,
      count: sql<number>`count(*)::int`,
    })
    .from(guidanceRequests)
    .where(and(gte(guidanceRequests.submittedAt, since), lte(guidanceRequests.submittedAt, now), scope))
    .groupBy(guidanceRequests.municipalityNumber, submitted, answered, closed);
}

function tallyBy(rows: RequestDays[], keyOf: (row: RequestDays) => string, today: string): { total: ResponseTimes; byKey: Map<string, ResponseTimes> } {
  const total = new Tally();
  const byKey = new Map<string, Tally>();
  for (const row of rows) {
    total.add(row, today);
    const key = keyOf(row);
    let tally = byKey.get(key);
    if (!tally) byKey.set(key, (tally = new Tally()));
    tally.add(row, today);
  }
  return { total: total.result(), byKey: new Map([...byKey].map(([k, v]) => [k, v.result()])) };
}

const noRequests: ResponseTimes = new Tally().result();

/** A kommune's response times: for those who may read its internal overview (its coordinators, its fylke's advisors, IMDi). */
export async function getMunicipalityResponseTimes(actor: Actor, number: string, options: { now?: Date } = {}): Promise<ResponseTimes> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!(await getMunicipality(number))) throw new AppError("not_found", "errors.notFound");
  if (!canCoordinateMunicipality(actor, number)) throw new AppError("forbidden", "errors.forbidden");
  const now = options.now ?? new Date();
  const rows = await requestDays(eq(guidanceRequests.municipalityNumber, number), now);
  return tallyBy(rows, () => number, osloDate(now)).total;
}

/** A fylke's response times and its kommuner side by side (every kommune, by name): its advisors and IMDi. */
export async function getCountyResponseTimes(
  actor: Actor,
  countyNumber: string,
  options: { now?: Date } = {},
): Promise<{ county: ResponseTimes; kommuner: ResponseTimesRow[] }> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!(await getCounty(countyNumber))) throw new AppError("not_found", "errors.notFound");
  if (!canAdviseCounty(actor, countyNumber)) throw new AppError("forbidden", "errors.forbidden");
  const now = options.now ?? new Date();
  const kommuner = await listMunicipalities(countyNumber);
  const inCounty = inArray(
    guidanceRequests.municipalityNumber,
    getDb().select({ number: municipalities.number }).from(municipalities).where(eq(municipalities.countyNumber, countyNumber)),
  );
  const { total, byKey } = tallyBy(await requestDays(inCounty, now), (row) => row.municipalityNumber, osloDate(now));
  return { county: total, kommuner: kommuner.map((k) => ({ number: k.number, name: k.name, times: byKey.get(k.number) ?? noRequests })) };
}

/** The national response times and the fylker side by side: IMDi (national admins). */
export async function getNationalResponseTimes(actor: Actor, options: { now?: Date } = {}): Promise<{ national: ResponseTimes; fylker: ResponseTimesRow[] }> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!isNationalAdmin(actor)) throw new AppError("forbidden", "errors.forbidden");
  const now = options.now ?? new Date();
  const [fylker, kommuner] = await Promise.all([listCounties(), listMunicipalities()]);
  const countyOfKommune = new Map(kommuner.map((k) => [k.number, k.countyNumber]));
  const { total, byKey } = tallyBy(await requestDays(undefined, now), (row) => countyOfKommune.get(row.municipalityNumber) ?? "", osloDate(now));
  return { national: total, fylker: fylker.map((c) => ({ number: c.number, name: c.name, times: byKey.get(c.number) ?? noRequests })) };
}
