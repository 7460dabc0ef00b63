import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { counties, organizationMunicipalities, organizations, surveyAnswers, surveyRecipients, surveys } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { defaultLocale, isLocale, type Locale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { isNationalAdmin, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { actsForBody } from "~/domain/competence/bodies.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { getCounty, listCounties, listMunicipalities } from "~/domain/reference/reference.server.ts";
import { groupResults, overall, type Answer } from "./results.ts";
import { answerSchema, surveySchema, SURVEY_MAX_DAYS, tokenPattern, type SurveyInput } from "./surveys.schema.ts";

/**
 * Competence-needs surveys (issue 12): IMDi, or a fylkeskommune for the
 * organisations serving its fylke, asks chosen organisations which topics
 * they need help with, in what form and how urgently. Each organisation gets
 * a personal link by e-mail (only its hash is stored) and answers without an
 * account, once, changeable until the survey closes. The sender reads the
 * results by kind of organisation and by fylke, never a group under five.
 */

/** Sending stops here: a survey to more organisations than this is a mistake in the criteria, not a survey. */
export const MAX_RECIPIENTS = 5000;

/** The body a user sends surveys for: IMDi, or their fylkeskommune; null if neither. */
export function surveySenderOf(actor: Actor): { level: "national" } | { level: "county"; countyNumber: string } | null {
  if (actor.kind !== "user") return null;
  if (isNationalAdmin(actor)) return { level: "national" };
  const county = actor.roles.find((r) => r.role === "county_advisor" && r.countyNumber);
  return county ? { level: "county", countyNumber: county.countyNumber! } : null;
}

function requireSender(actor: Actor) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const sender = surveySenderOf(actor);
  if (!sender) throw new AppError("forbidden", "errors.forbidden");
  return { user: actor as UserActor, sender };
}

/** IMDi reads every survey; a fylkeskommune's advisors only their own fylkeskommune's. */
export function mayReadSurvey(actor: Actor, survey: { senderLevel: string; countyNumber: string | null }): boolean {
  if (isNationalAdmin(actor)) return true;
  return survey.senderLevel === "county" && survey.countyNumber !== null && actsForBody(actor, { level: "county", countyNumber: survey.countyNumber });
}

function isOpen(survey: { closesAt: Date; closedAt: Date | null }, now = new Date()) {
  return survey.closedAt === null && survey.closesAt.getTime() > now.getTime();
}

const surveyListColumns = {
  id: surveys.id,
  title: surveys.title,
  senderLevel: surveys.senderLevel,
  countyNumber: surveys.countyNumber,
  closesAt: surveys.closesAt,
  closedAt: surveys.closedAt,
  createdAt: surveys.createdAt,
  isDemo: surveys.isDemo,
  sent: sql<number>`(select count(*)::int from ${surveyRecipients} r where r.survey_id = ${surveys.id})`,
  answered: sql<number>`(select count(*)::int from ${surveyRecipients} r join ${surveyAnswers} a on a.recipient_id = r.id where r.survey_id = ${surveys.id})`,
};

/** The surveys the actor may read, newest first; none for everyone else (the level pages call it for anyone). */
export async function surveysFor(actor: Actor, limit = 100) {
  const sender = surveySenderOf(actor);
  if (!sender) return [];
  const where: SQL | undefined = isNationalAdmin(actor)
    ? undefined
    : inArray(
        surveys.countyNumber,
        (actor as UserActor).roles.filter((r) => r.role === "county_advisor" && r.countyNumber).map((r) => r.countyNumber!),
      );
  const rows = await getDb().select(surveyListColumns).from(surveys).where(where).orderBy(desc(surveys.createdAt), surveys.id).limit(limit);
  return rows.map((r) => ({ ...r, open: isOpen(r) }));
}

/** What the new-survey form offers: IMDi every fylke and kommune, a fylkeskommune its own. */
export async function surveyFormOptions(actor: Actor) {
  const { sender } = requireSender(actor);
  const countyNumber = sender.level === "county" ? sender.countyNumber : undefined;
  const [allCounties, kommuner] = await Promise.all([listCounties(), listMunicipalities(countyNumber)]);
  return {
    sender,
    counties: allCounties.filter((c) => !countyNumber || c.number === countyNumber).map((c) => ({ number: c.number, name: c.name })),
    municipalities: kommuner.map((m) => ({ number: m.number, name: m.name, countyNumber: m.countyNumber, countyName: m.countyName })),
  };
}

/** The list page: refuses those who send no surveys. */
export async function listSurveys(actor: Actor) {
  const { sender } = requireSender(actor);
  return { sender, surveys: await surveysFor(actor) };
}

/**
 * The criteria as SQL over one organisation: active, with a contact address,
 * of a chosen kind, serving a chosen kommune or a kommune in a chosen fylke —
 * and for a fylkeskommune, serving a kommune in its own fylke.
 */
function recipientConditions(input: Pick<SurveyInput, "kinds" | "municipalities" | "counties">, senderCounty: string | null): SQL {
  const conditions: SQL[] = [sql`${organizations.active}`, sql`coalesce(${organizations.contactEmail}, '') <> ''`];
  if (input.kinds.length) conditions.push(inArray(organizations.kind, input.kinds));
  const area: SQL[] = [];
  if (input.municipalities.length) area.push(inArray(organizationMunicipalities.municipalityNumber, input.municipalities));
  if (input.counties.length) area.push(inArray(sql`left(${organizationMunicipalities.municipalityNumber}, 2)`, input.counties));
  const served: SQL[] = [];
  if (area.length) served.push(sql`(${sql.join(area, sql` or `)})`);
  if (senderCounty) served.push(sql`left(${organizationMunicipalities.municipalityNumber}, 2) = ${senderCounty}`);
  if (served.length) {
    conditions.push(
      sql`exists (select 1 from ${organizationMunicipalities} where ${organizationMunicipalities.organizationId} = ${organizations.id} and ${sql.join(served, sql` and `)})`,
    );
  }
  return and(...conditions)!;
}

/** A fylkeskommune chooses only among its own fylke's kommuner; unknown numbers are refused either way. */
async function checkArea(input: SurveyInput, senderCounty: string | null) {
  const errors: Record<string, { key: string }> = {};
  if (input.municipalities.length) {
    const known = await getDb().execute<{ number: string }>(
      sql`select number from municipalities where number in (${sql.join(
        input.municipalities.map((m) => sql`${m}`),
        sql`, `,
      )})`,
    );
    const rows = (known as unknown as { rows: { number: string }[] }).rows;
    if (rows.length !== new Set(input.municipalities).size) errors.municipalities = { key: "validation.invalidChoice" };
    if (senderCounty && input.municipalities.some((m) => m.slice(0, 2) !== senderCounty)) errors.municipalities = { key: "surveys.error.outsideCounty" };
  }
  if (input.counties.length) {
    const rows = await getDb().select({ number: counties.number }).from(counties).where(inArray(counties.number, input.counties));
    if (rows.length !== new Set(input.counties).size) errors.counties = { key: "validation.invalidChoice" };
    if (senderCounty && input.counties.some((c) => c !== senderCounty)) errors.counties = { key: "surveys.error.outsideCounty" };
  }
  const closes = new Date(`${input.closesOn}T23:59:59+01:00`);
  if (closes.getTime() <= Date.now() || closes.getTime() > Date.now() + SURVEY_MAX_DAYS * 86_400_000) errors.closesOn = { key: "surveys.error.closesOn" };
  if (Object.keys(errors).length) throw new AppError("validation", "common.errorSummary", errors);
  return closes;
}

async function chosenOrganizations(input: SurveyInput, senderCounty: string | null) {
  return getDb()
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      email: organizations.contactEmail,
      // The fylke the results count it under: the sender's, else the first chosen one it serves, else its first.
      countyNumber: sql<string>`(select coalesce(
          min(left(om.municipality_number, 2)) filter (where ${
            senderCounty
              ? sql`left(om.municipality_number, 2) = ${senderCounty}`
              : input.municipalities.length || input.counties.length
                ? sql`(om.municipality_number in (${sql.join(
                    (input.municipalities.length ? input.municipalities : ["----"]).map((m) => sql`${m}`),
                    sql`, `,
                  )}) or left(om.municipality_number, 2) in (${sql.join(
                    (input.counties.length ? input.counties : ["--"]).map((c) => sql`${c}`),
                    sql`, `,
                  )}))`
                : sql`true`
          }),
          min(left(om.municipality_number, 2))) from organization_municipalities om where om.organization_id = ${organizations.id})`,
    })
    .from(organizations)
    .where(recipientConditions(input, senderCounty))
    .orderBy(organizations.name)
    .limit(MAX_RECIPIENTS + 1);
}

/** How many organisations the criteria reach (the form's preview), after the same checks as sending. */
export async function previewRecipients(actor: Actor, rawInput: unknown): Promise<{ count: number; tooMany: boolean }> {
  const { sender } = requireSender(actor);
  const input = parseInput(surveySchema, rawInput);
  const senderCounty = sender.level === "county" ? sender.countyNumber : null;
  await checkArea(input, senderCounty);
  const orgs = (await chosenOrganizations(input, senderCounty)).filter((o) => o.countyNumber);
  return { count: Math.min(orgs.length, MAX_RECIPIENTS), tooMany: orgs.length > MAX_RECIPIENTS };
}

type Translator = ReturnType<typeof getTranslator>;

/** "IMDi" or "Innlandet fylkeskommune", as mails and pages name the sender. */
export async function senderNameOf(t: Translator, sender: { senderLevel: string; countyNumber: string | null }): Promise<string> {
  if (sender.senderLevel !== "county" || !sender.countyNumber) return t("surveys.sender.national");
  const county = await getCounty(sender.countyNumber);
  return t("surveys.sender.county", { county: county?.name ?? sender.countyNumber });
}

function answerUrl(token: string): string {
  return new URL(`/undersokelser/svar/${token}`, getEnv().PUBLIC_URL).toString();
}

/** Creates the survey and e-mails each chosen organisation its own link. Audited. */
export async function createSurvey(actor: Actor, rawInput: unknown, options: { locale?: Locale; isDemo?: boolean } = {}) {
  const { user, sender } = requireSender(actor);
  const input = parseInput(surveySchema, rawInput);
  const senderCounty = sender.level === "county" ? sender.countyNumber : null;
  const closesAt = await checkArea(input, senderCounty);
  const orgs = (await chosenOrganizations(input, senderCounty)).filter((o) => o.countyNumber && o.email);
  if (orgs.length === 0) throw new AppError("validation", "common.errorSummary", { kinds: { key: "surveys.error.noRecipients" } });
  if (orgs.length > MAX_RECIPIENTS) throw new AppError("validation", "common.errorSummary", { kinds: { key: "surveys.error.tooMany" } });
  const links = orgs.map((o) => ({ org: o, token: randomToken() }));
  const id = await getDb().transaction(async (tx) => {
    const [survey] = await tx
      .insert(surveys)
      .values({
        title: input.title,
        intro: input.intro ?? "",
        senderLevel: sender.level,
        countyNumber: senderCounty,
        criteria: { kinds: input.kinds, municipalities: input.municipalities, counties: input.counties },
        closesAt,
        createdBy: user.userId,
        isDemo: options.isDemo ?? false,
      })
      .returning({ id: surveys.id });
    for (let i = 0; i < links.length; i += 500) {
      await tx.insert(surveyRecipients).values(
        links.slice(i, i + 500).map(({ org, token }) => ({
          surveyId: survey!.id,
          organizationId: org.id,
          tokenHash: hashToken(token),
          email: org.email!,
          kind: org.kind,
          countyNumber: org.countyNumber,
        })),
      );
    }
    await recordAudit(tx, user, {
      action: "survey.created",
      entityType: "survey",
      entityId: survey!.id,
      after: { title: input.title, criteria: { kinds: input.kinds, municipalities: input.municipalities, counties: input.counties }, recipients: links.length },
    });
    return survey!.id;
  });
  const locale = options.locale ?? (isLocale(user.locale) ? user.locale : defaultLocale);
  const t = getTranslator(locale);
  const senderName = await senderNameOf(t, { senderLevel: sender.level, countyNumber: senderCounty });
  for (const { org, token } of links) {
    await sendMail({
      to: org.email!,
      subject: t("surveys.mail.subject", { title: input.title }),
      text: t("surveys.mail.body", { organization: org.name, sender: senderName, title: input.title, url: answerUrl(token), closes: input.closesOn }),
    });
  }
  return { id, recipients: links.length, tokens: links.map((l) => l.token) };
}

async function readableSurvey(actor: Actor, id: unknown) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("not_found", "errors.notFound");
  const [survey] = await getDb().select().from(surveys).where(eq(surveys.id, id));
  if (!survey) throw new AppError("not_found", "errors.notFound");
  if (!mayReadSurvey(actor, survey)) throw new AppError("forbidden", "errors.forbidden");
  return survey;
}

/** The results page: counts sent and answered, overall figures and the groups by kind and by fylke, small groups merged. */
export async function surveyResults(actor: Actor, id: unknown) {
  const survey = await readableSurvey(actor, id);
  const rows = await getDb()
    .select({
      kind: surveyRecipients.kind,
      countyNumber: surveyRecipients.countyNumber,
      topics: surveyAnswers.topics,
      forms: surveyAnswers.forms,
      urgency: surveyAnswers.urgency,
    })
    .from(surveyRecipients)
    .leftJoin(surveyAnswers, eq(surveyAnswers.recipientId, surveyRecipients.id))
    .where(eq(surveyRecipients.surveyId, survey.id));
  const answered = rows.filter((r) => r.urgency !== null);
  const asAnswers = (group: (r: (typeof answered)[number]) => string): Answer[] =>
    answered.map((r) => ({ group: group(r), topics: r.topics ?? [], forms: r.forms ?? [], urgency: r.urgency! }));
  const countyNames = Object.fromEntries(
    (await getDb().select({ number: counties.number, name: counties.name }).from(counties)).map((c) => [c.number, c.name]),
  );
  return {
    survey: {
      id: survey.id,
      title: survey.title,
      intro: survey.intro,
      senderLevel: survey.senderLevel,
      countyNumber: survey.countyNumber,
      criteria: survey.criteria,
      closesAt: survey.closesAt,
      open: isOpen(survey),
      isDemo: survey.isDemo,
    },
    sent: rows.length,
    answered: answered.length,
    overall: overall(asAnswers(() => "all")),
    byKind: groupResults(asAnswers((r) => r.kind)),
    byCounty: groupResults(asAnswers((r) => r.countyNumber)),
    countyNames,
  };
}

/** Closes a survey before its date; links stop working for answers. Audited. */
export async function closeSurvey(actor: Actor, id: unknown) {
  const survey = await readableSurvey(actor, id);
  await getDb().transaction(async (tx) => {
    await tx
      .update(surveys)
      .set({ closedAt: new Date() })
      .where(and(eq(surveys.id, survey.id), isNull(surveys.closedAt)));
    await recordAudit(tx, actor, { action: "survey.closed", entityType: "survey", entityId: survey.id });
  });
}

async function recipientByToken(token: unknown) {
  if (typeof token !== "string" || !tokenPattern.test(token)) throw new AppError("not_found", "errors.notFound");
  const [row] = await getDb()
    .select({
      recipientId: surveyRecipients.id,
      organizationName: organizations.name,
      surveyId: surveys.id,
      title: surveys.title,
      intro: surveys.intro,
      senderLevel: surveys.senderLevel,
      countyNumber: surveys.countyNumber,
      closesAt: surveys.closesAt,
      closedAt: surveys.closedAt,
      topics: surveyAnswers.topics,
      forms: surveyAnswers.forms,
      urgency: surveyAnswers.urgency,
    })
    .from(surveyRecipients)
    .innerJoin(surveys, eq(surveys.id, surveyRecipients.surveyId))
    .innerJoin(organizations, eq(organizations.id, surveyRecipients.organizationId))
    .leftJoin(surveyAnswers, eq(surveyAnswers.recipientId, surveyRecipients.id))
    .where(eq(surveyRecipients.tokenHash, hashToken(token)));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

/** The answer form behind a personal link: the survey, the organisation's name and its answer so far. No account needed. */
export async function surveyByToken(token: unknown) {
  const r = await recipientByToken(token);
  return {
    title: r.title,
    intro: r.intro,
    senderLevel: r.senderLevel,
    countyNumber: r.countyNumber,
    organizationName: r.organizationName,
    closesAt: r.closesAt,
    open: isOpen(r),
    answer: r.urgency ? { topics: r.topics ?? [], forms: r.forms ?? [], urgency: r.urgency } : null,
  };
}

/** Saves (or replaces) the organisation's one answer while the survey is open. */
export async function answerSurvey(token: unknown, rawInput: unknown): Promise<{ updated: boolean }> {
  const r = await recipientByToken(token);
  if (!isOpen(r)) throw new AppError("conflict", "surveys.error.closed");
  const input = parseInput(answerSchema, rawInput);
  const now = new Date();
  await getDb()
    .insert(surveyAnswers)
    .values({ recipientId: r.recipientId, topics: input.topics, forms: input.forms, urgency: input.urgency, answeredAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: surveyAnswers.recipientId, set: { topics: input.topics, forms: input.forms, urgency: input.urgency, updatedAt: now } });
  return { updated: r.urgency !== null };
}
