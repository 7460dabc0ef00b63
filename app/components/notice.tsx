import type { ReactNode } from "react";
import { Alert, Heading } from "@digdir/designsystemet-react";

type Tone = "success" | "info" | "warning" | "danger";

/**
 * A message about the page or what just happened. Success is announced
 * politely (role=status), a failure at once (role=alert); information and
 * warnings that are part of the page are not announced.
 */
export function Notice({ tone = "success", heading, children, role }: { tone?: Tone; heading?: ReactNode; children: ReactNode; role?: "status" | "alert" }) {
  const announced = role ?? (tone === "success" ? "status" : tone === "danger" ? "alert" : undefined);
  return (
    <Alert data-color={tone} role={announced}>
      {heading ? (
        <Heading level={2} data-size="xs">
          {heading}
        </Heading>
      ) : null}
      {children}
    </Alert>
  );
}
