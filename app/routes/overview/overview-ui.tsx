import type { ReactNode } from "react";
import { Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import { BarChart } from "~/components/charts.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { labelOf } from "~/i18n/labels.ts";
import { NeedsGapsList } from "~/routes/needs/needs-ui.tsx";
import type { NeedsOverview } from "~/domain/needs/needs-gaps.server.ts";

/** Serialised overview as the loaders return it (dates become strings on the wire only when hydrated; both are accepted). */
type DateLike = Date | string;
export interface FiguresView {
  activityCount: number;
  organizationCount: number;
  capacity: number;
  seekingVolunteers: number;
  perHundredSettled: number | null;
}
export interface OverviewView {
  municipality: { number: string; name: string; countyName: string };
  full: boolean;
  year: number;
  settlement: { requested: number | null; decided: number | null; settled: number | null; inIntroductionProgramme: number | null };
  total: FiguresView;
  themes: (FiguresView & { key: string })[];
  targetGroups: (FiguresView & { key: string })[];
  gapThreshold: number;
  gaps: { dimension: "theme" | "target_group"; key: string; activityCount: number }[];
  /** Issue 14: target groups named in open needs without activities, demand against supply, needs by settlement month. */
  needs: NeedsOverview;
  mapping: { mapped: boolean; minActivities: number; registeredOrganizations: number; organizationsWithActivity: number; confirmedRecently: number };
  withoutActivity?: { organizations: { id: string; name: string }[]; total: number } | null;
  stale: {
    staleMonths: number;
    activities: {
      id: string;
      title: string;
      organizationId: string;
      organizationName: string;
      lastConfirmedAt: DateLike;
      reminderSentAt: DateLike | null;
      state: "stale" | "hidden";
    }[];
    activityTotal: number;
    organizations: { id: string; name: string; lastConfirmedAt: DateLike | null; staleActivityCount: number; lastReminderAt: DateLike | null }[];
    organizationTotal: number;
  } | null;
}

/** A figure that may be unreported: the words "not reported", never 0 or a dash. */
export function useMaybe() {
  const t = useT();
  const format = useFormat();
  return (value: number | null) => (value === null ? <span className="muted">{t("overview.notReported")}</span> : format.number(value));
}

export function TotalsSection({ overview }: { overview: OverviewView }) {
  const t = useT();
  const format = useFormat();
  const maybe = useMaybe();
  const { total, settlement, year } = overview;
  return (
    <section aria-labelledby="overview-totals-heading" className="stack">
      <Heading level={2} data-size="sm" id="overview-totals-heading">
        {t("overview.totals.heading")}
      </Heading>
      <dl className="overview-figures">
        <div>
          <dt>{t("overview.totals.activities")}</dt>
          <dd>{format.number(total.activityCount)}</dd>
        </div>
        <div>
          <dt>{t("overview.totals.organizations")}</dt>
          <dd>{format.number(total.organizationCount)}</dd>
        </div>
        <div>
          <dt>{t("overview.totals.capacity")}</dt>
          <dd>{format.number(total.capacity)}</dd>
        </div>
        <div>
          <dt>{t("overview.totals.volunteers")}</dt>
          <dd>{format.number(total.seekingVolunteers)}</dd>
        </div>
        <div>
          <dt>{t("overview.totals.settled", { year })}</dt>
          <dd data-testid="overview-settled">{maybe(settlement.settled)}</dd>
        </div>
        <div>
          <dt>{t("overview.totals.requested", { year })}</dt>
          <dd>{maybe(settlement.requested)}</dd>
        </div>
        <div>
          <dt>{t("overview.totals.decided", { year })}</dt>
          <dd>{maybe(settlement.decided)}</dd>
        </div>
        <div>
          <dt>{t("overview.totals.introduction", { year })}</dt>
          <dd>{maybe(settlement.inIntroductionProgramme)}</dd>
        </div>
        <div>
          <dt>{t("overview.totals.perHundred")}</dt>
          <dd data-testid="overview-per-hundred">{maybe(total.perHundredSettled)}</dd>
        </div>
      </dl>
      {settlement.settled === null ? <Paragraph>{t("overview.settlement.missing", { year })}</Paragraph> : null}
    </section>
  );
}

function FiguresTable({
  rows,
  caption,
  firstHeading,
  labelFor,
}: {
  rows: OverviewView["themes"];
  caption: string;
  firstHeading: string;
  labelFor: (k: string) => string;
}) {
  const t = useT();
  const format = useFormat();
  const maybe = useMaybe();
  return (
    // Focusable so a keyboard can scroll it sideways on a narrow screen.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <Table data-size="sm">
        <caption>{caption}</caption>
        <TableHead>
          <TableRow>
            <TableHeaderCell scope="col">{firstHeading}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("overview.col.activities")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("overview.col.organizations")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("overview.col.capacity")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("overview.col.volunteers")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("overview.col.perHundred")}</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.key}>
              <TableHeaderCell scope="row">{labelFor(r.key)}</TableHeaderCell>
              <TableCell>{format.number(r.activityCount)}</TableCell>
              <TableCell>{format.number(r.organizationCount)}</TableCell>
              <TableCell>{format.number(r.capacity)}</TableCell>
              <TableCell>{format.number(r.seekingVolunteers)}</TableCell>
              <TableCell>{maybe(r.perHundredSettled)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** Coverage of one dimension: chart and, beside it, the full table. `after` goes under the table (e.g. export links). */
export function CoverageSection({ overview, dimension, after }: { overview: OverviewView; dimension: "theme" | "target_group"; after?: ReactNode }) {
  const t = useT();
  const isTheme = dimension === "theme";
  const rows = isTheme ? overview.themes : overview.targetGroups;
  const labelFor = (key: string) => labelOf(t, isTheme ? "theme" : "targetGroup", key);
  const id = isTheme ? "overview-theme" : "overview-target";
  const gapCount = rows.filter((r) => r.activityCount < overview.gapThreshold).length;
  const values = { name: overview.municipality.name, gapCount, threshold: overview.gapThreshold };
  return (
    <section aria-labelledby={`${id}-heading`} className="stack">
      <Heading level={2} data-size="sm" id={`${id}-heading`}>
        {t(isTheme ? "overview.theme.heading" : "overview.target.heading")}
      </Heading>
      <BarChart
        id={`${id}-chart`}
        title={t(isTheme ? "overview.theme.heading" : "overview.target.heading")}
        description={t(isTheme ? "overview.theme.chartDesc" : "overview.target.chartDesc", values)}
        highlightText={t("overview.chart.gapMark")}
        data={rows.map((r) => ({ key: r.key, label: labelFor(r.key), value: r.activityCount, highlight: r.activityCount < overview.gapThreshold }))}
      >
        <FiguresTable
          rows={rows}
          caption={t(isTheme ? "overview.table.caption.theme" : "overview.table.caption.target")}
          firstHeading={t(isTheme ? "overview.col.theme" : "overview.col.targetGroup")}
          labelFor={labelFor}
        />
      </BarChart>
      {after}
    </section>
  );
}

/** How complete the kommune's picture is: "not registered" must never read as "not offered". */
export function MappingSection({ overview }: { overview: OverviewView }) {
  const t = useT();
  const { mapping, total, municipality } = overview;
  return (
    <section aria-labelledby="overview-mapping-heading" className="stack" data-testid="overview-mapping">
      <Heading level={2} data-size="sm" id="overview-mapping-heading">
        {t("overview.mapping.heading")}
      </Heading>
      {mapping.mapped ? null : (
        <Paragraph data-testid="overview-not-mapped">
          <strong>{t("overview.mapping.notMapped")}</strong> {t("overview.mapping.notMappedText", { name: municipality.name, min: mapping.minActivities })}
        </Paragraph>
      )}
      <ul>
        <li>{t("overview.mapping.organizations", { withActivity: mapping.organizationsWithActivity, registered: mapping.registeredOrganizations })}</li>
        <li>{t("overview.mapping.confirmed", { confirmed: mapping.confirmedRecently, total: total.activityCount })}</li>
      </ul>
    </section>
  );
}

/** Organisations serving the kommune with nothing registered yet: whom a coordinator can approach. */
export function WithoutActivitySection({ withoutActivity }: { withoutActivity: NonNullable<OverviewView["withoutActivity"]> }) {
  const t = useT();
  return (
    <section aria-labelledby="overview-without-heading" className="stack" data-testid="overview-without-activity">
      <Heading level={2} data-size="sm" id="overview-without-heading">
        {t("overview.without.heading")}
      </Heading>
      <Paragraph>{t("overview.without.intro", { count: withoutActivity.total })}</Paragraph>
      {withoutActivity.organizations.length > 0 ? (
        <>
          <ul className="overview-columns">
            {withoutActivity.organizations.map((o) => (
              <li key={o.id}>
                <a href={`/organisasjoner/${o.id}`}>{o.name}</a>
              </li>
            ))}
          </ul>
          {withoutActivity.total > withoutActivity.organizations.length ? (
            <Paragraph data-size="sm">{t("overview.without.more", { shown: withoutActivity.organizations.length, total: withoutActivity.total })}</Paragraph>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export function GapsSection({ overview, after }: { overview: OverviewView; after?: ReactNode }) {
  const t = useT();
  const themeGaps = overview.gaps.filter((g) => g.dimension === "theme");
  const targetGaps = overview.gaps.filter((g) => g.dimension === "target_group");
  return (
    <section aria-labelledby="overview-gaps-heading" className="stack" data-testid="overview-gaps">
      <Heading level={2} data-size="sm" id="overview-gaps-heading">
        {t("overview.gaps.heading")}
      </Heading>
      <Paragraph>{t("overview.gaps.intro", { threshold: overview.gapThreshold })}</Paragraph>
      {!overview.mapping.mapped ? (
        <Paragraph data-testid="overview-gaps-not-mapped">{t("overview.gaps.notMapped", { min: overview.mapping.minActivities })}</Paragraph>
      ) : overview.gaps.length === 0 ? (
        <Paragraph>{t("overview.gaps.none")}</Paragraph>
      ) : (
        <div className="overview-gaps">
          {[
            { key: "themes", heading: t("overview.gaps.themes"), gaps: themeGaps, kind: "theme" as const },
            { key: "targets", heading: t("overview.gaps.targets"), gaps: targetGaps, kind: "targetGroup" as const },
          ].map((group) =>
            group.gaps.length > 0 ? (
              <div key={group.key}>
                <Heading level={3} data-size="xs">
                  {group.heading}
                </Heading>
                <ul>
                  {group.gaps.map((g) => (
                    <li key={g.key}>{t("overview.gaps.item", { name: labelOf(t, group.kind, g.key), count: g.activityCount })}</li>
                  ))}
                </ul>
              </div>
            ) : null,
          )}
        </div>
      )}
      <NeedsGapsList needs={overview.needs} municipalityNumber={overview.municipality.number} />
      {after}
    </section>
  );
}

/** Stale activities and organisations (coordinators only). `reminderCell` renders the per-organisation action (the page: a form; print: nothing). */
export function StaleSection({
  stale,
  reminderCell,
  after,
}: {
  stale: NonNullable<OverviewView["stale"]>;
  reminderCell?: (org: NonNullable<OverviewView["stale"]>["organizations"][number]) => ReactNode;
  after?: ReactNode;
}) {
  const t = useT();
  const format = useFormat();
  const date = (d: DateLike | null) => (d ? format.date(d) : t("overview.stale.never"));
  return (
    <section aria-labelledby="overview-stale-heading" className="stack" data-testid="overview-stale">
      <Heading level={2} data-size="sm" id="overview-stale-heading">
        {t("overview.stale.heading")}
      </Heading>
      <Paragraph>{t("overview.stale.intro", { months: stale.staleMonths })}</Paragraph>

      <Heading level={3} data-size="xs" id="overview-stale-activities-heading">
        {t("overview.stale.activitiesHeading")}
      </Heading>
      {stale.activities.length === 0 ? (
        <Paragraph>{t("overview.stale.activitiesNone")}</Paragraph>
      ) : (
        <>
          <Paragraph>
            {t("overview.stale.activitiesCount", { count: stale.activityTotal })}
            {stale.activityTotal > stale.activities.length ? ` ${t("overview.stale.moreThanShown", { shown: stale.activities.length })}` : null}
          </Paragraph>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="overview-stale-activities-heading">
            <Table data-size="sm" aria-labelledby="overview-stale-activities-heading">
              <TableHead>
                <TableRow>
                  <TableHeaderCell scope="col">{t("overview.col.name")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("overview.col.organization")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("overview.col.lastConfirmed")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("overview.col.reminderSent")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {stale.activities.map((a) => (
                  <TableRow key={a.id}>
                    <TableHeaderCell scope="row">
                      <a href={`/aktiviteter/${a.id}`}>{a.title}</a>
                      {a.state === "hidden" ? <span className="muted"> ({t("overview.stale.hidden")})</span> : null}
                    </TableHeaderCell>
                    <TableCell>
                      <a href={`/organisasjoner/${a.organizationId}`}>{a.organizationName}</a>
                    </TableCell>
                    <TableCell>{date(a.lastConfirmedAt)}</TableCell>
                    <TableCell>{a.reminderSentAt ? format.date(a.reminderSentAt) : ""}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      )}

      <Heading level={3} data-size="xs" id="overview-stale-organizations-heading">
        {t("overview.stale.organizationsHeading")}
      </Heading>
      {stale.organizations.length === 0 ? (
        <Paragraph>{t("overview.stale.organizationsNone")}</Paragraph>
      ) : (
        <>
          <Paragraph>
            {t("overview.stale.organizationsCount", { count: stale.organizationTotal })}
            {stale.organizationTotal > stale.organizations.length ? ` ${t("overview.stale.moreThanShown", { shown: stale.organizations.length })}` : null}
          </Paragraph>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="overview-stale-organizations-heading">
            <Table data-size="sm" aria-labelledby="overview-stale-organizations-heading">
              <TableHead>
                <TableRow>
                  <TableHeaderCell scope="col">{t("overview.col.organization")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("overview.col.lastConfirmed")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("overview.col.staleActivities")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{reminderCell ? t("overview.col.action") : t("overview.col.reminderSent")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {stale.organizations.map((o) => (
                  <TableRow key={o.id}>
                    <TableHeaderCell scope="row">
                      <a href={`/organisasjoner/${o.id}`}>{o.name}</a>
                    </TableHeaderCell>
                    <TableCell>{date(o.lastConfirmedAt)}</TableCell>
                    <TableCell>{format.number(o.staleActivityCount)}</TableCell>
                    <TableCell>{reminderCell ? reminderCell(o) : o.lastReminderAt ? format.date(o.lastReminderAt) : ""}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      )}
      {after}
    </section>
  );
}
