import { Link } from "react-router";
import { useIntl } from "react-intl";
import { Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from "@digdir/designsystemet-react";
import { ChoiceGroup, DateField, FieldGroup, NumberField, SelectField, TextareaField, TextField } from "~/components/form.tsx";
import { label, labelOptions } from "~/i18n/labels.ts";
import type { Translate } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import type { NeedStatus, NeedUnit } from "~/domain/needs/needs.constants.ts";
import type { NeedsOverview } from "~/domain/needs/needs-gaps.server.ts";

/** "2027-03-01" → "mars 2027" in the page's language. */
export function monthName(locale: string, isoDate: string): string {
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${isoDate.slice(0, 7)}-01T00:00:00Z`));
}

/** The settlement months a need can be tied to: this month and the next 17 ("YYYY-MM"). */
export function settlementMonthOptions(today: string, current: string | null): string[] {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const months = Array.from({ length: 18 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return d.toISOString().slice(0, 7);
  });
  const kept = current?.slice(0, 7);
  return kept && !months.includes(kept) ? [kept, ...months] : months;
}

export function NeedStatusTag({ status, expired }: { status: NeedStatus; expired?: boolean }) {
  const t = useT();
  if (expired) return <Tag data-color="warning">{t("needs.expired.tag")}</Tag>;
  return <Tag data-color={status === "open" ? "info" : status === "fulfilled" ? "success" : "neutral"}>{label(t, "needStatus", status)}</Tag>;
}

/** "8 of 20 people committed": the progress everyone may see. */
export function progressText(t: Translate, p: { accepted: number; quantity: number; unit: NeedUnit }): string {
  return t("needs.progress", { accepted: Math.min(p.accepted, p.quantity), quantity: p.quantity, unit: label(t, "needUnit", p.unit) });
}

export function NeedProgress({ accepted, quantity, unit }: { accepted: number; quantity: number; unit: NeedUnit }) {
  const t = useT();
  return (
    <div className="stack">
      <progress max={quantity} value={Math.min(accepted, quantity)} aria-label={t("needs.progressLabel")} />
      <span>{progressText(t, { accepted, quantity, unit })}</span>
    </div>
  );
}

/** The need's fields, shared by the new and edit forms (the form's values come from PostForm). */
export function NeedFields({ monthOptions, locale }: { monthOptions: string[]; locale: string }) {
  const t = useT();
  return (
    <>
      <TextField name="title" label={t("needs.field.title")} description={t("needs.field.titleHelp")} />
      <TextareaField name="description" label={t("needs.field.description")} rows={6} />
      <SelectField name="theme" label={t("needs.field.theme")} options={[{ value: "", label: t("needs.field.choose") }, ...labelOptions(t, "theme")]} />
      <ChoiceGroup name="targetGroups" type="checkbox" legend={t("needs.field.targetGroups")} options={labelOptions(t, "targetGroup")} />
      <FieldGroup legend={t("needs.field.howMany")}>
        <NumberField name="quantity" label={t("needs.field.quantity")} />
        <SelectField name="unit" label={t("needs.field.unit")} options={labelOptions(t, "needUnit")} />
      </FieldGroup>
      <FieldGroup legend={t("needs.field.period")}>
        <DateField name="periodStart" label={t("needs.field.periodStart")} />
        <DateField name="periodEnd" label={t("needs.field.periodEnd")} description={t("needs.field.periodEndHelp")} />
        <DateField name="deadline" label={t("needs.field.deadline")} description={t("needs.field.deadlineHelp")} />
        <SelectField
          name="settlementMonth"
          label={t("needs.field.settlementMonth")}
          description={t("needs.field.settlementMonthHelp")}
          options={[{ value: "", label: t("needs.field.noSettlementMonth") }, ...monthOptions.map((m) => ({ value: m, label: monthName(locale, m) }))]}
        />
      </FieldGroup>
      <FieldGroup legend={t("needs.field.contact")}>
        <TextField name="contactName" label={t("needs.field.contactName")} description={t("needs.field.contactNameHelp")} />
        <TextField name="contactEmail" type="email" label={t("needs.field.contactEmail")} />
        <TextField name="contactPhone" type="tel" label={t("needs.field.contactPhone")} description={t("needs.field.contactPhoneHelp")} />
      </FieldGroup>
    </>
  );
}

/** In the overview's gaps section: target groups named in open needs with no activity for them. */
export function NeedsGapsList({ needs, municipalityNumber }: { needs: NeedsOverview; municipalityNumber: string }) {
  const t = useT();
  return (
    <div data-testid="overview-needs-gaps" className="stack">
      <Heading level={3} data-size="xs">
        {t("needs.overview.gapsHeading")}
      </Heading>
      {needs.gaps.length === 0 ? (
        <Paragraph data-size="sm">{t(needs.openCount === 0 ? "needs.overview.noOpenNeeds" : "needs.overview.noGaps")}</Paragraph>
      ) : (
        <ul>
          {needs.gaps.map((g) => (
            <li key={g.key}>{t("needs.overview.gapItem", { group: label(t, "targetGroup", g.key), count: g.needCount })}</li>
          ))}
        </ul>
      )}
      <Paragraph data-size="sm">
        <Link to={`/behov?kommune=${municipalityNumber}`}>{t("needs.overview.allNeeds")}</Link>
      </Paragraph>
    </div>
  );
}

/** The overview's demand against supply per theme, and upcoming needs by settlement month. */
export function NeedsDemandSection({ needs, municipalityNumber }: { needs: NeedsOverview; municipalityNumber: string }) {
  const t = useT();
  return (
    <section aria-labelledby="overview-needs-heading" className="stack" data-testid="overview-needs">
      <Heading level={2} data-size="sm" id="overview-needs-heading">
        {t("needs.overview.heading")}
      </Heading>
      <Paragraph>{t("needs.overview.intro")}</Paragraph>
      {needs.demand.length === 0 ? (
        <Paragraph>{t("needs.overview.noOpenNeeds")}</Paragraph>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="overview-needs-heading">
          <Table data-testid="overview-needs-demand">
            <caption className="visually-hidden">{t("needs.overview.heading")}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t("needs.overview.theme")}</TableHeaderCell>
                <TableHeaderCell>{t("needs.overview.needCount")}</TableHeaderCell>
                <TableHeaderCell>{t("needs.overview.asked")}</TableHeaderCell>
                <TableHeaderCell>{t("needs.overview.committed")}</TableHeaderCell>
                <TableHeaderCell>{t("needs.overview.activities")}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {needs.demand.map((d) => (
                <TableRow key={`${d.theme}/${d.unit}`}>
                  <TableCell>{label(t, "theme", d.theme)}</TableCell>
                  <TableCell>{d.needCount}</TableCell>
                  <TableCell>
                    {d.asked} {label(t, "needUnit", d.unit)}
                  </TableCell>
                  <TableCell>
                    {d.committed} {label(t, "needUnit", d.unit)}
                  </TableCell>
                  <TableCell>{d.activityCount}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <NeedsBySettlementMonth months={needs.settlementMonths} />
      <Paragraph data-size="sm">
        <Link to={`/behov?kommune=${municipalityNumber}`}>{t("needs.overview.link")}</Link>
      </Paragraph>
    </section>
  );
}

/** Open needs tied to a settlement month, by month ("families arriving in March"). */
export function NeedsBySettlementMonth({ months }: { months: NeedsOverview["settlementMonths"] }) {
  const t = useT();
  const { locale } = useIntl();
  if (months.length === 0) return null;
  return (
    <div className="stack" data-testid="overview-needs-settlement">
      <Heading level={3} data-size="xs">
        {t("needs.overview.bySettlementMonth")}
      </Heading>
      <ul>
        {months.map((m) => (
          <li key={m.month}>
            <strong>{t("needs.overview.arriving", { month: monthName(locale, m.month) })}</strong>
            <ul>
              {m.needs.map((n) => (
                <li key={n.id}>
                  <Link to={`/behov/${n.id}`}>{n.title}</Link> – {progressText(t, { accepted: n.accepted, quantity: n.quantity, unit: n.unit })}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** On the kommune's settlement page: upcoming needs by settlement month, next to the figures. */
export function SettlementNeedsSection({ months, municipalityNumber }: { months: NeedsOverview["settlementMonths"]; municipalityNumber: string }) {
  const t = useT();
  return (
    <section aria-labelledby="settlement-needs-heading" className="stack" data-testid="settlement-needs">
      <Heading level={2} data-size="sm" id="settlement-needs-heading">
        {t("needs.settlement.heading")}
      </Heading>
      {months.length === 0 ? <Paragraph>{t("needs.settlement.none")}</Paragraph> : <NeedsBySettlementMonth months={months} />}
      <Paragraph data-size="sm">
        <Link to="/behov/ny">{t("needs.post")}</Link> · <Link to={`/behov?kommune=${municipalityNumber}`}>{t("needs.overview.link")}</Link>
      </Paragraph>
    </section>
  );
}
