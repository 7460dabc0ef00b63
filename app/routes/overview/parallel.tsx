import { Form, Link, redirect } from "react-router";
import { Alert, Button, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import type { Route } from "./+types/parallel";
import { CsrfField } from "~/components/csrf.tsx";
import { FormErrorSummary, formFailure, TextareaField } from "~/components/form.tsx";
import { DemoTag } from "~/components/demo-tag.tsx";
import { Pagination } from "../municipalities/municipality-ui.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import {
  listParallelInitiatives,
  markDistinct,
  suggestCollaboration,
  unmarkDistinct,
  type ParallelPair,
  type PairActivity,
} from "~/domain/overlap/overlap.server.ts";
import { coordinatorPairStep } from "~/domain/overlap/pair-follow-up.server.ts";
import { FollowUpTag, percent, ReasonTable } from "./overlap-ui.tsx";
import { MAX_SUGGESTION_MESSAGE } from "~/domain/overlap/overlap.schema.ts";
import "~/styles/overlap.css";

/** Plain forms and links: nothing here needs JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Parallelle tiltak"} – Samspill` }];
}

const notices = { skjult: "distinct", angret: "restored", foreslatt: "suggested", kontakt: "inContact" } as const;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const url = new URL(request.url);
  const noticeParam = (Object.keys(notices) as (keyof typeof notices)[]).find((k) => url.searchParams.has(k));
  const data = await guard(request, () =>
    listParallelInitiatives(actor, params.number, {
      page: url.searchParams.get("side") ?? 1,
      noticePair: noticeParam ? url.searchParams.get(noticeParam) : null,
    }),
  );
  const t = getTranslator(getLocale(context));
  return {
    title: t("overlap.title", { name: data.municipality.name }),
    ...data,
    notice: noticeParam && data.noticePair ? notices[noticeParam] : null,
  };
}

/** "These are distinct", "Show again" and "Suggest collaboration"; back to the list with a notice (post/redirect/get). */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const input = { ...values, municipality: params.number };
  const base = `/kommuner/${params.number}/parallelle`;
  // Each step goes back to the list with a notice naming the pair (post/redirect/get).
  const back = (notice: string, pair: { a: { id: string }; b: { id: string } }) => redirect(`${base}?${notice}=${pair.a.id}~${pair.b.id}`);
  return intentAction(request, context, values, {
    distinct: intent(formFields, async () => {
      throw back("skjult", await markDistinct(actor, input));
    }),
    restore: intent(formFields, async () => {
      throw back("angret", await unmarkDistinct(actor, input));
    }),
    suggest: intent(formFields, async () => {
      throw back("foreslatt", await suggestCollaboration(actor, input));
    }),
    "follow-up": intent(formFields, async () => {
      const result = await coordinatorPairStep(actor, input);
      throw back(result.step === "distinct" ? "skjult" : "kontakt", result);
    }),
  });
}

function ActivityLink({ activity }: { activity: PairActivity }) {
  const t = useT();
  return (
    <>
      <Link to={`/aktiviteter/${activity.id}`}>{activity.title}</Link>{" "}
      {activity.visibility !== "public" ? (
        <Tag data-size="sm" data-color="neutral">
          {t("overlap.internal")}
        </Tag>
      ) : null}{" "}
      <span className="muted">{t("overlap.byOrganization", { organization: activity.organizationName })}</span> <DemoTag show={activity.isDemo} />
    </>
  );
}

function PairCard({ pair, index, values }: { pair: ParallelPair; index: number; values: Record<string, string> }) {
  const t = useT();
  const format = useFormat();
  const headingId = `pair-${index}`;
  const hidden = (
    <>
      <CsrfField />
      <input type="hidden" name="a" value={pair.a} />
      <input type="hidden" name="b" value={pair.b} />
    </>
  );
  const sameForm = values.a === pair.a && values.b === pair.b;
  return (
    <li className="overlap-pair stack" aria-labelledby={headingId}>
      <Heading level={3} data-size="xs" id={headingId}>
        {t("overlap.score", { percent: percent(pair.score) })}
        {pair.cluster ? ` · ${t("overlap.cluster", { number: pair.cluster })}` : null}
      </Heading>
      <ul className="overlap-activities">
        <li>
          <ActivityLink activity={pair.activityA} />
        </li>
        <li>
          <ActivityLink activity={pair.activityB} />
        </li>
      </ul>
      <ReasonTable pair={pair} />
      <Paragraph data-size="sm">
        {t("overlap.followUp.label")} <FollowUpTag status={pair.followUp} />
      </Paragraph>
      {pair.suggestedAt ? <Paragraph data-size="sm">{t("overlap.suggested", { date: format.date(pair.suggestedAt) })}</Paragraph> : null}
      <div className="overlap-actions">
        <Form method="post">
          {hidden}
          <input type="hidden" name="intent" value="distinct" />
          <Button type="submit" variant="secondary" data-size="sm">
            {t("overlap.action.distinct")}
          </Button>
        </Form>
        {pair.followUp === "suggested" ? (
          <Form method="post">
            {hidden}
            <input type="hidden" name="intent" value="follow-up" />
            <input type="hidden" name="step" value="in_contact" />
            <Button type="submit" variant="secondary" data-size="sm">
              {t("overlap.followUp.action.in_contact")}
            </Button>
          </Form>
        ) : null}
        <details open={sameForm && values.intent === "suggest" ? true : undefined}>
          <summary>{t("overlap.suggest.summary")}</summary>
          <Form method="post" className="stack">
            {hidden}
            <input type="hidden" name="intent" value="suggest" />
            <Paragraph data-size="sm">{t("overlap.suggest.description")}</Paragraph>
            <TextareaField
              name="message"
              label={t("overlap.suggest.messageLabel")}
              rows={3}
              maxLength={MAX_SUGGESTION_MESSAGE}
              defaultValue={sameForm ? values.message : undefined}
            />
            <Button type="submit" data-size="sm">
              {t("overlap.action.suggest")}
            </Button>
          </Form>
        </details>
      </div>
    </li>
  );
}

function RestoreForm({ a, b, label }: { a: string; b: string; label: string }) {
  return (
    <Form method="post" className="overlap-inline-form">
      <CsrfField />
      <input type="hidden" name="a" value={a} />
      <input type="hidden" name="b" value={b} />
      <input type="hidden" name="intent" value="restore" />
      <Button type="submit" variant="tertiary" data-size="sm">
        {label}
      </Button>
    </Form>
  );
}

export default function ParallelInitiatives({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const failure = formFailure(actionData);
  const { municipality: m, pairs, noticePair, notice } = loaderData;
  const base = `/kommuner/${m.number}/parallelle`;
  const w = loaderData.weights;
  return (
    <div className="page stack">
      <Paragraph data-size="sm">
        <Link to={`/kommuner/${m.number}`}>{t("overlap.backLink", { name: m.name })}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("overlap.title", { name: m.name })}
      </Heading>
      <Paragraph>{t("overlap.intro")}</Paragraph>

      {notice && noticePair ? (
        <Alert data-color="success" role="status">
          {notice === "distinct" ? (
            <>
              <Paragraph>{t("overlap.notice.distinct", { a: noticePair.a.title, b: noticePair.b.title })}</Paragraph>
              <RestoreForm a={noticePair.a.id} b={noticePair.b.id} label={t("overlap.notice.undo")} />
            </>
          ) : notice === "inContact" ? (
            <Paragraph>{t("overlap.followUp.notice.in_contact", { a: noticePair.a.title, b: noticePair.b.title })}</Paragraph>
          ) : notice === "restored" ? (
            <Paragraph>{t("overlap.notice.restored", { a: noticePair.a.title, b: noticePair.b.title })}</Paragraph>
          ) : (
            <Paragraph>{t("overlap.notice.suggested", { organizations: `${noticePair.a.organizationName}, ${noticePair.b.organizationName}` })}</Paragraph>
          )}
        </Alert>
      ) : null}
      <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} />

      <Paragraph>{t("overlap.summary", { activities: loaderData.activityCount, compared: loaderData.compared, total: loaderData.total })}</Paragraph>

      <section aria-labelledby="overlap-pairs-heading" className="stack">
        <Heading level={2} data-size="sm" id="overlap-pairs-heading">
          {t("overlap.pairsHeading")}
        </Heading>
        {pairs.length === 0 ? (
          <Paragraph>{t("overlap.empty")}</Paragraph>
        ) : (
          <ol className="overlap-pairs">
            {pairs.map((pair, i) => (
              <PairCard key={`${pair.a}-${pair.b}`} pair={pair} index={i} values={failure.values} />
            ))}
          </ol>
        )}
        <Pagination basePath={base} page={loaderData.page} pageCount={loaderData.pageCount} label={t("overlap.pagination")} />
      </section>

      {loaderData.clusters.length > 0 ? (
        <section aria-labelledby="overlap-clusters-heading" className="stack">
          <Heading level={2} data-size="sm" id="overlap-clusters-heading">
            {t("overlap.clustersHeading")}
          </Heading>
          {loaderData.clusters.map((cluster) => (
            <div key={cluster.number}>
              <Paragraph>{t("overlap.clusterItem", { number: cluster.number, count: cluster.activities.length })}</Paragraph>
              <ul>
                {cluster.activities.map((a) => (
                  <li key={a.id}>
                    <ActivityLink activity={a} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="overlap-distinct-heading" className="stack">
        <Heading level={2} data-size="sm" id="overlap-distinct-heading">
          {t("overlap.distinctHeading")}
        </Heading>
        <Paragraph data-size="sm">{t("overlap.distinctIntro")}</Paragraph>
        {loaderData.distinct.length === 0 ? (
          <Paragraph>{t("overlap.distinctEmpty")}</Paragraph>
        ) : (
          <ul className="overlap-distinct">
            {loaderData.distinct.map((d) => (
              <li key={`${d.a.id}-${d.b.id}`}>
                {t("overlap.distinctItem", { a: d.a.title, b: d.b.title, date: format.date(d.decidedAt) })}{" "}
                <RestoreForm a={d.a.id} b={d.b.id} label={t("overlap.action.restore")} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="overlap-how-heading" className="stack">
        <Heading level={2} data-size="sm" id="overlap-how-heading">
          {t("overlap.howHeading")}
        </Heading>
        <Paragraph data-size="sm">
          {t("overlap.how", {
            theme: percent(w.theme),
            target: percent(w.target),
            place: percent(w.place),
            time: percent(w.time),
            text: percent(w.text),
            threshold: percent(loaderData.threshold),
          })}
        </Paragraph>
      </section>
    </div>
  );
}
