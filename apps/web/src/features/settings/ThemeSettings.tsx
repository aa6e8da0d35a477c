import { Panel } from "../../components/Panel.tsx";
import { type ThemePreference, themePreferences } from "../../lib/theme.ts";
import { setThemePreference, useTheme } from "../../lib/theme-store.ts";

const labels: Record<ThemePreference, string> = {
  system: "Follow the system",
  light: "Light",
  dark: "Dark",
};

/** The theme choice, kept in this browser (localStorage), not in the URL. */
export function ThemeSettings() {
  const { preference, theme } = useTheme();
  return (
    <Panel title="Appearance">
      <fieldset className="radio-group">
        <legend>Theme</legend>
        {themePreferences.map((option) => (
          <label key={option} className="radio">
            <input
              type="radio"
              name="theme"
              value={option}
              checked={preference === option}
              onChange={() => setThemePreference(option)}
            />
            {labels[option]}
          </label>
        ))}
      </fieldset>
      <p className="panel__note">Now showing the {theme} theme.</p>
    </Panel>
  );
}
