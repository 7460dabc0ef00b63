import { Form, Link, redirect } from "react-router";
import { Button, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/network-members";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { FormActions, PostForm, SelectField, SubmitButton, TextField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { addNetworkMunicipality, addNetworkOrganization, getNetworkMembership, leaveNetwork, removeNetworkMember } from "~/domain/events/networks.server.ts";

/** Plain HTML: search, add and the confirm steps are links and POST forms. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.view.network.name ?? "Nettverk"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const search = new URL(request.url).searchParams;
  const view = await guard(request, () => getNetworkMembership(actor, params.id, search.get("q") ?? ""));
  const removing = view.canManage ? (view.members.find((m) => m.id === search.get("fjern")) ?? null) : null;
  const leaving = view.members.find((m) => m.mayLeave && m.organizationId === search.get("forlat")) ?? null;
  return {
    view,
    removing,
    leaving,
    notice: search.has("lagt-til") ? ("added" as const) : search.has("fjernet") ? ("removed" as const) : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const base = `/nettverk/${params.id}/medlemmer`;
  return intentAction(request, context, values, {
    "add-organization": intent(formFields, async (input) => {
      await addNetworkOrganization(actor, params.id, input);
      throw redirect(`${base}?lagt-til=1`);
    }),
    "add-municipality": intent(formFields, async (input) => {
      await addNetworkMunicipality(actor, params.id, input);
      throw redirect(`${base}?lagt-til=1`);
    }),
    remove: intent(formFields, async (input) => {
      await removeNetworkMember(actor, params.id, input);
      throw redirect(`${base}?fjernet=1`);
    }),
    leave: intent(formFields, async (input) => {
      await leaveNetwork(actor, params.id, input);
      throw redirect(`/nettverk/${params.id}`);
    }),
  });
}

export default function NetworkMembers({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view, removing, leaving, notice } = loaderData;
  const base = `/nettverk/${view.network.id}/medlemmer`;
  const memberName = (m: { organizationName: string | null; municipalityName: string | null }) => m.organizationName ?? m.municipalityName ?? "";
  return (
    <div className="page stack">
      <PageHeading back={{ to: `/nettverk/${view.network.id}`, label: view.network.name, size: "sm" }}>
        {t("events.networks.members.title", { name: view.network.name })}
      </PageHeading>
      {notice ? <Notice>{t(notice === "added" ? "events.networks.members.added" : "events.networks.members.removed")}</Notice> : null}
      <Section id="list" heading={t("events.networks.membersHeading")} empty={view.members.length === 0 ? t("events.networks.noMembers") : null}>
        <ul className="stack" data-testid="network-members">
          {view.members.map((m) => (
            <li key={m.id}>
              {m.organizationId ? (
                <Link to={`/organisasjoner/${m.organizationId}`}>{m.organizationName}</Link>
              ) : (
                <Link to={`/kommuner/${m.municipalityNumber}`}>{m.municipalityName}</Link>
              )}{" "}
              <span className="muted">({t(m.organizationId ? "events.networks.members.organization" : "events.networks.members.municipality")})</span>
              {view.canManage ? (
                <>
                  {" "}
                  <Link to={`${base}?fjern=${m.id}#remove-heading`} aria-label={t("events.networks.members.removeNamed", { name: memberName(m) })}>
                    {t("events.networks.members.remove")}
                  </Link>
                </>
              ) : null}
              {m.mayLeave ? (
                <>
                  {" "}
                  <Link to={`${base}?forlat=${m.organizationId}#leave-heading`}>{t("events.networks.members.leave", { name: memberName(m) })}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      {removing ? (
        <ConfirmStep
          id="remove"
          heading={t("events.networks.members.removeHeading", { name: memberName(removing) })}
          text={t("events.networks.members.removeText")}
          intent="remove"
          hidden={{ memberId: removing.id }}
          action={`${base}?fjern=${removing.id}`}
          confirmLabel={t("events.networks.members.removeConfirm")}
          submitLabel={t("events.networks.members.remove")}
          cancelTo={base}
          actionData={actionData}
        />
      ) : null}
      {leaving ? (
        <ConfirmStep
          id="leave"
          heading={t("events.networks.members.leaveHeading", { name: memberName(leaving), network: view.network.name })}
          text={t("events.networks.members.leaveText")}
          intent="leave"
          hidden={{ organizationId: leaving.organizationId! }}
          action={`${base}?forlat=${leaving.organizationId}`}
          confirmLabel={t("events.networks.members.leaveConfirm")}
          submitLabel={t("events.networks.members.leaveSubmit")}
          cancelTo={base}
          actionData={actionData}
        />
      ) : null}
      {view.canManage ? (
        <>
          <Section id="add-organization" heading={t("events.networks.members.addOrganization")}>
            <Form method="get" action={base} className="form">
              <TextField name="q" type="search" id="network-member-search" label={t("events.networks.members.search")} defaultValue={view.q} maxLength={200} />
              <FormActions>
                <Button type="submit" variant="secondary">
                  {t("events.networks.members.searchSubmit")}
                </Button>
              </FormActions>
            </Form>
            {view.q && view.candidates.length === 0 ? <Paragraph>{t("events.networks.members.noResults", { q: view.q })}</Paragraph> : null}
            {view.candidates.length ? (
              <ul className="stack" aria-label={t("events.networks.members.results", { q: view.q })}>
                {view.candidates.map((c) => (
                  <li key={c.id}>
                    <PostForm intent="add-organization" id={`add-${c.id}`} actionData={actionData} hidden={{ organizationId: c.id }} summary={false}>
                      <FormActions>
                        <span>{c.name}</span>
                        <SubmitButton variant="secondary">{t("events.networks.members.add", { name: c.name })}</SubmitButton>
                      </FormActions>
                    </PostForm>
                  </li>
                ))}
              </ul>
            ) : null}
            {view.moreCandidates ? <Paragraph data-size="sm">{t("events.networks.members.moreResults")}</Paragraph> : null}
          </Section>
          <Section id="add-municipality" heading={t("events.networks.members.addMunicipality")}>
            {view.municipalityOptions.length ? (
              <PostForm intent="add-municipality" actionData={actionData}>
                <SelectField
                  name="municipalityNumber"
                  label={t(view.network.regional ? "events.networks.members.municipalityOfCounty" : "events.networks.members.municipalityAny")}
                  options={view.municipalityOptions.map((m) => ({ value: m.number, label: m.name }))}
                />
                <FormActions>
                  <SubmitButton>{t("events.networks.members.addMunicipalitySubmit")}</SubmitButton>
                </FormActions>
              </PostForm>
            ) : (
              <Paragraph>{t("events.networks.members.allMunicipalities")}</Paragraph>
            )}
          </Section>
        </>
      ) : null}
    </div>
  );
}
