import { data } from "react-router";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

/** Any unknown address: a proper 404 page (rendered by the root error boundary), for every method. */
export function loader() {
  throw data({ messageKey: "errors.notFound" }, { status: 404 });
}

export function action() {
  throw data({ messageKey: "errors.notFound" }, { status: 404 });
}

export default function NotFound() {
  return null;
}
