import { oppositeTheme } from "../lib/theme.ts";
import { setThemePreference, useTheme } from "../lib/theme-store.ts";

/** Flips between light and dark; the choice is remembered and stops following the system. */
export function ThemeToggle() {
  const { theme } = useTheme();
  const next = oppositeTheme(theme);
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      onClick={() => setThemePreference(next)}
    >
      <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span>
    </button>
  );
}
