import { data } from "react-router";
// PLACEHOLDER: replaced by the real page.
export function loader() {
  throw data({ messageKey: "errors.notFound" }, { status: 404 });
}
export default function Placeholder() {
  return null;
}
