/** Theme choice: pure rules here, the browser side in theme-store.ts. */
export type Theme = "light" | "dark";
export type ThemePreference = Theme | "system";

export const themePreferences: readonly ThemePreference[] = ["system", "light", "dark"];

export function parseThemePreference(stored: string | null | undefined): ThemePreference {
  return stored === "light" || stored === "dark" ? stored : "system";
}

/** Follows the operating system until the person picks a theme. */
export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): Theme {
  if (preference === "system") return systemPrefersDark ? "dark" : "light";
  return preference;
}

export function oppositeTheme(theme: Theme): Theme {
  return theme === "dark" ? "light" : "dark";
}
