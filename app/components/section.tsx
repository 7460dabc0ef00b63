import type { ReactNode } from "react";
import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";

/**
 * A titled part of a page: a <section> named by its heading (a landmark
 * screen readers list), and either its content or, when there is nothing to
 * show, one sentence saying so instead of an empty table.
 */
export function Section({
  id,
  heading,
  level = 2,
  size = "sm",
  empty,
  className = "stack",
  children,
}: {
  /** Prefix of the heading's id (`${id}-heading`), unique on the page. */
  id: string;
  heading: ReactNode;
  level?: 2 | 3 | 4;
  size?: "2xs" | "xs" | "sm" | "md";
  /** Shown instead of the content when set (e.g. `rows.length === 0 ? t("….empty") : null`). */
  empty?: ReactNode;
  className?: string;
  children?: ReactNode;
}) {
  const headingId = `${id}-heading`;
  const isEmpty = empty !== undefined && empty !== null && empty !== false;
  return (
    <section aria-labelledby={headingId} className={className}>
      <Heading level={level} data-size={size} id={headingId}>
        {heading}
      </Heading>
      {isEmpty ? typeof empty === "string" ? <Paragraph>{empty}</Paragraph> : empty : children}
    </section>
  );
}

/** A page's top: the way back to where it belongs (a link above), and its one h1. */
export function PageHeading({ back, children }: { back?: { to: string; label: ReactNode; size?: "sm" }; children: ReactNode }) {
  return (
    <>
      {back ? (
        <Paragraph data-size={back.size}>
          <Link to={back.to}>{back.label}</Link>
        </Paragraph>
      ) : null}
      <Heading level={1} data-size="lg">
        {children}
      </Heading>
    </>
  );
}
