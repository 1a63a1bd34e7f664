import { describe, expect, it } from 'vitest';
import { deviceHashForm, fastDeviceSecretHash, issueDeviceSecret, MIN_FAST_DEVICE_SECRET_CHARS, verifyFastDeviceSecret } from './device-secrets.js';
import { hashSecret } from './secrets.js';

describe('device secrets', () => {
  it('issues 256-bit secrets whose stored hash verifies them and nothing else', () => {
    const a = issueDeviceSecret();
    const b = issueDeviceSecret();
    expect(Buffer.from(a.secret, 'base64url')).toHaveLength(32);
    expect(a.secret).not.toBe(b.secret);
    expect(deviceHashForm(a.secretHash)).toBe('fast');
    expect(a.secretHash).not.toContain(a.secret);
    expect(verifyFastDeviceSecret(a.secret, a.secretHash)).toBe(true);
    expect(verifyFastDeviceSecret(b.secret, a.secretHash)).toBe(false);
    expect(verifyFastDeviceSecret(`${a.secret} `, a.secretHash)).toBe(false);
    expect(verifyFastDeviceSecret('', a.secretHash)).toBe(false);
  });

  it('gives the fast form only to long, random-looking secrets (a person-chosen one keeps scrypt)', () => {
    expect(fastDeviceSecretHash('x'.repeat(MIN_FAST_DEVICE_SECRET_CHARS - 1))).toBeNull();
    expect(fastDeviceSecretHash('correct horse battery staple and some more words')).toBeNull();
    expect(fastDeviceSecretHash('a'.repeat(MIN_FAST_DEVICE_SECRET_CHARS))).toMatch(/^sha256\$/);
  });

  it('tells the forms apart and refuses a malformed fast hash', async () => {
    expect(deviceHashForm(await hashSecret('whatever-secret'))).toBe('scrypt');
    expect(deviceHashForm('md5$abc')).toBe('unknown');
    const { secret, secretHash } = issueDeviceSecret();
    expect(verifyFastDeviceSecret(secret, secretHash.slice(0, -2))).toBe(false);
    expect(verifyFastDeviceSecret(secret, secretHash.replace('sha256$', 'scrypt$'))).toBe(false);
  });
});
