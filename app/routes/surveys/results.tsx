import { Link, redirect } from "react-router";
import { Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/results";
import { BarChart } from "~/components/charts.tsx";
import { DemoTag } from "~/components/demo-tag.tsx";
import { FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { label } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { intent, intentAction, noFields } from "~/lib/intents.server.ts";
import { getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { competenceTopics } from "~/domain/competence/topics.ts";
import { isLabelValue } from "~/i18n/labels.ts";
import { helpForms, MIN_GROUP_SIZE, urgencies } from "~/domain/surveys/surveys.constants.ts";
import type { GroupRow, Tally } from "~/domain/surveys/results.ts";
import { closeSurvey, senderNameOf, surveyResults } from "~/domain/surveys/surveys.server.ts";
import { helpFormKey, urgencyKey } from "./survey-ui.tsx";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.results.survey.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const results = await guard(request, () => surveyResults(getActor(context), params.id));
  const senderName = await senderNameOf(getTranslator(getLocale(context)), results.survey);
  const sent = Number(search.get("sendt"));
  return { results, senderName, sentNotice: Number.isInteger(sent) && sent > 0 ? sent : null, closedNotice: search.has("stengt") };
}

/** intent=close: the sender closes the survey before its date. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    close: intent(noFields, async () => {
      await closeSurvey(actor, params.id);
      throw redirect(`/undersokelser/${params.id}?stengt=1`);
    }),
  });
}

type T = ReturnType<typeof useT>;

function groupName(t: T, dimension: "kind" | "county", key: string, countyNames: Record<string, string>): string {
  if (dimension === "county") return countyNames[key] ?? key;
  return isLabelValue("organizationKind", key) ? label(t, "organizationKind", key) : key;
}

function rowName(t: T, dimension: "kind" | "county", row: GroupRow, countyNames: Record<string, string>): string {
  if (row.key !== null) return groupName(t, dimension, row.key, countyNames);
  return t("surveys.results.otherOf", { groups: row.merged.map((k) => groupName(t, dimension, k, countyNames)).join(", ") });
}

function GroupSection({ dimension, rows, countyNames }: { dimension: "kind" | "county"; rows: GroupRow[]; countyNames: Record<string, string> }) {
  const t = useT();
  const format = useFormat();
  const heading = t(dimension === "kind" ? "surveys.results.byKindHeading" : "surveys.results.byCountyHeading");
  const id = `survey-${dimension}`;
  const caption = t("surveys.results.tableCaption", { heading });
  return (
    <section aria-labelledby={`${id}-heading`} className="stack">
      <Heading level={2} data-size="sm" id={`${id}-heading`}>
        {heading}
      </Heading>
      <BarChart
        id={`${id}-chart`}
        title={heading}
        description={t(dimension === "kind" ? "surveys.results.byKindDesc" : "surveys.results.byCountyDesc")}
        data={rows.map((row) => ({ key: row.key ?? "other", label: rowName(t, dimension, row, countyNames), value: row.answers }))}
      >
        <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
          <Table data-size="sm">
            <caption>{caption}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell scope="col">{t("surveys.results.colGroup")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("surveys.results.colAnswers")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("surveys.results.colUrgent")}</TableHeaderCell>
                {competenceTopics.map((topic) => (
                  <TableHeaderCell scope="col" key={topic}>
                    {label(t, "competenceTopic", topic)}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.key ?? "other"}>
                  <TableHeaderCell scope="row">{rowName(t, dimension, row, countyNames)}</TableHeaderCell>
                  <TableCell>{format.number(row.answers)}</TableCell>
                  <TableCell>{format.number(row.urgency.urgent)}</TableCell>
                  {competenceTopics.map((topic) => (
                    <TableCell key={topic}>{format.number(row.topics[topic])}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </BarChart>
    </section>
  );
}

function CountTable({ caption, rows }: { caption: string; rows: { key: string; label: string; value: number }[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <Table data-size="sm">
      <caption>{caption}</caption>
      <TableHead>
        <TableRow>
          <TableHeaderCell scope="col">{caption}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("surveys.results.colCount")}</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key}>
            <TableHeaderCell scope="row">{r.label}</TableHeaderCell>
            <TableCell>{format.number(r.value)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Overall({ tally }: { tally: Tally }) {
  const t = useT();
  return (
    <section aria-labelledby="survey-topics-heading" className="stack">
      <Heading level={2} data-size="sm" id="survey-topics-heading">
        {t("surveys.results.topicsHeading")}
      </Heading>
      <BarChart
        id="survey-topics-chart"
        title={t("surveys.results.topicsHeading")}
        description={t("surveys.results.topicsDesc", { count: tally.answers })}
        data={competenceTopics.map((topic) => ({ key: topic, label: label(t, "competenceTopic", topic), value: tally.topics[topic] }))}
        labelHeading={t("surveys.results.colGroup")}
        valueHeading={t("surveys.results.colCount")}
      />
      <CountTable caption={t("surveys.results.formsHeading")} rows={helpForms.map((f) => ({ key: f, label: t(helpFormKey[f]), value: tally.forms[f] }))} />
      <CountTable caption={t("surveys.results.urgencyHeading")} rows={urgencies.map((u) => ({ key: u, label: t(urgencyKey[u]), value: tally.urgency[u] }))} />
    </section>
  );
}

export default function SurveyResults({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { results, senderName, sentNotice, closedNotice } = loaderData;
  const { survey } = results;
  return (
    <div className="page stack">
      <Paragraph data-size="sm">
        <Link to="/undersokelser">{t("surveys.results.back")}</Link>
      </Paragraph>
      {sentNotice ? <Notice>{t("surveys.new.sent", { count: sentNotice })}</Notice> : null}
      {closedNotice ? <Notice>{t("surveys.results.closedNotice")}</Notice> : null}
      <Heading level={1} data-size="lg">
        {survey.title} <DemoTag show={survey.isDemo} />
      </Heading>
      <Paragraph>
        {survey.open
          ? t("surveys.results.sentBy", { sender: senderName, closes: format.date(survey.closesAt) })
          : t("surveys.results.closedBy", { sender: senderName })}
      </Paragraph>
      {survey.intro ? <Paragraph style={{ whiteSpace: "pre-line" }}>{survey.intro}</Paragraph> : null}
      <Paragraph>
        <strong>{t("surveys.results.answered", { answered: results.answered, sent: results.sent })}</strong>
      </Paragraph>
      {results.overall ? (
        <>
          <Paragraph data-size="sm">{t("surveys.results.smallGroups", { min: MIN_GROUP_SIZE })}</Paragraph>
          <Overall tally={results.overall} />
          <GroupSection dimension="kind" rows={results.byKind.rows} countyNames={results.countyNames} />
          <GroupSection dimension="county" rows={results.byCounty.rows} countyNames={results.countyNames} />
        </>
      ) : (
        <Notice tone="info">{t("surveys.results.tooFew", { min: MIN_GROUP_SIZE })}</Notice>
      )}
      {survey.open ? (
        <PostForm intent="close" actionData={actionData}>
          <FormActions>
            <SubmitButton variant="secondary">{t("surveys.results.close")}</SubmitButton>
          </FormActions>
        </PostForm>
      ) : null}
    </div>
  );
}
