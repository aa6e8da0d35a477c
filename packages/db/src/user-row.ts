import { z } from "zod";

/** A local account and its roles, without its password hash. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  /** Role names, sorted; the database only accepts viewer, operator, approver and admin. */
  roles: string[];
  disabled: boolean;
  mustChangePassword: boolean;
  /** False for an account that only signs in through single sign-on. */
  hasPassword: boolean;
  createdAtMs: number;
  updatedAtMs: number;
}

/**
 * The columns userRow reads, for any query that selects a user (alias u), alone or joined to what
 * belongs to the user. Prefixed so they cannot clash with the joined table's own columns.
 */
export const userColumnsSql = `
  u.id as user_id, u.username as user_username, u.display_name as user_display_name,
  u.disabled as user_disabled, u.must_change_password as user_must_change_password,
  u.password_hash is not null as user_has_password,
  u.created_at as user_created_at, u.updated_at as user_updated_at,
  coalesce((select jsonb_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '[]'::jsonb)
    as user_roles`;

export const userRow = z
  .object({
    user_id: z.string(),
    user_username: z.string(),
    user_display_name: z.string(),
    user_disabled: z.boolean(),
    user_must_change_password: z.boolean(),
    user_has_password: z.boolean(),
    user_created_at: z.date(),
    user_updated_at: z.date(),
    user_roles: z.array(z.string()),
  })
  .transform(
    (row): User => ({
      id: row.user_id,
      username: row.user_username,
      displayName: row.user_display_name,
      roles: row.user_roles,
      disabled: row.user_disabled,
      mustChangePassword: row.user_must_change_password,
      hasPassword: row.user_has_password,
      createdAtMs: row.user_created_at.getTime(),
      updatedAtMs: row.user_updated_at.getTime(),
    }),
  );
