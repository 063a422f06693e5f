import { OpenVanError } from "../../kernel/index.js";

/** Shortest password a user may have; the API's schema says the same. */
export const minPasswordLength = 10;
/** Longest password: argon2 would take anything, but a login should not hash megabytes. */
export const maxPasswordLength = 256;

/** An e-mail address as users are found by: trimmed, lower case, checked for one `@` between two parts. */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (normalized.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(normalized)) {
    throw new OpenVanError("REQUEST_INVALID", `"${email}" is not an e-mail address`, { field: "email" });
  }
  return normalized;
}

/** Refuses a password too short to be a password or too long to hash at login. */
export function checkPassword(password: string): void {
  if (password.length < minPasswordLength || password.length > maxPasswordLength) {
    throw new OpenVanError(
      "REQUEST_INVALID",
      `a password has ${minPasswordLength} to ${maxPasswordLength} characters`,
      { field: "password" },
    );
  }
}
