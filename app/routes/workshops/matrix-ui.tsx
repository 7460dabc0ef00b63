import { Link } from "react-router";
import { Paragraph, Tag } from "@digdir/designsystemet-react";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { FormActions, PostForm, SelectField, SubmitButton, TextField } from "~/components/form.tsx";
import { Section } from "~/components/section.tsx";
import { labelOptions, labelOf } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { matrixRoles, type MatrixConflictKind, type MatrixRole } from "~/domain/workshops/matrix.constants.ts";
import { matrixActorRenameSchema, matrixActorSchema, matrixTaskSchema, ROLE_FIELD_PREFIX } from "~/domain/workshops/matrix.schema.ts";

/**
 * The responsibility matrix's table and editor, shared by the workshop's page
 * and the kommune's published page's edit page. Plain forms and links: a
 * facilitator edits one task (or one column) at a time on its own small form,
 * which works the same on a projector and on a 375px phone without JavaScript.
 */

export interface MatrixData {
  actors: { id: string; name: string; sector: string; organizationId: string | null }[];
  tasks: {
    id: string;
    title: string;
    contactName: string | null;
    contactPhone: string | null;
    contactEmail: string | null;
    roles: Record<string, MatrixRole>;
  }[];
  conflicts: { taskId: string; title: string; kind: MatrixConflictKind }[];
}

export const roleKey = (role: MatrixRole) => `workshopMatrix.role.${role}` as MessageKey;
const conflictKey = (kind: MatrixConflictKind) => (kind === "none_responsible" ? "workshopMatrix.conflict.none" : "workshopMatrix.conflict.several");

/** What the editor shows, from the URL: one task's form, one column's form, or their confirm steps. */
export function editorFocus(url: URL) {
  return { task: url.searchParams.get("oppgave"), actor: url.searchParams.get("aktor"), remove: url.searchParams.has("fjern") };
}

export function ConflictList({ matrix }: { matrix: MatrixData }) {
  const t = useT();
  return (
    <Section
      id="matrix-conflicts"
      heading={t("workshopMatrix.conflicts.heading")}
      empty={matrix.conflicts.length === 0 ? t("workshopMatrix.conflicts.none") : null}
    >
      {/* The publish form's error summary links its conflicts (fields conflict.<taskId>) here. */}
      <ul data-testid="matrix-conflicts" id="publish-conflict">
        {matrix.conflicts.map((c) => (
          <li key={c.taskId}>
            {t(c.kind === "none_responsible" ? "workshopMatrix.conflict.noneFor" : "workshopMatrix.conflict.severalFor", { task: c.title })}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The whole matrix as a table (the projector's view); on a phone it scrolls sideways in its own focusable region. */
export function MatrixTable({ matrix, basePath, canEdit }: { matrix: MatrixData; basePath: string; canEdit: boolean }) {
  const t = useT();
  if (matrix.tasks.length === 0 && matrix.actors.length === 0) {
    return <Paragraph>{t(canEdit ? "workshopMatrix.empty" : "workshopMatrix.emptyRead")}</Paragraph>;
  }
  const conflictOf = new Map(matrix.conflicts.map((c) => [c.taskId, c.kind]));
  return (
    <div className="table-wrap" role="region" aria-labelledby="matrix-caption" tabIndex={0}>
      <table className="ds-table" data-testid="matrix-table">
        <caption id="matrix-caption">{t("workshopMatrix.table.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("workshopMatrix.table.task")}</th>
            {matrix.actors.map((a) => (
              <th scope="col" key={a.id}>
                {canEdit ? (
                  <Link to={`${basePath}?aktor=${a.id}`} aria-label={t("workshopMatrix.table.editActor", { actor: a.name })}>
                    {a.name}
                  </Link>
                ) : (
                  a.name
                )}
                <br />
                <span className="muted">{labelOf(t, "participantSector", a.sector)}</span>
              </th>
            ))}
            <th scope="col">{t("workshopMatrix.table.contact")}</th>
          </tr>
        </thead>
        <tbody>
          {matrix.tasks.map((task) => {
            const conflict = conflictOf.get(task.id);
            return (
              <tr key={task.id}>
                <th scope="row">
                  {task.title}
                  {conflict ? (
                    <>
                      {" "}
                      <Tag data-size="sm" data-color="danger">
                        {t(conflictKey(conflict))}
                      </Tag>
                    </>
                  ) : null}
                  {canEdit ? (
                    <>
                      <br />
                      <Link to={`${basePath}?oppgave=${task.id}`} aria-label={t("workshopMatrix.table.editTask", { task: task.title })}>
                        {t("workshopMatrix.table.edit")}
                      </Link>
                    </>
                  ) : null}
                </th>
                {matrix.actors.map((a) => {
                  const role = task.roles[a.id];
                  return <td key={a.id}>{role ? t(roleKey(role)) : <span className="muted">–</span>}</td>;
                })}
                <td>
                  <Contact task={task} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Contact({ task }: { task: MatrixData["tasks"][number] }) {
  return (
    <>
      {task.contactName}
      {task.contactPhone ? (
        <>
          {task.contactName ? <br /> : null}
          <a href={`tel:${task.contactPhone.replace(/\s+/g, "")}`}>{task.contactPhone}</a>
        </>
      ) : null}
      {task.contactEmail ? (
        <>
          {task.contactName || task.contactPhone ? <br /> : null}
          <a href={`mailto:${task.contactEmail}`}>{task.contactEmail}</a>
        </>
      ) : null}
    </>
  );
}

/** `idPrefix` is its form's, so the error summary's link for a bad cell (`#<prefix>role`) lands on this group. */
function RoleSelects({ matrix, idPrefix }: { matrix: MatrixData; idPrefix: string }) {
  const t = useT();
  if (!matrix.actors.length) return null;
  const options = [{ value: "", label: t("workshopMatrix.role.empty") }, ...matrixRoles.map((r) => ({ value: r, label: t(roleKey(r)) }))];
  return (
    <fieldset className="ds-fieldset stack" id={`${idPrefix}role`} tabIndex={-1}>
      <legend className="ds-label">{t("workshopMatrix.task.roles")}</legend>
      {matrix.actors.map((a) => (
        <SelectField key={a.id} name={`${ROLE_FIELD_PREFIX}${a.id}`} label={a.name} options={options} />
      ))}
    </fieldset>
  );
}

function TaskFields() {
  const t = useT();
  return (
    <>
      <TextField name="title" label={t("workshopMatrix.task.title")} />
      <TextField name="contactName" label={t("workshopMatrix.task.contactName")} description={t("workshopMatrix.task.contactNameHelp")} />
      <TextField name="contactPhone" label={t("workshopMatrix.task.contactPhone")} type="tel" autoComplete="off" />
      <TextField name="contactEmail" label={t("workshopMatrix.task.contactEmail")} type="email" autoComplete="off" />
    </>
  );
}

/** The editor under the table: one task or column at a time when chosen, else the forms that add them. */
export function MatrixEditor({
  matrix,
  basePath,
  focus,
  organizations,
  actionData,
}: {
  matrix: MatrixData;
  basePath: string;
  focus: { task: string | null; actor: string | null; remove: boolean };
  organizations: { id: string; name: string }[];
  actionData: unknown;
}) {
  const t = useT();
  const task = focus.task ? matrix.tasks.find((x) => x.id === focus.task) : undefined;
  const column = focus.actor ? matrix.actors.find((x) => x.id === focus.actor) : undefined;
  const sectorOptions = labelOptions(t, "participantSector");

  if (task && focus.remove) {
    return (
      <ConfirmStep
        id="remove-task"
        heading={t("workshopMatrix.task.removeHeading", { task: task.title })}
        text={t("workshopMatrix.task.removeText")}
        intent="removeTask"
        hidden={{ taskId: task.id }}
        action={`${basePath}?oppgave=${task.id}&fjern=1`}
        confirmLabel={t("workshopMatrix.confirm")}
        submitLabel={t("workshopMatrix.task.remove")}
        cancelTo={`${basePath}?oppgave=${task.id}`}
        actionData={actionData}
      />
    );
  }
  if (task) {
    const values: Record<string, string> = {
      title: task.title,
      contactName: task.contactName ?? "",
      contactPhone: task.contactPhone ?? "",
      contactEmail: task.contactEmail ?? "",
      ...Object.fromEntries(matrix.actors.map((a) => [`${ROLE_FIELD_PREFIX}${a.id}`, task.roles[a.id] ?? ""])),
    };
    return (
      <Section id="edit-task" heading={t("workshopMatrix.table.editTask", { task: task.title })}>
        <PostForm
          intent="updateTask"
          id="task"
          actionData={actionData}
          schema={matrixTaskSchema}
          values={values}
          hidden={{ taskId: task.id }}
          action={`${basePath}?oppgave=${task.id}`}
        >
          <TaskFields />
          <RoleSelects matrix={matrix} idPrefix="task-" />
          <FormActions>
            <SubmitButton>{t("workshopMatrix.task.save")}</SubmitButton>
            <Link to={`${basePath}?oppgave=${task.id}&fjern=1`}>{t("workshopMatrix.task.remove")}</Link>
            <Link to={basePath}>{t("common.cancel")}</Link>
          </FormActions>
        </PostForm>
      </Section>
    );
  }
  if (column && focus.remove) {
    return (
      <ConfirmStep
        id="remove-actor"
        heading={t("workshopMatrix.actor.removeHeading", { actor: column.name })}
        text={t("workshopMatrix.actor.removeText")}
        intent="removeActor"
        hidden={{ actorId: column.id }}
        action={`${basePath}?aktor=${column.id}&fjern=1`}
        confirmLabel={t("workshopMatrix.confirm")}
        submitLabel={t("workshopMatrix.actor.remove")}
        cancelTo={`${basePath}?aktor=${column.id}`}
        actionData={actionData}
      />
    );
  }
  if (column) {
    return (
      <Section id="edit-actor" heading={t("workshopMatrix.table.editActor", { actor: column.name })}>
        <PostForm
          intent="updateActor"
          id="actor"
          actionData={actionData}
          schema={matrixActorRenameSchema}
          values={{ name: column.name, sector: column.sector }}
          hidden={{ actorId: column.id }}
          action={`${basePath}?aktor=${column.id}`}
        >
          <TextField name="name" label={t("workshopMatrix.actor.name")} />
          <SelectField name="sector" label={t("workshopMatrix.actor.sector")} options={sectorOptions} />
          <FormActions>
            <SubmitButton>{t("workshopMatrix.actor.save")}</SubmitButton>
            <Link to={`${basePath}?aktor=${column.id}&fjern=1`}>{t("workshopMatrix.actor.remove")}</Link>
            <Link to={basePath}>{t("common.cancel")}</Link>
          </FormActions>
        </PostForm>
      </Section>
    );
  }
  return (
    <>
      <Section id="add-task" heading={t("workshopMatrix.task.add")}>
        <PostForm intent="addTask" id="new-task" actionData={actionData} schema={matrixTaskSchema}>
          <TaskFields />
          <RoleSelects matrix={matrix} idPrefix="new-task-" />
          <FormActions>
            <SubmitButton>{t("workshopMatrix.task.add")}</SubmitButton>
          </FormActions>
        </PostForm>
      </Section>
      <Section id="add-actor" heading={t("workshopMatrix.actor.add")}>
        <PostForm intent="addActor" id="new-actor" actionData={actionData} schema={matrixActorSchema}>
          <TextField name="name" label={t("workshopMatrix.actor.name")} description={t("workshopMatrix.actor.nameHelp")} />
          <SelectField name="sector" label={t("workshopMatrix.actor.sector")} options={sectorOptions} />
          {organizations.length ? (
            <SelectField
              name="organizationId"
              label={t("workshopMatrix.actor.organization")}
              options={[{ value: "", label: t("workshopMatrix.actor.noOrganization") }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]}
            />
          ) : null}
          <FormActions>
            <SubmitButton>{t("workshopMatrix.actor.add")}</SubmitButton>
          </FormActions>
        </PostForm>
      </Section>
    </>
  );
}
