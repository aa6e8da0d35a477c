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

/**
 * People of a change's review, created by a spec on a console of its own: the proposer holds both
 * operator and approver roles (so four eyes, not a missing role, keeps them from approving their
 * own change), the lead only approves, the reader only reads.
 */
export const changeAccounts = {
  proposer: { username: "proposer", password: "writes the change 1" },
  lead: { username: "lead", password: "reviews and decides 2" },
  reader: { username: "reader", password: "watches it happen 3" },
} as const satisfies Record<string, Account>;
