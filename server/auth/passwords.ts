import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';

/** bcrypt cost of stored passwords (~0.4 s per hash on one core here). */
export const BCRYPT_ROUNDS = 12;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 72;

export function hashPassword(password: string, rounds = BCRYPT_ROUNDS): Promise<string> {
  return bcrypt.hash(password, rounds);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A hash no password matches, compared against when the username is unknown so both cases take as long. */
const DUMMY_HASH = bcrypt.hashSync(randomBytes(16).toString('hex'), BCRYPT_ROUNDS);

export function verifyAgainstDummy(password: string): Promise<boolean> {
  return bcrypt.compare(password, DUMMY_HASH);
}

/** Why a new password is refused, or null when it passes the policy. bcrypt reads 72 bytes at most. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters`;
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_LENGTH)
    return `at most ${PASSWORD_MAX_LENGTH} bytes`;
  return null;
}

/** A random 16-character password (about 95 bits) for generated accounts. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
