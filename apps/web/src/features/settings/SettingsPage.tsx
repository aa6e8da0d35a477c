import { ApiTokensPanel } from "../api-tokens/ApiTokensPanel.tsx";
import { DemoFleetSettings } from "./DemoFleetSettings.tsx";
import { SourcesSettings } from "./SourcesSettings.tsx";
import { ThemeSettings } from "./ThemeSettings.tsx";

export function SettingsPage() {
  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">Settings</h1>
      </div>
      <ThemeSettings />
      <SourcesSettings />
      <ApiTokensPanel />
      <DemoFleetSettings />
    </div>
  );
}
