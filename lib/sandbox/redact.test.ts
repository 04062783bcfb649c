import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { randomId } from './ids';
import {
  redactAuthorization,
  redactBody,
  REDACTED,
  redactQuery,
  redactText,
  SECRET_FIELDS,
  SECRET_PREFIXES,
} from './redact';

const access = randomId('atx_', 40);
const refresh = randomId('rtx_', 48);
const code = randomId('ac_', 40);
const ticket = randomId('lt_', 40);
const clientSecret = randomId('cs_', 40);
const pat = randomId('pat_', 40);
const webhookSecret = 'whsec_ab+/cdEFgh0123456789+/ABCDefgh01234=';

describe('redaction for the request log', () => {
  it('replaces every issued secret in any text, keeping its prefix', () => {
    const text = `a ${access} b "${refresh}" c=${code}&d=${ticket}\n${clientSecret},${pat};${webhookSecret}`;
    const redacted = redactText(text);
    for (const secret of [access, refresh, code, ticket, clientSecret, pat, webhookSecret])
      expect(redacted).not.toContain(secret.slice(6));
    expect(redacted).toBe(
      'a atx_[redacted] b "rtx_[redacted]" c=ac_[redacted]&d=lt_[redacted]\ncs_[redacted],pat_[redacted];whsec_[redacted]',
    );
  });

  it('leaves identifiers and words that merely contain a prefix alone', () => {
    const text =
      '{"id":"prj_AAAAAAAAAAAAAAAA","tenant_id":"ten_BBBBBBBBBBBBBBBB","client_id":"cli_CCCCCCCCCCCCCCCC","default_branch":"main","result_x":"at_1"}';
    expect(redactText(text)).toBe(text);
    expect(redactBody(text)).toBe(text);
  });

  it('redacts JSON members by name at any depth, also spelled with escapes, and keeps other bodies byte for byte', () => {
    const body = `{"name":"x","nested":[{"Client_Secret":"hunter2","code_verifier":"v","keep":1}],"refresh\\u005ftoken":"r","password":{"a":1}}`;
    expect(JSON.parse(redactBody(body))).toEqual({
      name: 'x',
      nested: [{ Client_Secret: REDACTED, code_verifier: REDACTED, keep: 1 }],
      refresh_token: REDACTED,
      password: REDACTED,
    });
    expect(redactBody('{"Client-Secret" : "hunter2"}')).toBe('{"Client-Secret":"[redacted]"}');
    expect(redactText('/x?client-secret=hunter2')).toBe('/x?client-secret=[redacted]');
    const pretty = '{\n  "name": "kept as sent",\n  "n": 1\n}';
    expect(redactBody(pretty)).toBe(pretty);
    // A __proto__ key is data, not a prototype.
    expect(JSON.parse(redactBody('{"__proto__":{"token":"t"}}'))).toEqual(
      JSON.parse('{"__proto__":{"token":"[redacted]"}}'),
    );
  });

  it('redacts secret members of JSON that does not parse', () => {
    expect(redactBody('{"client_secret": "hunter2", "pat": 12345, "name": "x",')).toBe(
      '{"client_secret": "[redacted]", "pat": "[redacted]", "name": "x",',
    );
  });

  it('redacts form bodies and query strings by decoded name and by value, keeping other pairs as sent', () => {
    const form = `grant_type=authorization_code&code=abc&code_verifier=v-1&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&client%5Fsecret=s&PASSWORD=p&personal_access_token=x&webhook=${encodeURIComponent(webhookSecret)}`;
    expect(redactBody(form)).toBe(
      'grant_type=authorization_code&code=[redacted]&code_verifier=[redacted]&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&client%5Fsecret=[redacted]&PASSWORD=[redacted]&personal_access_token=[redacted]&webhook=[redacted]',
    );
    expect(redactQuery(`limit=25&access_token=${access}&q=${pat}&flag`)).toBe(
      'limit=25&access_token=[redacted]&q=[redacted]&flag',
    );
    expect(redactQuery('a=%E0%A4%A&b=1')).toBe('a=%E0%A4%A&b=1');
  });

  it('holds against the spellings an attacker tried: +, \\/, a form starting with {, encoded names, cut JSON', () => {
    // A webhook secret's "+" reads as a space once decoded: the whole value goes, as sent and decoded.
    const plus = 'whsec_AAAA+BBBBBBBBBBBBBBBBBBBBBBBBBBBB';
    for (const secret of [plus, 'whsec_ELh54OAm3Z+yS6eDifaPMdLa72m8VLdz', 'whsec_AAAAAAAAAAAAAAAAAAAA+BBBBBBBBBBB']) {
      expect(redactQuery(`x=${secret}&limit=2`)).toBe('x=[redacted]&limit=2');
      expect(redactBody(`grant_type=client_credentials&x=${secret}`, 'application/x-www-form-urlencoded')).toBe(
        'grant_type=client_credentials&x=[redacted]',
      );
    }
    // A form body that starts with "{" is still a form when its Content-Type says so, and without one both ways.
    const form = '{=&grant_type=authorization_code&code%5Fverifier=MYVERIFIER0123456789';
    expect(redactBody(form, 'application/x-www-form-urlencoded')).not.toContain('MYVERIFIER');
    expect(redactBody(form)).not.toContain('MYVERIFIER');
    // JSON's "\/" escape inside a secret.
    const escaped = '{"name":"p","description":"whsec_ELh54OAm3Z\\/yS6eDifaPMdLa72m8VLdz"}';
    expect(redactBody(escaped, 'application/json')).not.toContain('yS6eDifaPMdLa72m8VLdz');
    // A percent-encoded separator in a URL parameter name.
    expect(redactText('/v1/projects?code%5Fverifier=VERIFIERSECRET123&x=1')).toBe(
      '/v1/projects?code%5Fverifier=[redacted]&x=1',
    );
    // A string member cut short by the end of the text.
    expect(redactBody('{"name":"p","password":"hunter2', 'application/json')).not.toContain('hunter2');
  });

  it('redacts secret parameters of URLs inside other text (problem instance, Location, HTML links)', () => {
    expect(redactText('http://127.0.0.1/cb?code=xyz&state=s&iss=http%3A%2F%2Fa')).toBe(
      'http://127.0.0.1/cb?code=[redacted]&state=s&iss=http%3A%2F%2Fa',
    );
    expect(redactBody('{"instance":"/sandbox/v1/projects?password=hunter2&limit=1"}')).toBe(
      '{"instance":"/sandbox/v1/projects?password=[redacted]&limit=1"}',
    );
    expect(redactBody('<a href="/x?a=1&amp;login_ticket=abc">')).toBe('<a href="/x?a=1&amp;login_ticket=[redacted]">');
  });

  it('keeps only the scheme of an Authorization header', () => {
    expect(redactAuthorization(`Bearer ${access}`)).toBe('Bearer [redacted]');
    expect(redactAuthorization('Basic Y2xpOmNzXw==')).toBe('Basic [redacted]');
    expect(redactAuthorization(access)).toBe(REDACTED);
  });

  it('knows every prefix the sandbox issues: each is a secret (redacted) or an identifier (kept)', () => {
    const identifiers = new Set(['ten_', 'cli_', 'prj_', 'pid_', 'grt_', 'msg_', 'we_', 'dlv_', 'wkr_']);
    const issued = new Set<string>();
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? walk(path.join(dir, entry.name))
          : entry.name.endsWith('.ts') && !/\.test\.ts$|^test-helpers\.ts$/.test(entry.name)
            ? [path.join(dir, entry.name)]
            : [],
      );
    for (const file of walk(path.join(process.cwd(), 'lib/sandbox'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/randomId\(\s*['`]([a-z]+_)['`]/g)) issued.add(match[1]!);
      for (const match of source.matchAll(/`([a-z]+_)\$\{randomBytes/g)) issued.add(match[1]!);
    }
    expect(issued.size).toBeGreaterThan(10);
    const unclassified = [...issued].filter(
      (prefix) => !identifiers.has(prefix) && !(SECRET_PREFIXES as readonly string[]).includes(prefix),
    );
    expect(unclassified, 'a new prefix: add it to SECRET_PREFIXES (a secret) or to this list (an identifier)').toEqual(
      [],
    );
    expect([...SECRET_PREFIXES].filter((prefix) => !issued.has(prefix))).toEqual([]);
    for (const name of ['client_secret', 'code', 'code_verifier', 'refresh_token', 'personal_access_token'])
      expect(SECRET_FIELDS.has(name)).toBe(true);
  });
});
