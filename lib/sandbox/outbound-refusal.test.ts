/**
 * Which addresses and URLs webhook deliveries may use (issue #19, item 4): every range the issue names refused in
 * words, IPv4-mapped IPv6 in both spellings read as IPv4, loopback only where allowed, and the registration check of a
 * URL. outbound.test.ts sends real requests.
 */
import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { addressRefusal, postWebhook, urlRefusal } from './outbound';

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

  // ipaddr.js calls these `unicast`; none is global IPv6 (only 2000::/3 is), and some carry an IPv4 address that a
  // host with an automatic tunnel or a translator would reach.
  it.each([
    ['::7f00:1', 'an IPv4-compatible address carrying 127.0.0.1 (::/96, deprecated, never global)'],
    [
      '::127.0.0.1',
      '(read as ::7f00:1) is an IPv4-compatible address carrying 127.0.0.1 (::/96, deprecated, never global)',
    ],
    ['::a9fe:a9fe', 'an IPv4-compatible address carrying 169.254.169.254 (::/96, deprecated, never global)'],
    ['::a00:1', 'an IPv4-compatible address carrying 10.0.0.1 (::/96, deprecated, never global)'],
    [
      '::8.8.8.8',
      '(read as ::808:808) is an IPv4-compatible address carrying 8.8.8.8 (::/96, deprecated, never global)',
    ],
    ['::ffff:0:0:7f00:1', 'outside global unicast IPv6 (2000::/3)'],
    ['::1:0:0:7f00:1', 'outside global unicast IPv6 (2000::/3)'],
    ['100::1:0:0:7f00:1', 'outside global unicast IPv6 (2000::/3)'],
    ['4000::1', 'outside global unicast IPv6 (2000::/3)'],
    ['e000::7f00:1', 'outside global unicast IPv6 (2000::/3)'],
  ])('%s, outside global unicast IPv6, is refused as %s, loopback allowed or not', (address, words) => {
    const expected = words.startsWith('(') ? `${address} ${words}` : `${address} is ${words}`;
    expect(addressRefusal(address, false)).toBe(expected);
    expect(addressRefusal(address, true)).toBe(expected);
  });

  it.each([
    ['::ffff:0:7f00:1', 'an IPv4-translated address (::ffff:0:0:0/96)'],
    ['2001::7f00:1', 'a Teredo address (2001::/32)'],
    ['2002:7f00:1::', 'a 6to4 address (2002::/16)'],
    ['64:ff9b:1::a00:1', 'a NAT64 address (64:ff9b:1::/48)'],
  ])('the other IPv6 forms that carry IPv4 stay refused: %s as %s', (address, words) => {
    expect(addressRefusal(address, true)).toBe(`${address} is ${words}`);
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

  it.each([
    [
      'http://[::127.0.0.1]/',
      '::7f00:1, an IPv4-compatible address carrying 127.0.0.1 (::/96, deprecated, never global)',
    ],
    [
      'http://[::a9fe:a9fe]/',
      '::a9fe:a9fe, an IPv4-compatible address carrying 169.254.169.254 (::/96, deprecated, never global)',
    ],
    ['http://[::ffff:0:0:7f00:1]/', '::ffff:0:0:7f00:1, outside global unicast IPv6 (2000::/3)'],
  ])('refuses IPv6 hosts outside global unicast at registration: %s', (url, words) => {
    expect(urlRefusal(url, false)?.message).toBe(
      `points at ${words}; the sandbox in the portal delivers only to public addresses — use npm run sandbox:listen to forward to your machine`,
    );
    expect(urlRefusal(url, true)?.message).toMatch(/; this sandbox delivers only to public and loopback addresses$/);
  });

  it('refuses a delivery to an IPv4-compatible address before connecting', async () => {
    const result = await postWebhook('http://[::127.0.0.1]:9/', {}, '{}', { allowLoopback: true, timeoutMs: 2000 });
    expect(result).toMatchObject({ outcome: 'refused', address: '::7f00:1' });
    expect(result.error).toMatch(/^refused: ::7f00:1 is an IPv4-compatible address carrying 127\.0\.0\.1 /);
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
