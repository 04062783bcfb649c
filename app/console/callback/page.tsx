import type { Metadata } from 'next';

import { OAuthCallback } from '@/components/console/oauth-callback.client';

export const metadata: Metadata = { title: 'Authorization', robots: { index: false } };

/** OAuth 2.1 redirect target of the console's public client (static shell + a small client leaf). */
export default function Page() {
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-bold tracking-tight">Completing authorization</h1>
      <OAuthCallback />
    </div>
  );
}
