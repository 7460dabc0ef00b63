import { Link } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import leafletScriptUrl from "leaflet/dist/leaflet.js?url";
import leafletStyleUrl from "leaflet/dist/leaflet.css?url";
import enhanceScriptUrl from "./activity-map.enhance.js?url&no-inline";
import { useT } from "~/i18n/use-t.ts";

/**
 * The finder's map view. The server renders a plain list of the activities
 * with their coordinates (it stays when JavaScript or the map tiles are not
 * available); two small scripts, loaded only in this view, turn the empty
 * box above it into a Leaflet map with Kartverket's tiles. No hydration: the
 * rest of the finder stays plain HTML.
 */
export const KARTVERKET_TILES = "https://cache.kartverket.no/v1/wmts/1.0.0/topo/default/webmercator/{z}/{y}/{x}.png";
export const KARTVERKET_ATTRIBUTION = "© Kartverket";

export interface MapItem {
  id: string;
  title: string;
  lang: string;
  organizationName: string;
  municipalityName: string;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  postalPlace: string | null;
}

export function ActivityMap({ items, headingLevel = 3 }: { items: MapItem[]; headingLevel?: 3 | 4 }) {
  const t = useT();
  const located = items.filter((i) => i.latitude != null && i.longitude != null);
  const config = {
    tiles: KARTVERKET_TILES,
    attribution: KARTVERKET_ATTRIBUTION,
    pointChosen: t("finder.map.pointChosen"),
    points: located.map((i) => ({ lat: i.latitude, lon: i.longitude, title: i.title, lang: i.lang, href: `/aktiviteter/${i.id}` })),
  };
  return (
    <section aria-labelledby="finder-map-heading" className="stack finder-map-section">
      <link rel="stylesheet" href={leafletStyleUrl} precedence="default" />
      <Heading level={headingLevel} data-size="xs" id="finder-map-heading">
        {t("finder.map.heading")}
      </Heading>
      <div id="finder-map" className="finder-map" role="region" aria-label={t("finder.map.label")} data-map={JSON.stringify(config)} hidden />
      <div className="finder-map-tools" id="finder-map-tools" hidden>
        <Paragraph data-size="sm">{t("finder.map.clickHint")}</Paragraph>
        <Button type="button" variant="secondary" data-size="sm" id="finder-use-location" hidden>
          {t("finder.map.useLocation")}
        </Button>
        <p id="finder-map-status" className="ds-paragraph" data-size="sm" aria-live="polite" />
      </div>
      <Heading level={headingLevel} data-size="2xs" id="finder-map-list-heading">
        {t("finder.map.listHeading")}
      </Heading>
      <ol className="finder-map-list" aria-labelledby="finder-map-list-heading">
        {located.map((i) => (
          <li key={i.id}>
            <Link to={`/aktiviteter/${i.id}`} lang={i.lang} dir="auto">
              {i.title}
            </Link>{" "}
            <span className="muted">
              ({i.organizationName}, {[i.address, i.postalPlace ?? i.municipalityName].filter(Boolean).join(", ")})
            </span>{" "}
            <span className="finder-coordinates">{t("finder.map.coordinates", { lat: i.latitude!, lon: i.longitude! })}</span>
          </li>
        ))}
      </ol>
      {items.length > located.length ? <Paragraph data-size="sm">{t("finder.map.noLocation", { count: items.length - located.length })}</Paragraph> : null}
      <script src={leafletScriptUrl} defer />
      <script src={enhanceScriptUrl} defer />
    </section>
  );
}
