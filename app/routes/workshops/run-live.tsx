import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/run-live";
import { label } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { liveState, type LiveState } from "~/domain/workshops/live.server.ts";
import { runAccessFor } from "~/domain/workshops/run.server.ts";
import { RunNav } from "./run-ui.tsx";
import "~/styles/workshop-run.css";

/** How often the page asks for the ranking: well inside the 2 seconds the room may wait. */
const POLL_MS = 1000;

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** The live ranked view for the projector and phones: large type, top N highlighted; polls live.json, and works on reload without JavaScript. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  return guard(request, async () => {
    const access = await runAccessFor(request, actor, params.id);
    return {
      title: getTranslator(getLocale(context))("workshopRun.live.title", { title: access.workshop.title }),
      workshop: { id: access.workshop.id, title: access.workshop.title },
      state: await liveState(access),
    };
  });
}

export default function Live({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { workshop } = loaderData;
  // What the last poll brought; until then, what the page was rendered with.
  const [polled, setPolled] = useState<LiveState | null>(null);
  const state = polled ?? loaderData.state;
  useEffect(() => {
    let version = loaderData.state.version;
    let stopped = false;
    const tick = async () => {
      try {
        const response = await fetch(`/verksteder/${workshop.id}/live.json`, { headers: { Accept: "application/json" }, cache: "no-store" });
        if (response.ok) {
          const next = (await response.json()) as LiveState;
          if (!stopped && next.version !== version) {
            version = next.version;
            setPolled(next);
          }
        }
      } catch {
        // A dropped connection in the room: try again on the next tick.
      }
    };
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [workshop.id, loaderData.state.version]);

  return (
    <div className="page stack live-view">
      <RunNav workshopId={workshop.id} />
      <Heading level={1} data-size="xl">
        {t("workshopRun.live.title", { title: workshop.title })}
      </Heading>
      <Paragraph data-size="sm" className="muted">
        {t("workshopRun.live.auto")} <Link to={`/verksteder/${workshop.id}/hindringer/live`}>{t("workshopRun.live.refresh")}</Link>
      </Paragraph>
      {state.items.length === 0 ? <Paragraph data-size="lg">{t("workshopRun.obstacles.empty")}</Paragraph> : null}
      <ol className="live-ranking" aria-live="polite" data-version={state.version}>
        {state.items.map((item, i) => (
          <li key={item.id} data-testid="live-item" className={i < state.top ? "live-top" : undefined}>
            <Paragraph data-size="xl">
              <strong>{item.text}</strong>
            </Paragraph>
            <Paragraph data-size="lg">
              <span data-testid="live-votes">{t("workshopRun.votes.count", { count: item.votes })}</span> · {label(t, "obstacleTheme", item.theme)}
              {i < state.top ? (
                <>
                  {" "}
                  · <strong>{t("workshopRun.live.top")}</strong>
                </>
              ) : null}
            </Paragraph>
          </li>
        ))}
      </ol>
    </div>
  );
}
