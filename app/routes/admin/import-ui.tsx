import { Tag } from "@digdir/designsystemet-react";
import type { ImportJobView } from "~/domain/jobs/jobs.server.ts";
import { useT } from "~/i18n/use-t.ts";

const statusColor = { queued: "neutral", running: "info", succeeded: "success", failed: "danger" } as const;

/** A job's status as text in a coloured tag (the text says it; the colour only repeats it). */
export function JobStatusTag({ status }: { status: ImportJobView["status"] }) {
  const t = useT();
  return (
    <Tag data-color={statusColor[status]} data-size="sm">
      {t(`jobs.status.${status}`)}
    </Tag>
  );
}

/** Bytes in a readable unit, in the page's locale ("1,2 GB", "350 kB"). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: "unit", unit: units[unit], unitDisplay: "short", maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}
