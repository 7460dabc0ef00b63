import { Link, redirect } from "react-router";
import { Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/plan-participants";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { FormActions, PostForm, SelectField, SubmitButton, TextField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { label, labelOptions } from "~/i18n/labels.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject, isUuid } from "~/lib/validation.ts";
import { getParticipantsPage, inviteByEmail, inviteFromRegister, removeParticipant } from "~/domain/workshops/participants.server.ts";
import { isLabelValue } from "~/i18n/labels.ts";

/** Managers only: personal data of everyone invited. No JavaScript needed. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.heading ?? "Deltakere"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const page = await guard(request, () => getParticipantsPage(actor, params.id));
  const url = new URL(request.url);
  const remove = url.searchParams.get("fjern");
  return {
    heading: getTranslator(getLocale(context))("workshops.participants.title", { title: page.workshop.title }),
    page,
    invited: url.searchParams.has("invitert"),
    removed: url.searchParams.has("fjernet"),
    removing: isUuid(remove) ? (page.participants.find((p) => p.id === remove) ?? null) : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const locale = getLocale(context);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    inviteRegister: intent(formFields, async () => {
      await inviteFromRegister(actor, params.id, values, locale);
      throw redirect(`/verksteder/${params.id}/deltakere?invitert=1`);
    }),
    inviteEmail: intent(formFields, async () => {
      await inviteByEmail(actor, params.id, values, locale);
      throw redirect(`/verksteder/${params.id}/deltakere?invitert=1`);
    }),
    remove: intent(formFields, async () => {
      await removeParticipant(actor, params.id, values, locale);
      throw redirect(`/verksteder/${params.id}/deltakere?fjernet=1`);
    }),
  });
}

export default function WorkshopParticipants({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, invited, removed, removing } = loaderData;
  const { workshop, participants } = page;
  const sectorOptions = labelOptions(t, "participantSector");
  const closed = workshop.status === "closed";
  return (
    <div className="page">
      <PageHeading back={{ to: `/verksteder/${workshop.id}`, label: workshop.title, size: "sm" }}>{t("workshops.participants.heading")}</PageHeading>
      {invited ? <Notice>{t("workshops.participants.invitedNotice")}</Notice> : null}
      {removed ? <Notice>{t("workshops.participants.removedNotice")}</Notice> : null}
      <Paragraph>
        {workshop.capacity === null
          ? t("workshops.participants.takenNoLimit", { taken: page.taken })
          : t("workshops.participants.taken", { taken: page.taken, capacity: workshop.capacity })}
      </Paragraph>
      {removing ? (
        <ConfirmStep
          id="remove"
          heading={t("workshops.participants.removeHeading", { name: removing.name })}
          text={t("workshops.participants.removeText")}
          intent="remove"
          hidden={{ participantId: removing.id }}
          action={`/verksteder/${workshop.id}/deltakere?fjern=${removing.id}`}
          confirmLabel={t("workshops.participants.removeConfirm")}
          submitLabel={t("workshops.participants.removeSubmit")}
          cancelTo={`/verksteder/${workshop.id}/deltakere`}
          actionData={actionData}
        />
      ) : null}
      <Section
        id="list"
        heading={t("workshops.participants.listHeading", { count: participants.length })}
        empty={participants.length === 0 ? t("workshops.participants.none") : null}
      >
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="list-heading">
          <Table data-size="sm" aria-labelledby="list-heading">
            <TableHead>
              <TableRow>
                <TableHeaderCell scope="col">{t("workshops.participants.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("workshops.participants.email")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("workshops.participants.organization")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("workshops.participants.sector")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("workshops.participants.status")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("workshops.participants.actions")}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {participants.map((p) => (
                <TableRow key={p.id}>
                  <TableHeaderCell scope="row">{p.name}</TableHeaderCell>
                  <TableCell>{p.email ?? ""}</TableCell>
                  <TableCell>{p.organizationName ?? ""}</TableCell>
                  <TableCell>{isLabelValue("participantSector", p.sector) ? label(t, "participantSector", p.sector) : p.sector}</TableCell>
                  <TableCell>{label(t, "participantStatus", p.status)}</TableCell>
                  <TableCell>
                    <Link to={`/verksteder/${workshop.id}/deltakere?fjern=${p.id}`} aria-label={t("workshops.participants.removeLabel", { name: p.name })}>
                      {t("workshops.participants.remove")}
                    </Link>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </Section>
      {closed ? (
        <Paragraph>{t("workshops.error.closed")}</Paragraph>
      ) : (
        <>
          <Section id="register" heading={t("workshops.participants.fromRegister")}>
            <Paragraph>{t("workshops.participants.fromRegisterHelp")}</Paragraph>
            <PostForm intent="inviteRegister" actionData={actionData}>
              <SelectField
                name="organizationId"
                label={t("workshops.participants.organization")}
                options={[
                  { value: "", label: t("workshops.participants.chooseOrganization") },
                  ...page.organizations.map((o) => ({ value: o.id, label: `${o.name} (${o.municipality})` })),
                ]}
              />
              <TextField
                name="memberEmail"
                type="email"
                label={t("workshops.participants.memberEmail")}
                description={t("workshops.participants.memberEmailHelp")}
              />
              <SelectField name="sector" label={t("workshops.participants.sector")} options={sectorOptions} />
              <FormActions>
                <SubmitButton>{t("workshops.participants.invite")}</SubmitButton>
              </FormActions>
            </PostForm>
          </Section>
          <Section id="byEmail" heading={t("workshops.participants.byEmail")}>
            <PostForm intent="inviteEmail" actionData={actionData}>
              <TextField name="name" label={t("workshops.participants.name")} autoComplete="off" />
              <TextField name="email" type="email" label={t("workshops.participants.email")} autoComplete="off" />
              <SelectField name="sector" label={t("workshops.participants.sector")} options={sectorOptions} />
              <SelectField
                name="organizationId"
                label={t("workshops.participants.organizationOptional")}
                options={[
                  { value: "", label: t("workshops.participants.noOrganization") },
                  ...page.organizations.map((o) => ({ value: o.id, label: `${o.name} (${o.municipality})` })),
                ]}
              />
              <FormActions>
                <SubmitButton>{t("workshops.participants.invite")}</SubmitButton>
              </FormActions>
            </PostForm>
          </Section>
        </>
      )}
    </div>
  );
}
