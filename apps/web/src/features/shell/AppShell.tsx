import { Link, Outlet } from "@tanstack/react-router";
import { SourceBanner } from "../../components/SourceBanner.tsx";
import { ThemeToggle } from "../../components/ThemeToggle.tsx";
import { SignedInUser } from "../session/SignedInUser.tsx";
import { useSignedInUser } from "../session/use-session.ts";
import { navigationItems } from "./navigation.ts";
import { useSourceStatuses } from "./use-source-statuses.ts";

/**
 * Header (with the signed-in user), sidebar (the sections the user's roles open) and the page; the
 * source banner sits above every page.
 */
export function AppShell() {
  const sources = useSourceStatuses();
  const permissions = useSignedInUser()?.permissions ?? [];
  const sections = navigationItems.filter((item) => !("permission" in item) || permissions.includes(item.permission));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Fleetdeck
        </Link>
        <span className="topbar__tagline">Go fleet console</span>
        <div className="topbar__actions">
          <SignedInUser />
          <ThemeToggle />
        </div>
      </header>
      <nav className="sidebar" aria-label="Main">
        <ul>
          {sections.map((item) => (
            <li key={item.to}>
              <Link
                to={item.to}
                className="sidebar__link"
                activeOptions={{ exact: item.to === "/", includeSearch: false }}
                activeProps={{ className: "sidebar__link--active" }}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <SourceBanner sources={sources} />
        <Outlet />
      </main>
    </div>
  );
}
