import { randomBytes } from 'node:crypto';

/** A new credentials token: 32 random bytes, base64url (43 characters of the OCPI token alphabet). */
export function generateCredentialsToken(): string {
  return randomBytes(32).toString('base64url');
}
