import type { ReactNode } from "react";
import { Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";

/** One column of a DataTable: its header and what each row shows in it. */
export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
}

/**
 * A list as a table, one column spec per column, in a wrapper that scrolls
 * sideways on a phone instead of the page. A column given as `false` or null
 * (`canManage && { … }`) is left out, header and cells alike. With no rows
 * and `empty` set, one sentence says so instead of an empty table.
 */
export function DataTable<T>({
  labelledBy,
  columns,
  rows,
  rowKey,
  empty,
}: {
  /** Id of the heading that names the table, e.g. a Section's `<id>-heading`. */
  labelledBy: string;
  columns: (Column<T> | false | null | undefined)[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  empty?: ReactNode;
}) {
  if (rows.length === 0 && empty !== undefined && empty !== null) return typeof empty === "string" ? <Paragraph>{empty}</Paragraph> : empty;
  const shown = columns.filter((c): c is Column<T> => Boolean(c));
  return (
    <div className="table-wrap">
      <Table aria-labelledby={labelledBy}>
        <TableHead>
          <TableRow>
            {shown.map((c, i) => (
              <TableHeaderCell key={i}>{c.header}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)}>
              {shown.map((c, i) => (
                <TableCell key={i}>{c.cell(row)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
