/**
 * The console's sections, in sidebar order. An item with a `permission` is shown only to users
 * whose roles grant it (the server refuses its calls to anyone else anyway).
 */
export const navigationItems = [
  { to: "/", label: "Overview" },
  { to: "/topology", label: "Topology" },
  { to: "/gc", label: "GC" },
  { to: "/profiles", label: "Profiles" },
  { to: "/changes", label: "Changes" },
  { to: "/incidents", label: "Incidents" },
  { to: "/audit", label: "Audit" },
  { to: "/users", label: "Users", permission: "administer" },
  { to: "/settings", label: "Settings" },
] as const;
