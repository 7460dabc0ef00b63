import type { CalendarFile } from "./ical.server.ts";

/**
 * The HTTP answer for a calendar file. Feeds are public and the same for
 * everyone, so any origin may fetch them; calendar apps poll, so a short
 * client cache is fine ("private": the app's middleware may add a CSRF
 * cookie, which a shared cache must not keep).
 */
export function calendarResponse(file: CalendarFile, cacheControl = "private, max-age=900") {
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${file.filename}"`,
      "Cache-Control": cacheControl,
      "Access-Control-Allow-Origin": "*",
    },
  });
}
