import { useEffect, useRef, useState } from "preact/hooks";
import { Link, Route, Router, Switch, useLocation } from "wouter-preact";
import { ApiDocumentProvider } from "./api-document";
import { AdminPage } from "./pages/admin";
import { JobPage } from "./pages/job";
import { JobsPage } from "./pages/jobs";
import { NewJobPage } from "./pages/new-job";
import { SignInPage } from "./pages/sign-in";
import { useHashRoute, useHashSearch } from "./routing";
import { API_URL, type Session, signOut, storedSession } from "./session";

export function App() {
  const [notice, setNotice] = useState<string | null>(null);
  const expire = () => {
    signOut();
    setSession(null);
    setNotice("You were signed out: the API no longer accepts this key.");
  };
  const [session, setSession] = useState<Session | null>(() => storedSession(expire));
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
  return (
    <Router hook={useHashRoute} searchHook={useHashSearch}>
      <Shell
        session={session}
        onSignOut={() => {
          signOut();
          setSession(null);
        }}
      />
    </Router>
  );
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
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
  const current = (path: string) => (location === path ? "page" : undefined);
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
            <li>
              <Link href="/" aria-current={current("/")}>
                Jobs
              </Link>
            </li>
            <li>
              <Link href="/new" aria-current={current("/new")}>
                New job
              </Link>
            </li>
            {session.admin && (
              <li>
                <Link href="/admin" aria-current={current("/admin")}>
                  Admin
                </Link>
              </li>
            )}
            <li>
              <a href={`${API_URL}/docs`}>API reference</a>
            </li>
          </ul>
          <button type="button" class="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <ApiDocumentProvider client={session.client}>
          <Switch>
            <Route path="/">
              <JobsPage client={session.client} />
            </Route>
            <Route path="/jobs/:id">{(params) => <JobPage client={session.client} id={params.id} />}</Route>
            <Route path="/new">
              <NewJobPage client={session.client} />
            </Route>
            {session.admin && (
              <Route path="/admin">
                <AdminPage client={session.client} />
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
