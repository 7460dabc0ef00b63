import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { workshopParticipants, workshops, workshopSessions } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { ACTIVITY_TIME_ZONE } from "~/domain/activities/activities.constants.ts";
import type { Actor } from "~/domain/auth/actor.ts";
import { newCalendar, osloDateTime } from "~/domain/opendata/ical.server.ts";
import type { Locale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { AppError } from "~/lib/errors.ts";
import { isUuid } from "~/lib/validation.ts";
import { canManageWorkshop, currentParticipant, loadWorkshop } from "./access.server.ts";

/**
 * GET /verksteder/:id/okter/:sessionId.ics: one session for a calendar
 * program. A workshop is not public: only its managers and its participants
 * (registered, joined, waitlisted or invited with an account, or the device
 * cookie of a registration link) get it; anyone else gets not found.
 */
export async function workshopSessionCalendar(request: Request, actor: Actor, id: unknown, sessionId: unknown, options: { locale?: Locale } = {}) {
  const locale = options.locale ?? "nb";
  const workshop = await loadWorkshop(typeof id === "string" ? id : "");
  let allowed = canManageWorkshop(actor, workshop) || (await currentParticipant(request, actor, workshop.id)) !== null;
  if (!allowed && actor.kind === "user") {
    const [row] = await getDb()
      .select({ id: workshopParticipants.id })
      .from(workshopParticipants)
      .where(
        and(
          eq(workshopParticipants.workshopId, workshop.id),
          eq(workshopParticipants.userId, actor.userId),
          inArray(workshopParticipants.status, ["invited", "waitlisted"]),
        ),
      );
    allowed = !!row;
  }
  if (!allowed) {
    if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
    throw new AppError("not_found", "errors.notFound");
  }
  const raw = typeof sessionId === "string" ? sessionId.replace(/\.ics$/, "") : "";
  if (!isUuid(raw)) throw new AppError("not_found", "errors.notFound");
  const [row] = await getDb()
    .select({ session: workshopSessions, title: workshops.title, purpose: workshops.purpose, updatedAt: workshops.updatedAt })
    .from(workshopSessions)
    .innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
    .where(and(eq(workshopSessions.id, raw), eq(workshopSessions.workshopId, workshop.id)));
  if (!row) throw new AppError("not_found", "errors.notFound");
  const t = getTranslator(locale);
  const url = new URL(`/verksteder/${workshop.id}`, getEnv().PUBLIC_URL).toString();
  const s = row.session;
  const summary = s.kind === "follow_up" ? t("workshops.calendar.followUpTitle", { title: row.title }) : row.title;
  const calendar = newCalendar(row.title);
  calendar.createEvent({
    id: `${s.id}@samspill-verksted`,
    summary,
    description: [row.purpose, s.videoUrl ? t("workshops.calendar.video", { url: s.videoUrl }) : "", t("workshops.calendar.readMore", { url })]
      .filter(Boolean)
      .join("\n\n"),
    url,
    timezone: ACTIVITY_TIME_ZONE,
    location: s.place ?? s.videoUrl ?? null,
    start: osloDateTime(s.startsAt),
    end: osloDateTime(new Date(s.startsAt.getTime() + s.durationMinutes * 60_000)),
    lastModified: row.updatedAt,
    stamp: row.updatedAt,
  });
  return { body: calendar.toString(), filename: `samspill-verksted-${s.id}.ics` };
}
