import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { municipalityOverviewSettings } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import type { Actor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { getMunicipality } from "~/domain/reference/reference.server.ts";
import { canEnterSettlement } from "~/domain/settlement/settlement.server.ts";
import { DEFAULT_GAP_THRESHOLD, gapThresholdSchema } from "~/domain/settlement/settlement.schema.ts";

/**
 * What a kommune has chosen for its overview. Set on /kommuner/:number/bosetting#terskel
 * by the kommune's own coordinator or a national admin (as settlement figures).
 */
export interface OverviewSettings {
  /** A theme or target group with fewer active activities than this is a gap. */
  gapThreshold: number;
  /** False when the kommune has never set it (the default applies). */
  isSet: boolean;
}

/** The overview settings of a kommune (the default threshold when never set). No actor: the value itself is not sensitive. */
export async function getOverviewSettings(municipalityNumber: string): Promise<OverviewSettings> {
  const [row] = await getDb()
    .select({ gapThreshold: municipalityOverviewSettings.gapThreshold })
    .from(municipalityOverviewSettings)
    .where(eq(municipalityOverviewSettings.municipalityNumber, municipalityNumber));
  return row ? { gapThreshold: row.gapThreshold, isSet: true } : { gapThreshold: DEFAULT_GAP_THRESHOLD, isSet: false };
}

/** Where the threshold is set, for links from the overview. */
export function gapThresholdSettingsPath(municipalityNumber: string): string {
  return `/kommuner/${municipalityNumber}/bosetting#terskel`;
}

/** Sets the gap threshold (whole number 0..100). The kommune's coordinator or a national admin; audited. */
export async function updateGapThreshold(actor: Actor, municipalityNumber: string, input: unknown): Promise<OverviewSettings> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!(await getMunicipality(municipalityNumber))) throw new AppError("not_found", "errors.notFound");
  if (!canEnterSettlement(actor, municipalityNumber)) throw new AppError("forbidden", "errors.forbidden");
  const { gapThreshold } = parseInput(gapThresholdSchema, input);
  await getDb().transaction(async (tx) => {
    const [before] = await tx
      .select({ gapThreshold: municipalityOverviewSettings.gapThreshold })
      .from(municipalityOverviewSettings)
      .where(eq(municipalityOverviewSettings.municipalityNumber, municipalityNumber));
    const now = new Date();
    await tx
      .insert(municipalityOverviewSettings)
      .values({ municipalityNumber, gapThreshold, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({ target: municipalityOverviewSettings.municipalityNumber, set: { gapThreshold, updatedBy: actor.userId, updatedAt: now } });
    await recordAudit(tx, actor, {
      action: "overview.gap_threshold",
      entityType: "municipality_overview_settings",
      entityId: municipalityNumber,
      before: before ?? null,
      after: { gapThreshold },
    });
  });
  return { gapThreshold, isSet: true };
}
