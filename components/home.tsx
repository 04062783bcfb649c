import Link from 'next/link';

import { guideHref, PATHS } from '@/lib/urls';

import { PageMenu } from './page-menu';
import { SandboxAppStart } from './sandbox-app-start';

/** The home page's headline and two calls to action. */
export function HomeHero() {
  return (
    <section className="max-w-3xl">
      <p className="text-sm font-semibold text-indigo-700 dark:text-indigo-300">AeThex REST API</p>
      <h1 className="mt-2 text-4xl font-bold tracking-tight sm:text-5xl">Build on AeThex</h1>
      <PageMenu href={PATHS.home} className="mt-3" />
      <p className="mt-4 text-lg text-zinc-700 dark:text-zinc-300">
        Authenticate with OAuth 2.1 or a personal access token, manage projects, read runtime metrics and react to
        deployments with signed webhooks. A sandbox of the whole API runs inside this portal, so every example works the
        first time.
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        <Link
          href={guideHref('quickstart')}
          className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800"
        >
          Make your first call
        </Link>
        <Link
          href={PATHS.console}
          prefetch={false}
          className="rounded-md border border-zinc-300 px-4 py-2 font-medium text-zinc-900 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-800"
        >
          Open the console
        </Link>
      </div>
      <div className="mt-6">
        <SandboxAppStart />
      </div>
    </section>
  );
}

const steps = [
  {
    title: 'Create a sandbox app',
    body: 'One click (above, or in the console) gives you a tenant with 60 projects, its client credentials, a personal access token and an access token.',
  },
  {
    title: 'Point the samples at the sandbox',
    body: 'Nothing to do: once you have an app, every sample on this site carries the sandbox URL and its credentials.',
  },
  {
    title: 'Get an access token',
    body: 'Exchange the client credentials at POST /v1/auth/token for a bearer token with the scopes you need.',
  },
  {
    title: 'Call the API',
    body: 'List projects with GET /v1/projects and read X-Request-ID and X-RateLimit-Remaining on the response.',
  },
];

/** The quickstart's four steps from nothing to a first authenticated call, in its words. */
export function FirstCallSteps() {
  return (
    <section aria-labelledby="first-call" className="mt-16">
      <h2 id="first-call" className="text-2xl font-semibold tracking-tight">
        Your first call in four steps
      </h2>
      <ol className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
        {steps.map((step, i) => (
          <li key={step.title} className="rounded-xl bg-zinc-50 p-5 dark:bg-zinc-900">
            <span className="flex h-7 w-7 items-center justify-center rounded-full bg-indigo-700 text-sm font-semibold text-white">
              {i + 1}
            </span>
            <h3 className="mt-3 font-semibold">{step.title}</h3>
            <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{step.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
