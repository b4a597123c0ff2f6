import { isIPv4, isIPv6 } from 'node:net';

/** What an IP address is for; only `public` addresses may be fetched unless private ones are allowed. */
export type AddressKind =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

type Ipv4Kind = readonly [cidr: string, kind: Exclude<AddressKind, 'public'>];

// Special-purpose IPv4 blocks (IANA registry, RFC 6890); everything else is public.
const IPV4_RANGES: readonly Ipv4Kind[] = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'private'], // carrier-grade NAT (shared address space)
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'], // includes the cloud metadata service, 169.254.169.254
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'reserved'],
  ['192.88.99.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'reserved'],
  ['203.0.113.0/24', 'reserved'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'], // includes the broadcast address 255.255.255.255
];

const ARTICLES: Record<Exclude<AddressKind, 'public'>, string> = {
  private: 'a private address',
  loopback: 'a loopback address',
  'link-local': 'a link-local address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
};

/**
 * Classifies an IPv4 or IPv6 address (a zone such as `%eth0` is ignored). IPv6 addresses that carry an
 * IPv4 address (`::ffff:127.0.0.1`, NAT64 `64:ff9b::…`, 6to4 `2002:…`) are classified by that address.
 * Anything that is not an IP address is `reserved`, so it is never fetched by mistake.
 */
export function classifyAddress(address: string): AddressKind {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return classifyIpv4(ipv4ToNumber(bare));
  if (isIPv6(bare)) return classifyIpv6(ipv6ToBigInt(bare));
  return 'reserved';
}

/** "a private address", "a loopback address", … for messages. */
export function describeAddressKind(kind: Exclude<AddressKind, 'public'>): string {
  return ARTICLES[kind];
}

function classifyIpv4(value: number): AddressKind {
  for (const [cidr, kind] of IPV4_RANGES) if (inIpv4Range(value, cidr)) return kind;
  return 'public';
}

function classifyIpv6(value: bigint): AddressKind {
  const embeddedIpv4 = (shift: bigint) => classifyIpv4(Number((value >> shift) & 0xffff_ffffn));
  if (value === 0n) return 'unspecified';
  if (value === 1n) return 'loopback';
  if (inIpv6Range(value, '::ffff:0:0/96')) return embeddedIpv4(0n); // IPv4-mapped
  if (inIpv6Range(value, '64:ff9b::/96')) return embeddedIpv4(0n); // NAT64
  if (inIpv6Range(value, '2002::/16')) return embeddedIpv4(80n); // 6to4
  if (inIpv6Range(value, '64:ff9b:1::/48')) return 'private'; // local-use NAT64
  if (inIpv6Range(value, 'fc00::/7')) return 'private'; // unique local
  if (inIpv6Range(value, 'fec0::/10')) return 'private'; // site-local (deprecated)
  if (inIpv6Range(value, 'fe80::/10')) return 'link-local';
  if (inIpv6Range(value, 'ff00::/8')) return 'multicast';
  if (inIpv6Range(value, '2001::/32')) return 'reserved'; // Teredo: hides an IPv4 address
  if (inIpv6Range(value, '2001:db8::/32')) return 'reserved'; // documentation
  // Only 2000::/3 is allocated for global unicast; the rest (IPv4-compatible ::/96, discard 100::/64…)
  // is not a web server.
  return inIpv6Range(value, '2000::/3') ? 'public' : 'reserved';
}

function inIpv4Range(value: number, cidr: string): boolean {
  const [base = '', bits = '32'] = cidr.split('/');
  const prefix = Number(bits);
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return (value & mask) >>> 0 === (ipv4ToNumber(base) & mask) >>> 0;
}

function inIpv6Range(value: bigint, cidr: string): boolean {
  const [base = '', bits = '128'] = cidr.split('/');
  const shift = BigInt(128 - Number(bits));
  return value >> shift === ipv6ToBigInt(base) >> shift;
}

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

/** Expects a valid IPv6 address (checked with `isIPv6`), possibly ending in dotted IPv4. */
function ipv6ToBigInt(address: string): bigint {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const ipv4 = ipv4ToNumber(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}${(ipv4 >>> 16).toString(16)}:${(ipv4 & 0xffff).toString(16)}`;
  }
  const [left = '', right] = text.split('::');
  const head = left === '' ? [] : left.split(':');
  const tail = right === undefined || right === '' ? [] : right.split(':');
  const groups = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return groups.reduce((value, group) => (value << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}
