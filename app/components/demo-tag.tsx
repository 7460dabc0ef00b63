import { Tag } from "@digdir/designsystemet-react";
import { useT } from "~/i18n/use-t.ts";

/** Marks demo accounts and organisations, so nobody mistakes them for real ones. */
export function DemoTag({ show }: { show: boolean }) {
  const t = useT();
  if (!show) return null;
  return (
    <Tag data-color="warning" data-size="sm">
      {t("shell.demoTag")}
    </Tag>
  );
}
