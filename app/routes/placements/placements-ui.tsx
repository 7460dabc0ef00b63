import { Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Link } from "react-router";
import { ChoiceGroup, FieldGroup, NumberField, DateField, SelectField, TextareaField, TextField, CheckboxField } from "~/components/form.tsx";
import type { Translate } from "~/i18n/translate.ts";
import { label, labelOptions } from "~/i18n/labels.ts";
import { incentives, INCENTIVES_LAST_CHECKED } from "~/domain/placements/incentives.ts";

/** A calendar day as Intl reads it: noon UTC, so no time zone moves it to the day before. */
export function day(value: string): string {
  return `${value}T12:00:00Z`;
}

/** "From 4 Jan 2027" or "4 Jan 2027–31 Mar 2027". */
export function periodText(t: Translate, formatDate: (value: string) => string, start: string, end: string | null): string {
  return end === null
    ? t("placements.period.from", { start: formatDate(day(start)) })
    : t("placements.period.range", { start: formatDate(day(start)), end: formatDate(day(end)) });
}

export interface FollowUpOption {
  id: string;
  name: string;
  municipalityNumber: string;
  municipalityName: string;
}

/**
 * The placement form's fields, shared by the new and the edit page. The follow-up contacts offered are those the
 * loader read for the employer's kommuner; the domain checks the chosen one serves the placement's kommune.
 */
export function PlacementFields({
  t,
  municipalities,
  followUpOptions,
  municipalityFixed,
}: {
  t: Translate;
  municipalities: { number: string; name: string }[];
  followUpOptions: FollowUpOption[];
  /** The edit page: the kommune is shown, not chosen. */
  municipalityFixed?: boolean;
}) {
  return (
    <>
      <FieldGroup legend={t("placements.form.about")}>
        <SelectField name="kind" label={t("placements.field.kind")} options={labelOptions(t, "placementKind")} />
        <TextField name="title" label={t("placements.field.title")} description={t("placements.field.titleHelp")} />
        <TextField name="occupation" label={t("placements.field.occupation")} />
        <SelectField name="sector" label={t("placements.field.sector")} options={labelOptions(t, "placementSector")} />
        <TextareaField name="description" label={t("placements.field.description")} description={t("placements.field.descriptionHelp")} rows={6} />
        <SelectField
          name="municipalityNumber"
          label={t("placements.field.municipality")}
          description={municipalityFixed ? t("placements.field.municipalityFixed") : undefined}
          options={municipalities.map((m) => ({ value: m.number, label: m.name }))}
        />
        <DateField name="periodStart" label={t("placements.field.periodStart")} />
        <DateField name="periodEnd" label={t("placements.field.periodEnd")} description={t("placements.field.periodEndHelp")} />
        <SelectField name="languageRequirement" label={t("placements.field.languageRequirement")} options={labelOptions(t, "languageRequirement")} />
        <NumberField name="places" label={t("placements.field.places")} />
      </FieldGroup>
      <FieldGroup legend={t("placements.form.followUp")}>
        <SelectField
          name="followUpOrganizationId"
          label={t("placements.field.followUp")}
          description={t("placements.field.followUpHelp")}
          options={[
            { value: "", label: t("placements.field.followUpChoose") },
            ...followUpOptions.map((o) => ({ value: o.id, label: t("placements.field.followUpOption", { name: o.name, municipality: o.municipalityName }) })),
          ]}
        />
        <ChoiceGroup name="supportNeeds" type="checkbox" legend={t("placements.field.supportNeeds")} options={labelOptions(t, "supportNeed")} />
        <ChoiceGroup
          name="incentivesRequested"
          type="checkbox"
          legend={t("placements.field.incentives")}
          description={t("placements.field.incentivesHelp")}
          options={labelOptions(t, "incentive")}
        />
        <TextareaField name="incentiveRequestMessage" label={t("placements.field.incentiveMessage")} rows={3} />
      </FieldGroup>
      <FieldGroup legend={t("placements.form.contact")}>
        <Paragraph data-size="sm">{t("placements.field.contactHelp")}</Paragraph>
        <TextField name="contactName" label={t("placements.field.contactName")} />
        <TextField name="contactEmail" label={t("placements.field.contactEmail")} type="email" autoComplete="email" />
        <TextField name="contactPhone" label={t("placements.field.contactPhone")} type="tel" autoComplete="tel" />
        <CheckboxField name="isPublic" label={t("placements.field.isPublic")} description={t("placements.field.isPublicHelp")} />
      </FieldGroup>
    </>
  );
}

/**
 * The plain information on incentives that may apply, with links to NAV's and IMDi's own pages and the date the text
 * was last checked. `headingLevel` 2 on the incentives page; beside the form it is an aside with a smaller heading.
 */
export function IncentivesInfo({ t, formatDate, compact }: { t: Translate; formatDate: (value: string) => string; compact?: boolean }) {
  return (
    <div className="stack">
      {incentives.map((i) => (
        <section key={i.kind} aria-labelledby={`incentive-${i.kind}`} className="stack">
          <Heading level={compact ? 3 : 2} data-size={compact ? "2xs" : "xs"} id={`incentive-${i.kind}`}>
            {label(t, "incentive", i.kind)}
          </Heading>
          <Paragraph data-size={compact ? "sm" : undefined}>{t(`placements.incentives.${i.kind}.summary`)}</Paragraph>
          <Paragraph data-size="sm">
            {t(i.body === "nav" ? "placements.incentives.decidedBy.nav" : "placements.incentives.decidedBy.kommune")}.{" "}
            <DsLink href={i.url}>
              {i.body === "nav" ? t("placements.incentives.link.nav", { incentive: label(t, "incentive", i.kind) }) : t("placements.incentives.link.imdi")}
            </DsLink>
            {i.moreUrl ? (
              <>
                {" · "}
                <DsLink href={i.moreUrl}>{t("placements.incentives.link.navPractice")}</DsLink>
              </>
            ) : null}
          </Paragraph>
        </section>
      ))}
      <Paragraph data-size="sm" className="muted">
        {t("placements.incentives.lastChecked", { date: formatDate(day(INCENTIVES_LAST_CHECKED)) })}
      </Paragraph>
      {compact ? (
        <Paragraph data-size="sm">
          <Link to="/praksisplasser/insentiver">{t("placements.incentives.more")}</Link>
        </Paragraph>
      ) : null}
    </div>
  );
}
