// Why logging in to Discord failed, in words an operator can act on: a network failure is not a bad
// token, and saying "check DISCORD_TOKEN" for it sends people to the wrong place.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export function describeLoginError(error: unknown): string {
  const { code, status, cause } = (error ?? {}) as {
    code?: unknown;
    status?: unknown;
    cause?: { code?: unknown };
  };
  if (code === 'TokenInvalid' || status === 401)
    return 'Discord refused the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token)';
  const network = [code, cause?.code].find(
    (value) => typeof value === 'string' && (NETWORK_CODES.has(value) || value.startsWith('UND_ERR')),
  );
  if (network !== undefined || (error instanceof Error && /fetch failed/i.test(error.message)))
    return `Could not reach Discord (${String(network ?? 'network error')}): check the network, a proxy, or DISCORD_API_URL`;
  return 'Could not connect to Discord';
}
