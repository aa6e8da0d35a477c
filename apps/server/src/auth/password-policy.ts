import { randomBytes } from "node:crypto";
import { z } from "zod";

export const minPasswordCharacters = 12;
/** Argon2 takes any length; the cap only bounds the work one request can ask for. */
export const maxPasswordCharacters = 256;
const minDistinctCharacters = 5;

/** Counts what a person sees as characters (code points), not UTF-16 units. */
const characterCount = (password: string) => [...password].length;

/**
 * Length over composition rules, after NIST SP 800-63B: at least 12 characters, any characters
 * (spaces and passphrases welcome), and not a trivially repeated one such as "aaaaaaaaaaaa".
 */
export const NewPassword = z
  .string()
  .refine((password) => characterCount(password) >= minPasswordCharacters, {
    message: `Use at least ${minPasswordCharacters} characters`,
  })
  .refine((password) => characterCount(password) <= maxPasswordCharacters, {
    message: `Use at most ${maxPasswordCharacters} characters`,
  })
  .refine((password) => new Set(password).size >= minDistinctCharacters, {
    message: `Use at least ${minDistinctCharacters} different characters`,
  });

/** The policy for one account: NewPassword, and not containing the username. */
export function newPasswordFor(username: string) {
  return NewPassword.refine((password) => !password.toLowerCase().includes(username.toLowerCase()), {
    message: "Do not include the username",
  });
}

/** The policy's messages for this password, empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const checked = newPasswordFor(username).safeParse(password);
  return checked.success ? [] : checked.error.issues.map((issue) => issue.message);
}

/** 144 random bits as 24 URL-safe characters, drawn again in the unlikely case the policy refuses them. */
export function generatePassword(username: string): string {
  for (;;) {
    const password = randomBytes(18).toString("base64url");
    if (passwordProblems(password, username).length === 0) return password;
  }
}
