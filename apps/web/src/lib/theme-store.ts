import { useSyncExternalStore } from "react";
import { parseThemePreference, resolveTheme, type Theme, type ThemePreference } from "./theme.ts";

const storageKey = "fleetdeck.theme";
const darkQuery = "(prefers-color-scheme: dark)";

const listeners = new Set<() => void>();
let snapshot: { preference: ThemePreference; theme: Theme } = { preference: "system", theme: "dark" };

function readStoredPreference(): ThemePreference {
  try {
    return parseThemePreference(window.localStorage.getItem(storageKey));
  } catch {
    return "system";
  }
}

function apply(preference: ThemePreference) {
  const theme = resolveTheme(preference, window.matchMedia(darkQuery).matches);
  if (preference !== snapshot.preference || theme !== snapshot.theme) snapshot = { preference, theme };
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
  for (const listener of listeners) listener();
}

/** Applies the stored or system theme before the first render, then follows the system and other tabs. */
export function initTheme() {
  apply(readStoredPreference());
  window.matchMedia(darkQuery).addEventListener("change", () => apply(snapshot.preference));
  window.addEventListener("storage", (event) => {
    if (event.key === storageKey) apply(parseThemePreference(event.newValue));
  });
}

export function setThemePreference(preference: ThemePreference) {
  try {
    if (preference === "system") window.localStorage.removeItem(storageKey);
    else window.localStorage.setItem(storageKey, preference);
  } catch {
    // Storage can be disabled; the choice then lasts for this page only.
  }
  apply(preference);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The theme in force and what the person chose: local UI state, never in the URL. */
export function useTheme() {
  return useSyncExternalStore(subscribe, () => snapshot);
}
