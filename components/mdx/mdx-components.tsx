import { SandboxAppStart } from '../sandbox-app-start';
import { ErrorTable, ScopeTable, WebhookEventList } from './api-tables';
import { Callout } from './callout';
import { Card, Cards } from './cards';
import { FencedCodeBlock } from './fenced-code-block';
import { H2, H3 } from './heading';
import { MdxLink } from './mdx-link';
import { OperationLink } from './operation-link';
import { OperationSample } from './operation-sample';
import { PortalOrigin } from './portal-origin';
import { Steps } from './steps';
import { Tabs } from './tabs';
import { WebhookLoop } from './webhook-loop';
import { WebhookVerifySamples } from './webhook-verify-samples';

/**
 * Everything MDX authors can use in content/**\/*.mdx, and the overrides for Markdown elements.
 * An element not listed here fails the build (MDX throws on an undefined component).
 */
export const mdxComponents = {
  h2: H2,
  h3: H3,
  pre: FencedCodeBlock,
  a: MdxLink,
  Callout,
  Steps,
  Cards,
  Card,
  Tabs,
  OperationLink,
  CodeSample: OperationSample,
  WebhookVerifySamples,
  WebhookLoop,
  SandboxAppStart,
  ErrorTable,
  ScopeTable,
  WebhookEventList,
  PortalOrigin,
};
