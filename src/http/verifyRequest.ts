import { createPublicKey, type KeyObject, verify } from 'node:crypto';

// Discord signs every interaction it POSTs: Ed25519 over the timestamp header followed by the raw
// body, with the application's public key (Developer Portal → General Information → Public Key).

/** The DER prefix that turns a raw 32-byte Ed25519 key into an SPKI key Node's crypto can read. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Older than this (or this far in the future) a signed request is refused: it may be replayed. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** The application's public key from its 64 hex characters; throws on anything else. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/iu.test(hex)) throw new Error('expected 64 hexadecimal characters');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

export type Verdict = 'ok' | 'unsigned' | 'bad-signature' | 'stale';

/** Whether the request is Discord's, signed now: its signature and timestamp headers against the body. */
export function verifyRequest(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowSeconds = Date.now() / 1000,
): Verdict {
  if (!signature || !timestamp) return 'unsigned';
  if (!/^[0-9a-f]{128}$/iu.test(signature) || !/^\d{1,12}$/u.test(timestamp)) return 'bad-signature';
  const signed = verify(
    null,
    Buffer.concat([Buffer.from(timestamp), body]),
    key,
    Buffer.from(signature, 'hex'),
  );
  if (!signed) return 'bad-signature';
  return Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS ? 'stale' : 'ok';
}
