import { describe, expect, it } from 'vitest';
import { type AddressKind, classifyAddress } from '../../src/ingest/addressPolicy.js';

const CASES: Record<AddressKind, string[]> = {
  public: [
    '8.8.8.8',
    '93.184.215.14',
    '100.63.255.255',
    '100.128.0.1',
    '172.15.255.255',
    '172.32.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ],
  private: [
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '100.127.255.254',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:10.0.0.5',
    '::ffff:192.168.0.1',
    '2002:c0a8:101::1',
  ],
  loopback: [
    '127.0.0.1',
    '127.8.9.10',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
  ],
  'link-local': [
    '169.254.169.254',
    '169.254.0.1',
    'fe80::1',
    'fe80::1%eth0',
    'febf::1',
    '::ffff:169.254.169.254',
  ],
  unspecified: ['0.0.0.0', '0.1.2.3', '::', '::ffff:0.0.0.0'],
  multicast: ['224.0.0.1', '239.255.255.250', 'ff02::1', 'ff05::fb'],
  reserved: [
    '240.0.0.1',
    '255.255.255.255',
    '192.0.2.10',
    '198.51.100.7',
    '203.0.113.99',
    '198.18.0.1',
    '2001:db8::1',
    '2001:0:4136:e378::1',
    '::127.0.0.1',
    '100::1',
    'localhost',
    'not an address',
    '',
  ],
};

describe('classifyAddress', () => {
  for (const [kind, addresses] of Object.entries(CASES)) {
    it.each(addresses)(`returns ${kind} for %s`, (address) => {
      expect(classifyAddress(address)).toBe(kind);
    });
  }
});
