/**
 * The first-start admin of the server playwright.config.ts starts: it passes this password as
 * FLEETDECK_ADMIN_PASSWORD, so the admin needs no password change and specs can sign in. The
 * password policy refuses one that contains the username, hence no "admin" in it.
 */
export const adminAccount = { username: "admin", password: "fleetdeck-e2e-first-start-pass" } as const;

export interface Account {
  username: string;
  password: string;
}
