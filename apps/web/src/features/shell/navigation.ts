/** The console's sections, in sidebar order. */
export const navigationItems = [
  { to: "/", label: "Overview" },
  { to: "/topology", label: "Topology" },
  { to: "/gc", label: "GC" },
  { to: "/profiles", label: "Profiles" },
  { to: "/changes", label: "Changes" },
  { to: "/incidents", label: "Incidents" },
  { to: "/audit", label: "Audit" },
  { to: "/settings", label: "Settings" },
] as const;
