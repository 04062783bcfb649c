import { getMDXComponent } from 'mdx-bundler/client';
import { createElement, type ReactNode } from 'react';

import { mdxComponents } from './mdx-components';

/**
 * Evaluates mdx-bundler output (on the server, at build time) and renders it with the site's MDX
 * components. A plain function, not a component: the MDX component is created per guide, once.
 * @param code the `code` string from lib/content/index.ts `getGuide()`
 * @returns the rendered guide body
 */
export function renderMdx(code: string): ReactNode {
  return createElement(getMDXComponent(code), { components: mdxComponents });
}
