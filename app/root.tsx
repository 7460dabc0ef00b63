import {
  Form,
  isRouteErrorResponse,
  Link as RouterLink,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  matchPath,
  type ShouldRevalidateFunctionArgs,
} from "react-router";
import { RawIntlProvider, useIntl } from "react-intl";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import "@fontsource/inter/400.css";
import "@fontsource/inter/600.css";
import "@digdir/designsystemet-css";
import "./styles/theme/samspill.css";
import "./styles/app.css";
import "./styles/rtl.css";
import type { Route } from "./+types/root";
import { requestMiddleware } from "./middleware/request.server.ts";
import { useNonce } from "./lib/nonce.tsx";
import { PageMessagesScript, usePageMessages } from "./lib/page-messages.tsx";
import { dataRequestContext } from "./context.ts";
import { getActor, getCsrfToken, getPageLocale } from "./lib/route.server.ts";
import { messages } from "./i18n/messages.ts";
import { fallbackMessages } from "./i18n/fallback.ts";
import { sharedIntl } from "./i18n/shared-intl.ts";
import {
  allLocales,
  allLocalesRoutePatterns,
  defaultLocale,
  htmlLang,
  intlLocale,
  localeDir,
  localeNames,
  locales,
  patternHasAllLocales,
  type UiLocale,
} from "./i18n/config.ts";
import { useT } from "./i18n/use-t.ts";
import { getEnv } from "./env.server.ts";
import { isNationalAdmin } from "./domain/auth/actor.ts";
import { CsrfField, useRootData } from "./components/csrf.tsx";
import type { RootData } from "./root-data.ts";
import { DemoTag } from "~/components/demo-tag.tsx";
import { refusalShellOf } from "~/lib/refusal-shell.ts";

export const middleware: Route.MiddlewareFunction[] = [requestMiddleware];

export async function loader({ context, pattern }: Route.LoaderArgs): Promise<RootData> {
  const actor = getActor(context);
  const locale = getPageLocale(context);
  const env = getEnv();
  return {
    locale,
    allLocales: patternHasAllLocales(pattern),
    ...(context.get(dataRequestContext) ? { messages: messages[locale] } : {}),
    csrfToken: getCsrfToken(context),
    user:
      actor.kind === "user"
        ? {
            name: actor.name,
            email: actor.email,
            isDemo: actor.isDemo,
            isNationalAdmin: isNationalAdmin(actor),
            canAdminister: actor.roles.some((r) => r.role === "national_admin" || r.role === "county_advisor"),
          }
        : null,
    demoMode: env.SEED_DEMO_DATA,
    devOutbox: env.devOutboxVisible,
  };
}

/**
 * The page language depends on whether the page is available in all languages
 * (app/i18n/config.ts), so the root data is reloaded when a client-side
 * navigation crosses between such a page and another.
 */
export function shouldRevalidate({ currentUrl, nextUrl, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  const allLocales = (pathname: string) => allLocalesRoutePatterns.some((pattern) => matchPath(pattern, pathname));
  return defaultShouldRevalidate || allLocales(currentUrl.pathname) !== allLocales(nextUrl.pathname);
}

/**
 * Pages whose route `handle` has `{ hydrate: false }` are served as plain
 * HTML with no JavaScript: public pages read on cheap phones stay light, and
 * their forms work as ordinary HTML forms.
 */
function useHydrate(): boolean {
  return !useMatches().some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  // A request refused in middleware has no root data, but carries its language (app/lib/refusal-shell.ts).
  const refused = refusalShellOf(useRouteError());
  const locale: UiLocale = root?.locale ?? refused?.locale ?? defaultLocale;
  const hydrate = useHydrate();
  const nonce = useNonce() || undefined;
  const pageMessages = usePageMessages(locale, root?.messages);
  return (
    <html lang={htmlLang[locale]} dir={localeDir[locale]} data-color-scheme="light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body>
        <RawIntlProvider value={sharedIntl(intlLocale[locale], pageMessages.messages ?? refused?.messages ?? fallbackMessages)}>
          <Shell>{children}</Shell>
        </RawIntlProvider>
        {hydrate ? (
          <>
            <PageMessagesScript json={pageMessages.json} nonce={nonce} />
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const t = useT();
  const root = useRootData();
  const user = root?.user;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      {root?.demoMode ? (
        <div className="demo-banner" role="note">
          {t("shell.demoBanner")}
        </div>
      ) : null}
      <header className="site-header">
        <div className="site-header__inner">
          <RouterLink to="/" className="site-header__brand">
            {t("app.name")}
          </RouterLink>
          <nav aria-label={t("shell.mainNav")} className="site-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  {t("nav.home")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/aktiviteter">{t("nav.activities")}</NavLink>
              </li>
              <li>
                <NavLink to="/organisasjoner">{t("nav.organizations")}</NavLink>
              </li>
              <li>
                <NavLink to="/kommuner">{t("nav.municipalities")}</NavLink>
              </li>
              <li>
                <NavLink to="/kompetansesenter">{t("competence.nav")}</NavLink>
              </li>
              {/* Issue 14: what kommuner and organisations need, and where anyone can offer to help. */}
              <li>
                <NavLink to="/behov">{t("nav.needs")}</NavLink>
              </li>
              <li>
                <NavLink to="/frivillig">{t("nav.volunteer")}</NavLink>
              </li>
              {user ? (
                <li>
                  <NavLink to="/praksisplasser">{t("nav.placements")}</NavLink>
                </li>
              ) : null}
              {user ? (
                <li>
                  <NavLink to="/verksteder">{t("workshops.nav")}</NavLink>
                </li>
              ) : null}
              {user ? (
                <li>
                  <NavLink to="/min-side">{t("nav.myPage")}</NavLink>
                </li>
              ) : null}
              {user?.canAdminister ? (
                <li>
                  {/* Named for who works there: IMDi's national coordination, or the fylkeskommune's regional work. */}
                  <NavLink to="/admin">{t(user.isNationalAdmin ? "nav.adminNational" : "nav.admin")}</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="site-header__tools">
            <LanguageSwitcher />
            {user ? (
              <Form method="post" action="/logg-ut" className="inline-form">
                <CsrfField />
                <span className="site-header__user">
                  {t("nav.signedInAs", { name: user.name })}
                  <DemoTag show={user.isDemo} />
                </span>
                <Button type="submit" variant="tertiary" data-size="sm">
                  {t("nav.signOut")}
                </Button>
              </Form>
            ) : (
              <RouterLink to="/logg-inn" className="ds-button" data-variant="secondary" data-size="sm">
                {t("nav.signIn")}
              </RouterLink>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <nav aria-label={t("footer.label")}>
          <ul>
            <li>
              <RouterLink to="/tilgjengelighet">{t("footer.accessibility")}</RouterLink>
            </li>
            <li>
              <RouterLink to="/personvern">{t("footer.privacy")}</RouterLink>
            </li>
            {root?.devOutbox ? (
              <li>
                <RouterLink to="/dev/utboks">{t("footer.devOutbox")}</RouterLink>
              </li>
            ) : null}
          </ul>
        </nav>
      </footer>
    </>
  );
}

function LanguageSwitcher() {
  const t = useT();
  const root = useRootData();
  const location = useLocation();
  const current = root?.locale ?? defaultLocale;
  // All languages on pages available in all of them (handle.allLocales); elsewhere the full ones.
  const choices = root?.allLocales ? allLocales : locales;
  return (
    <Form method="post" action="/sprak" className="language-switcher">
      <CsrfField />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor="language-select" className="visually-hidden">
        {t("language.label")}
      </label>
      <select id="language-select" name="lang" defaultValue={current} className="ds-input" data-size="sm">
        {choices.map((l) => (
          <option key={l} value={l} lang={htmlLang[l]}>
            {localeNames[l]}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" data-size="sm">
        {t("language.submit")}
      </Button>
    </Form>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = [400, 401, 403, 404, 405, 409, 413, 429, 500, 503] as const;
  const titleStatus = (known as readonly number[]).includes(status) ? (status as (typeof known)[number]) : status >= 500 ? 500 : 400;
  const intl = useIntl();
  const fromError =
    isRouteErrorResponse(error) && typeof error.data === "object" && error.data && "messageKey" in error.data
      ? String((error.data as { messageKey: string }).messageKey)
      : null;
  // When an action fails, the root loader has not run and only the shell's messages are loaded: a module's own
  // message key is then unknown here, and the page says what the status means rather than failing with a 500.
  const messageKey =
    fromError !== null && fromError in intl.messages
      ? fromError
      : status === 404
        ? "errors.notFound"
        : status === 405
          ? "errors.methodNotAllowed"
          : status >= 500
            ? "errors.server"
            : "errors.badRequest";
  return (
    <div className="page">
      <title>{`${t(`errors.title.${titleStatus}`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {t(`errors.title.${titleStatus}`)}
      </Heading>
      <Paragraph>{t(messageKey as never)}</Paragraph>
      <Paragraph>
        <RouterLink to="/">{t("errors.goHome")}</RouterLink>
      </Paragraph>
    </div>
  );
}
