import { data } from "react-router";
// PLACEHOLDER: replaced by the real endpoint.
export function loader() {
  throw data({ messageKey: "errors.notFound" }, { status: 404 });
}
