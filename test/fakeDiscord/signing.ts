import { generateKeyPairSync, sign } from 'node:crypto';

/**
 * An application's key pair as Discord holds it for interactions over HTTP: the public half as the
 * 64 hex characters the Developer Portal shows (DISCORD_PUBLIC_KEY), and the headers Discord sends
 * with each request it signs.
 */
export function applicationKeys(): {
  publicHex: string;
  headers(body: string, timestamp?: string): Record<string, string>;
} {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x ?? '';
  return {
    publicHex: Buffer.from(x, 'base64url').toString('hex'),
    headers(body, timestamp = String(Math.floor(Date.now() / 1000))) {
      return {
        'content-type': 'application/json',
        'x-signature-timestamp': timestamp,
        'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
      };
    },
  };
}

/** The PING Discord POSTs to an interactions endpoint to check it answers, as JSON. */
export function pingBody(applicationId: string): string {
  return JSON.stringify({ id: '1', type: 1, application_id: applicationId, token: 't', version: 1 });
}
