// Password hashing: scrypt (node:crypto) with the OWASP parameters N=2^17, r=8, p=1, a 16-byte random salt
// and a 32-byte key, stored as scrypt$N$r$p$salt$hash (base64). The async scrypt runs on libuv's thread
// pool, so a sign-in does not stop the event loop for the ~0.5 s a hash costs.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { invalid } from './errors.ts';

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;
const DEFAULT_LOG_N = 17;
const KEY_LENGTH = 32;
/** N=2^17, r=8 needs 128 × N × r = 128 MiB; scrypt refuses above maxmem (32 MiB by default). */
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { ...options, maxmem: MAX_MEMORY }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * The stored form of a password. `logN` below the default is for test fixtures only: verification reads
 * the cost from the stored hash, so fixtures signed in hundreds of times do not each cost half a second.
 */
export async function hashPassword(password: string, options: { logN?: number } = {}): Promise<string> {
  const N = 2 ** (options.logN ?? DEFAULT_LOG_N);
  const salt = randomBytes(16);
  const key = await derive(password, salt, KEY_LENGTH, { N, r: 8, p: 1 });
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface Parsed { N: number; r: number; p: number; salt: Buffer; key: Buffer }

function parse(stored: string): Parsed | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds keep a corrupted row from asking for gigabytes or hours.
  if (!Number.isInteger(Math.log2(N)) || N < 2 ** 10 || N > 2 ** 20 || r < 1 || r > 16 || p < 1 || p > 4) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64');
  const key = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 16 || key.length < 32 || key.length > 64) return undefined;
  return { N, r, p, salt, key };
}

let dummyHash: Promise<string> | undefined;

/**
 * Whether the password matches the stored hash. A malformed or missing hash (unknown user, fixture row)
 * still costs one full hash, so the answer takes as long whether or not the account exists.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parsed = stored === undefined ? undefined : parse(stored);
  if (!parsed || password.length > MAX_PASSWORD_LENGTH) {
    dummyHash ??= hashPassword('zhida-no-such-account');
    const dummy = parse(await dummyHash)!;
    await derive(password.slice(0, MAX_PASSWORD_LENGTH), dummy.salt, dummy.key.length, { N: dummy.N, r: dummy.r, p: dummy.p });
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.key.length, { N: parsed.N, r: parsed.r, p: parsed.p });
  return timingSafeEqual(key, parsed.key);
}

/** Refuses a new password that is too short or too long, naming the field. */
export function checkNewPassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(`${field}: a password needs at least ${MIN_PASSWORD_LENGTH} characters`, [{ path: field, message: `at least ${MIN_PASSWORD_LENGTH} characters` }]);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw invalid(`${field}: a password has at most ${MAX_PASSWORD_LENGTH} characters`, [{ path: field, message: `at most ${MAX_PASSWORD_LENGTH} characters` }]);
  }
}

/** A random password for accounts created without one (printed once by the CLI). */
export const generatePassword = (): string => randomBytes(18).toString('base64url');
