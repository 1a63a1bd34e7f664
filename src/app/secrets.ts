/**
 * Password and secret hashing. People's passwords and device secrets use scrypt (memory-hard, in Node's
 * crypto; parameters after OWASP's password storage cheat sheet: N=2^15, r=8, p=1). Session ids and API
 * token secrets are long random values, so a fast SHA-256 lookup hash is enough for them.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LEN = 32;
const MAX_MEM = 64 * 1024 * 1024;

const scryptAsync = (secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(secret, salt, KEY_LEN, { N: n, r, p, maxmem: MAX_MEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 2 ** 20) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (expected.length !== KEY_LEN) return false;
  const key = await scryptAsync(secret, salt, n, r, p);
  return timingSafeEqual(key, expected);
}

/** A new random secret for a device, session or token (URL-safe, 256 bits). */
export const newSecret = (): string => randomBytes(32).toString('base64url');

export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');
