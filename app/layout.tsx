import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';

import { CodeLanguageBoot } from '@/components/code-language-boot';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { ThemeProvider } from '@/components/theme-provider.client';
import { PAGE_META } from '@/lib/page-meta';
import { siteUrl } from '@/lib/site';

import './globals.css';
import './code-theme.css';

export const metadata: Metadata = {
  metadataBase: new URL(siteUrl()),
  title: { default: PAGE_META.home.title, template: `%s · ${PAGE_META.home.title}` },
  description: PAGE_META.home.description,
  openGraph: { siteName: 'AeThex Developers', type: 'website' },
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
};

/** Root layout: header, main landmark, footer; theme class (next-themes) and code language (CodeLanguageBoot) set before paint. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="flex min-h-screen flex-col bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <CodeLanguageBoot />
        <ThemeProvider>
          <a
            href="#content"
            className="sr-only z-50 rounded bg-indigo-700 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
          >
            Skip to content
          </a>
          <SiteHeader />
          <main id="content" className="flex-1">
            {children}
          </main>
          <SiteFooter />
        </ThemeProvider>
      </body>
    </html>
  );
}
