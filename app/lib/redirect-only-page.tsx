/**
 * The component of a route whose every request ends in a redirect (or an error page): it never shows. Having it
 * makes the route a page route rather than a resource route, so a refusal before its action (an expired form's
 * CSRF token, a body that is not a form) is the site's error page in the visitor's language, as on every other
 * form, instead of JSON.
 */
export function RedirectOnlyPage() {
  return null;
}
