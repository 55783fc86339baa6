import type { Me } from "@pixpipe/client";
import { useEffect, useRef, useState } from "preact/hooks";
import { Link, Route, Router, Switch, useLocation } from "wouter-preact";
import { ApiDocumentProvider, NeedsApiDocument } from "./api-document";
import { describeError } from "./format";
import { AccountPage } from "./pages/account";
import { AdminPage } from "./pages/admin";
import { JobPage } from "./pages/job";
import { JobsPage } from "./pages/jobs";
import { NewJobPage } from "./pages/new-job";
import { SignInPage } from "./pages/sign-in";
import { TenantPage } from "./pages/tenant";
import { UsagePage } from "./pages/usage";
import { useHashRoute, useHashSearch } from "./routing";
import { API_URL, hasScope, refreshedSession, type Session, signOut, storedSession } from "./session";

export function App() {
  const [notice, setNotice] = useState<string | null>(null);
  const expire = () => {
    signOut();
    setSession(null);
    setNotice("You were signed out: the API no longer accepts this key.");
  };
  const [session, setSession] = useState<Session | null>(() => storedSession(expire));
  const [refreshError, setRefreshError] = useState<string | null>(null);

  // A kept session learns once per page load who its key is now (limits and scopes may have changed).
  const refresh = () => {
    const kept = session;
    if (!kept) return;
    setRefreshError(null);
    refreshedSession(kept).then(
      (fresh) => setSession((current) => (current?.apiKey === fresh.apiKey ? fresh : current)),
      (error: unknown) => setRefreshError(describeError(error)),
    );
  };
  useEffect(refresh, []);

  if (!session) {
    return (
      <SignInPage
        notice={notice}
        onUnauthorized={expire}
        onSignedIn={(next) => {
          setNotice(null);
          setSession(next);
        }}
      />
    );
  }
  const leave = () => {
    signOut();
    setSession(null);
  };
  if (!session.me) {
    return (
      <main id="main" class="sign-in">
        {refreshError ? (
          <>
            <p role="alert" class="notice error">
              {refreshError}
            </p>
            <p class="actions">
              <button type="button" onClick={refresh}>
                Try again
              </button>
              <button type="button" class="secondary" onClick={leave}>
                Sign out
              </button>
            </p>
          </>
        ) : (
          <p class="muted">Signing in…</p>
        )}
      </main>
    );
  }
  return (
    <Router hook={useHashRoute} searchHook={useHashSearch}>
      <Shell session={session} me={session.me} onSignOut={leave} />
    </Router>
  );
}

function Shell({ session, me, onSignOut }: { session: Session; me: Me; onSignOut: () => void }) {
  const [location] = useLocation();
  const main = useRef<HTMLElement>(null);
  // After navigating, focus goes to the new page's content (as a page load would put it at the top).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location]);
  const current = (path: string) =>
    location === path || (path !== "/" && location.startsWith(`${path}/`)) ? "page" : undefined;
  const { client } = session;
  const admin = me.key.admin;
  const canWrite = hasScope(me, "jobs:write");
  const links: [string, string, boolean][] = [
    ["/", "Jobs", true],
    ["/new", "New job", canWrite],
    ["/usage", "Usage", true],
    ["/account", "Account", true],
    ["/admin", "Admin", admin],
  ];
  return (
    <>
      <button type="button" class="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header class="top">
        <nav aria-label="Main">
          <Link href="/" class="brand">
            pixpipe
          </Link>
          <ul>
            {links
              .filter(([, , shown]) => shown)
              .map(([href, label]) => (
                <li key={href}>
                  <Link href={href} aria-current={current(href)}>
                    {label}
                  </Link>
                </li>
              ))}
            <li>
              <a href={`${API_URL}/docs`}>API reference</a>
            </li>
          </ul>
          <span class="who" title={`tenant ${me.tenant.id}`}>
            <span class="visually-hidden">Signed in to </span>
            {me.tenant.name}
            {admin && <span class="badge">admin</span>}
          </span>
          <button type="button" class="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <ApiDocumentProvider client={client}>
          <Switch>
            <Route path="/">
              <NeedsApiDocument>
                <JobsPage client={client} canWrite={canWrite} />
              </NeedsApiDocument>
            </Route>
            <Route path="/jobs/:id">
              {(params) => <JobPage client={client} id={params.id} canWrite={canWrite} />}
            </Route>
            {canWrite && (
              <Route path="/new">
                <NeedsApiDocument>
                  <NewJobPage client={client} />
                </NeedsApiDocument>
              </Route>
            )}
            <Route path="/usage">
              <UsagePage client={client} me={me} />
            </Route>
            <Route path="/account">
              <AccountPage client={client} me={me} />
            </Route>
            {admin && (
              <Route path="/admin">
                <AdminPage client={client} />
              </Route>
            )}
            {admin && (
              <Route path="/admin/tenants/:id">
                {(params) => <TenantPage client={client} id={params.id} me={me} />}
              </Route>
            )}
            <Route>
              <h1>Not found</h1>
              <p>
                There is no such page. <Link href="/">See the jobs</Link>.
              </p>
            </Route>
          </Switch>
        </ApiDocumentProvider>
      </main>
    </>
  );
}
