import { Link } from "react-router";
import { Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/list";
import { DemoTag } from "~/components/demo-tag.tsx";
import { Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { listSurveys, senderNameOf } from "~/domain/surveys/surveys.server.ts";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** The surveys IMDi (all) or a fylkeskommune's advisors (their own) may read. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const t = getTranslator(getLocale(context));
  const { surveys } = await guard(request, () => listSurveys(getActor(context)));
  const rows = await Promise.all(surveys.map(async (s) => ({ ...s, senderName: await senderNameOf(t, s) })));
  return { title: t("surveys.list.title"), surveys: rows };
}

export default function SurveyList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { surveys } = loaderData;
  return (
    <div className="page stack">
      <Heading level={1} data-size="lg">
        {t("surveys.list.title")}
      </Heading>
      <Paragraph>{t("surveys.list.intro")}</Paragraph>
      <Paragraph>
        <Link to="/undersokelser/ny" className="ds-button" data-variant="primary">
          {t("surveys.list.new")}
        </Link>
      </Paragraph>
      <Section id="surveys" heading={t("surveys.list.caption")} empty={surveys.length === 0 ? t("surveys.list.empty") : null}>
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("surveys.list.caption")}>
          <Table data-size="sm">
            <TableHead>
              <TableRow>
                <TableHeaderCell scope="col">{t("surveys.list.colTitle")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("surveys.list.colSender")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("surveys.list.colAnswered")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("surveys.list.colCloses")}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {surveys.map((s) => (
                <TableRow key={s.id}>
                  <TableHeaderCell scope="row">
                    <Link to={`/undersokelser/${s.id}`}>{s.title}</Link> <DemoTag show={s.isDemo} />
                  </TableHeaderCell>
                  <TableCell>{s.senderName}</TableCell>
                  <TableCell>{t("surveys.list.answeredOf", { answered: s.answered, sent: s.sent })}</TableCell>
                  <TableCell>{s.open ? format.date(s.closesAt) : t("surveys.list.closed")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </Section>
    </div>
  );
}
