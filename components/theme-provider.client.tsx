'use client';

import { ThemeProvider as NextThemesProvider } from 'next-themes';
import type { ReactNode } from 'react';

/**
 * Light/dark theme state for the whole site (next-themes): follows the system by default, stores an
 * explicit choice in localStorage under `theme`, and sets the `dark` class on `<html>` before first paint,
 * so no page flashes the wrong theme.
 * @param props.children the page tree
 */
export function ThemeProvider({ children }: { children: ReactNode }) {
  return (
    <NextThemesProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      {children}
    </NextThemesProvider>
  );
}
