import { Tag } from "@digdir/designsystemet-react";
import type { MessageKey } from "~/i18n/messages.ts";
import { useT } from "~/i18n/use-t.ts";
import type { EscalationStatus } from "~/domain/workshops/escalations.constants.ts";

export function statusKey(status: EscalationStatus): MessageKey {
  return `workshops.escalation.status.${status}`;
}

/** Where a handed-up obstacle stands: waiting, or the body's answer. */
export function StatusTag({ status }: { status: EscalationStatus }) {
  const t = useT();
  return (
    <Tag data-size="sm" data-color={status === "open" ? "warning" : status === "not_in_our_power" ? "neutral" : "success"}>
      {t(statusKey(status))}
    </Tag>
  );
}
