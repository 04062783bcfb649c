/**
 * Which addresses and URLs webhook deliveries may use (issue #19, item 4): every range the issue names refused in
 * words, IPv4-mapped IPv6 in both spellings read as IPv4, loopback only where allowed, and the registration check of a
 * URL. outbound.test.ts sends real requests.
 */
import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { addressRefusal, urlRefusal } from './outbound';

describe('addressRefusal', () => {
  it.each([
    ['127.0.0.1', 'a loopback address (127.0.0.0/8)'],
    ['127.255.255.254', 'a loopback address (127.0.0.0/8)'],
    ['::1', 'a loopback address (::1/128)'],
    ['10.0.0.5', 'a private address (10.0.0.0/8)'],
    ['172.16.0.1', 'a private address (172.16.0.0/12)'],
    ['172.31.255.255', 'a private address (172.16.0.0/12)'],
    ['192.168.1.1', 'a private address (192.168.0.0/16)'],
    ['169.254.1.1', 'a link-local address (169.254.0.0/16)'],
    ['169.254.169.254', 'a cloud metadata address (169.254.0.0/16)'],
    ['100.64.0.1', 'a carrier-grade NAT (shared) address (100.64.0.0/10)'],
    ['100.100.100.200', 'a cloud metadata address (100.64.0.0/10)'],
    ['fc00::1', 'a unique-local address (fc00::/7)'],
    ['fd12:3456::1', 'a unique-local address (fc00::/7)'],
    ['fe80::1', 'a link-local address (fe80::/10)'],
    ['0.0.0.0', 'the unspecified address (0.0.0.0/8)'],
    ['::', 'the unspecified address (::/128)'],
    ['224.0.0.1', 'a multicast address (224.0.0.0/4)'],
    ['ff02::1', 'a multicast address (ff00::/8)'],
    ['255.255.255.255', 'the broadcast address (255.255.255.255/32)'],
    ['64:ff9b::a00:1', 'a NAT64 address (64:ff9b::/96)'],
    ['2001:db8::1', 'a reserved address (2001:db8::/32)'],
  ])('%s is refused as %s', (address, words) => {
    expect(addressRefusal(address, false)).toBe(`${address} is ${words}`);
  });

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1', 'a loopback address (127.0.0.0/8)'],
    ['::ffff:7f00:1', '127.0.0.1', 'a loopback address (127.0.0.0/8)'],
    ['::ffff:10.0.0.1', '10.0.0.1', 'a private address (10.0.0.0/8)'],
    ['::ffff:a00:1', '10.0.0.1', 'a private address (10.0.0.0/8)'],
    ['::ffff:c0a8:101', '192.168.1.1', 'a private address (192.168.0.0/16)'],
    ['::ffff:ac10:1', '172.16.0.1', 'a private address (172.16.0.0/12)'],
    ['::ffff:169.254.169.254', '169.254.169.254', 'a cloud metadata address (169.254.0.0/16)'],
  ])('IPv4-mapped %s is read as %s and refused', (address, read, words) => {
    expect(addressRefusal(address, false)).toBe(`${address} (read as ${read}) is ${words}`);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '192.169.0.1'])(
    'public %s is allowed',
    (address) => expect(addressRefusal(address, false)).toBeUndefined(),
  );

  it('reads public IPv4-mapped and global IPv6 addresses as public', () => {
    expect(addressRefusal('::ffff:8.8.8.8', false)).toBeUndefined();
    expect(addressRefusal('2606:4700:4700::1111', false)).toBeUndefined();
  });

  it('allows loopback, and only loopback, where the policy allows it', () => {
    for (const address of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1']) {
      expect(addressRefusal(address, true)).toBeUndefined();
    }
    for (const address of ['10.0.0.1', '::ffff:a00:1', '169.254.169.254', 'fe80::1', '0.0.0.0', '::']) {
      expect(addressRefusal(address, true)).toMatch(/ is /);
    }
  });

  it('says when a value is not an address at all', () => {
    expect(addressRefusal('example.com', false)).toBe('example.com is not an IP address');
  });
});

describe('urlRefusal', () => {
  it('accepts absolute http(s) URLs whose host is a name or a public address', () => {
    for (const url of ['https://hooks.example.com/aethex?x=1', 'http://8.8.8.8:8080/', 'https://[2606:4700::1111]/']) {
      expect(urlRefusal(url, false)).toBeUndefined();
    }
  });

  it.each([
    ['not a url', /absolute http:\/\/ or https:\/\/ URL/],
    ['/webhooks', /absolute http:\/\/ or https:\/\/ URL/],
    ['ftp://files.example.com/x', /uses ftp:; webhooks are delivered to http:\/\/ and https:\/\/ URLs only/],
    ['javascript:alert(1)', /uses javascript:/],
    ['https://user:secret@hooks.example.com/', /must not hold credentials \(user:password@\)/],
    ['https://user@hooks.example.com/', /must not hold credentials/],
    ['https://hooks.example.com/x#part', /must not have a #fragment/],
    ['https://hooks.example.com/#', /must not have a #fragment/],
    [' https://hooks.example.com/', /must not begin or end with spaces/],
    [`https://hooks.example.com/${'a'.repeat(2100)}`, /^is 2126 characters long; at most 2048$/],
  ])('refuses %s', (url, message) => {
    const refusal = urlRefusal(url, true);
    expect(refusal?.field).toBe('/url');
    expect(refusal?.message).toMatch(message);
  });

  it('accepts a URL of exactly 2,048 characters', () => {
    const base = 'https://hooks.example.com/';
    expect(urlRefusal(`${base}${'a'.repeat(2048 - base.length)}`, false)).toBeUndefined();
  });

  it.each([
    ['https://10.0.0.5/hooks', '10.0.0.5, a private address (10.0.0.0/8)'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254, a cloud metadata address (169.254.0.0/16)'],
    ['https://[::ffff:a00:1]/', '::ffff:a00:1 (read as 10.0.0.1), a private address (10.0.0.0/8)'],
    ['https://[fe80::1]/', 'fe80::1, a link-local address (fe80::/10)'],
    ['http://2130706433/', '127.0.0.1, a loopback address (127.0.0.0/8)'],
    ['http://localhost:4242/webhooks', 'localhost (127.0.0.1), a loopback address (127.0.0.0/8)'],
    ['http://app.localhost/', 'app.localhost (127.0.0.1), a loopback address (127.0.0.0/8)'],
    ['http://localhost./', 'localhost. (127.0.0.1), a loopback address (127.0.0.0/8)'],
  ])('refuses %s in the portal, in words', (url, words) => {
    expect(urlRefusal(url, false)).toEqual({
      field: '/url',
      message: `points at ${words}; the sandbox in the portal delivers only to public addresses — use npm run sandbox:listen to forward to your machine`,
    });
  });

  it('accepts loopback hosts where loopback is allowed, but never private ones', () => {
    expect(urlRefusal('http://localhost:4242/webhooks', true)).toBeUndefined();
    expect(urlRefusal('http://[::1]:4242/webhooks', true)).toBeUndefined();
    expect(urlRefusal('http://192.168.0.10/', true)?.message).toBe(
      'points at 192.168.0.10, a private address (192.168.0.0/16); this sandbox delivers only to public and loopback addresses',
    );
  });
});

describe('forwardWebhook (no address check) stays with sandbox:listen', () => {
  it('is used by lib/sandbox/listen.ts only, never by code the portal serves', () => {
    const users = execFileSync('git', ['grep', '-l', 'forwardWebhook', '--', 'app', 'lib', 'components', 'scripts'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => file && !file.endsWith('.test.ts'));
    expect(users.sort()).toEqual(['lib/sandbox/listen.ts', 'lib/sandbox/outbound.ts']);
  });
});
