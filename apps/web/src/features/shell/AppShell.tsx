import { Link, Outlet } from "@tanstack/react-router";
import { SourceBanner } from "../../components/SourceBanner.tsx";
import { ThemeToggle } from "../../components/ThemeToggle.tsx";
import { PasswordChangeBanner } from "../session/PasswordChangeBanner.tsx";
import { SignedInUser } from "../session/SignedInUser.tsx";
import { navigationItems } from "./navigation.ts";
import { useSourceStatuses } from "./use-source-statuses.ts";

/**
 * Header (with the signed-in user), sidebar and the page; the source banner and the reminder to
 * replace a generated password sit above every page.
 */
export function AppShell() {
  const sources = useSourceStatuses();
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
          {navigationItems.map((item) => (
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
        <PasswordChangeBanner />
        <SourceBanner sources={sources} />
        <Outlet />
      </main>
    </div>
  );
}
