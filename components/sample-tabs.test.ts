import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';

import { listOperations } from '@/lib/openapi';
import { LANGUAGES, sampleForOperation } from '@/lib/snippets';
import { FILL_SENTINELS, fillSentinels } from '@/lib/snippets/fill';
import { listenCommand, triggerCommand } from '@/lib/snippets/webhook-loop';
import { WEBHOOK_VERIFY_SNIPPETS, webhookVerifySnippets } from '@/lib/snippets/webhook-verify';

import { operationTabs, webhookLoopTabs, webhookVerifyTabs } from './sample-tabs';

/** A sandbox app's values (the characters the sandbox issues), as lib/sandbox-session.ts `SampleFill` holds them. */
const APP = {
  baseUrl: 'http://127.0.0.1:3911/sandbox',
  token: 'pat_Ab9.x~y-z',
  clientId: 'cli_Q1w2',
  clientSecret: 'cs_E3r4:t5',
  webhookSecret: 'whsec_c2Vj+cmV0/LXNlY3JldA==',
};
const SENTINELS = Object.values(FILL_SENTINELS);
const count = (text: string, sentinel: string) => text.split(sentinel).length - 1;
/** The text a reader sees in highlighted HTML. */
const textOf = (html: string) => decodeHTML(html.replace(/<[^>]+>/g, ''));

const groups = [
  ...listOperations().map(({ operationId }) => ({
    name: operationId,
    tabs: () => operationTabs(operationId),
    expected: (lang: string) => sampleForOperation(operationId, lang, APP),
    plain: (lang: string) => sampleForOperation(operationId, lang),
  })),
  {
    name: 'webhook receivers',
    tabs: webhookVerifyTabs,
    expected: (lang: string) => webhookVerifySnippets(APP).find((s) => s.id === lang)?.code,
    plain: (lang: string) => WEBHOOK_VERIFY_SNIPPETS.find((s) => s.id === lang)?.code,
  },
];

describe('filled variants (sentinels highlighted on the server, replaced in the browser)', () => {
  it.each(groups)(
    '$name: every sentinel survives highlighting intact and fills to the literal sample',
    async (group) => {
      const tabs = await group.tabs();
      expect(tabs.map((tab) => tab.id)).toEqual(LANGUAGES.map((l) => l.id));
      for (const tab of tabs) {
        const filled = tab.filled;
        if (!filled) throw new Error(`${group.name} ${tab.id}: no filled variant`);
        expect(tab.source, tab.id).toBe(group.plain(tab.id));
        // The placeholder variant never holds a sentinel (so nothing there is ever replaced by accident).
        expect(tab.source + tab.html, tab.id).not.toMatch(/AETHEXFILL/);
        expect(
          SENTINELS.some((sentinel) => filled.source.includes(sentinel)),
          tab.id,
        ).toBe(true);
        for (const sentinel of SENTINELS)
          expect(count(filled.html, sentinel), `${tab.id} ${sentinel}`).toBe(count(filled.source, sentinel));
        const source = fillSentinels(filled.source, APP);
        const html = fillSentinels(filled.html, APP, true);
        expect(source + html, tab.id).not.toMatch(/AETHEXFILL/);
        expect(source, tab.id).toBe(group.expected(tab.id));
        expect(textOf(html), tab.id).toBe(source.replace(/\n$/, ''));
      }
    },
  );

  it('the webhook loop commands fill with the app exactly like the samples (base URL and personal access token)', async () => {
    const [listen, trigger] = await webhookLoopTabs('member.invited');
    const app = { baseUrl: APP.baseUrl, token: APP.token };
    for (const [tab, expected, plain] of [
      [listen, listenCommand(app), listenCommand({ baseUrl: 'https://portal.test/sandbox' })],
      [
        trigger,
        triggerCommand('member.invited', app),
        triggerCommand('member.invited', { baseUrl: 'https://portal.test/sandbox' }),
      ],
    ] as const) {
      if (!tab?.filled) throw new Error('no filled variant');
      expect(fillSentinels(tab.filled.source, APP)).toBe(expected);
      expect(textOf(fillSentinels(tab.filled.html, APP, true))).toBe(expected.replace(/\n$/, ''));
      expect(fillSentinels(tab.filled.source, APP)).toContain(APP.token);
      // Placeholders: this portal's sandbox, AETHEX_TOKEN from the environment, and what it is.
      const origin = { origin: 'https://portal.test' };
      expect(fillSentinels(tab.source, origin)).toBe(plain);
      expect(tab.source).toContain('export AETHEX_TOKEN=');
      expect(textOf(fillSentinels(tab.html, origin, true))).toBe(plain.replace(/\n$/, ''));
    }
  });

  it('fillSentinels escapes values inserted into HTML and leaves sentinels without a value', () => {
    expect(fillSentinels('a AETHEXFILLTOKEN b', { token: '<i>&"' }, true)).toBe('a &lt;i&gt;&amp;&quot; b');
    expect(fillSentinels('AETHEXFILLTOKEN AETHEXFILLORIGIN', { origin: 'http://x' })).toBe('AETHEXFILLTOKEN http://x');
    // One pass: a value that spells another sentinel is not replaced again.
    expect(fillSentinels('AETHEXFILLTOKEN', { token: 'AETHEXFILLORIGIN', origin: 'x' })).toBe('AETHEXFILLORIGIN');
  });
});
