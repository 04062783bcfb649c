import { createHash } from 'node:crypto';

import { escapeUTF8 as escapeHtml } from 'entities/escape';

// Colours meet WCAG 2.2 AA (≥ 4.5:1 for text, ≥ 3:1 for focus rings) in both schemes; no fonts or images to fetch.
const STYLE = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#4b535d;--card:#f6f8fa;--border:#8c959f;--accent:#0a5bd3;--accent-fg:#ffffff;--focus:#0a5bd3}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#b1bac4;--card:#161b22;--border:#6e7681;--accent:#4493f8;--accent-fg:#0d1117;--focus:#79c0ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:36rem;margin:3rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 1rem}
p,li{color:var(--fg)}
.muted{color:var(--muted)}
.card{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
ul{padding-left:1.25rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}
button{font:inherit;font-weight:600;padding:.6rem 1.25rem;border-radius:6px;border:2px solid var(--accent);cursor:pointer}
button[value=allow]{background:var(--accent);color:var(--accent-fg)}
button[value=deny]{background:transparent;color:var(--fg);border-color:var(--border)}
button:focus-visible,input:focus-visible{outline:3px solid var(--focus);outline-offset:3px}
a{color:var(--accent)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{font:inherit;width:100%;padding:.5rem .6rem;border-radius:6px;border:1px solid var(--muted);background:var(--bg);color:var(--fg)}
.alert{border-left:4px solid var(--accent);padding:.5rem .75rem;background:var(--card)}
`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * Security headers of the consent and error pages: no referrer (the URL carries state and challenges), no caching,
 * no framing (clickjacking), and a CSP allowing only the page's own stylesheet and a form post to `formTargets`.
 */
export function pageHeaders(formTargets: string[] = []): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy':
      `default-src 'none'; style-src ${STYLE_HASH}; form-action 'self' ${formTargets.join(' ')}; frame-ancestors 'none'; base-uri 'none'`.replace(
        / +;/g,
        ';',
      ),
  };
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** What the consent screen shows and posts back. */
export interface ConsentView {
  clientName: string;
  clientId: string;
  /** The sandbox app (tenant) when known: proven by a login ticket, or the tenant of a tenant's own client. */
  tenant: { name: string; id: string } | undefined;
  /** Whether the tenant still has to be proven: the form then asks for its personal access token. */
  signIn: boolean;
  /** A message about the last attempt (wrong or expired proof), shown as an alert. */
  alert?: string;
  /** Each scope to grant with its description. */
  scopes: readonly { name: string; description: string }[];
  redirectUri: string;
  /** Every authorization request parameter, re-posted as hidden fields with the decision. */
  hidden: Readonly<Record<string, string>>;
  /** The form's action (this same authorization endpoint). */
  action: string;
}

/** The sign-in field: the tenant's personal access token acts as the sandbox app's password. */
function signInField(view: ConsentView): string {
  if (!view.signIn) return '';
  return `<section class="card" aria-labelledby="signin-heading"><h2 id="signin-heading">Sign in to the sandbox app</h2>
<p class="muted">A sandbox app ID names an app; it does not prove it is yours. Paste the app's personal access token (<code>pat_…</code>, from <code>POST /sandbox/apps</code>) to choose it.</p>
<label for="personal_access_token">Personal access token</label>
<input id="personal_access_token" name="personal_access_token" type="password" autocomplete="off" spellcheck="false" required aria-describedby="signin-heading"></section>`;
}

/**
 * The hosted consent screen (OAuth 2.1 §4.1.1): names the client, the sandbox app (tenant) and each requested scope
 * in words; Allow and Deny are native submit buttons of one POST form, so it works with the keyboard and no script.
 * Until the tenant is proven it asks for the tenant's personal access token (Deny needs none).
 */
export function renderConsent(view: ConsentView): string {
  const scopes = view.scopes
    .map(
      (scope) =>
        `<li><strong>${escapeHtml(scope.description)}</strong> <span class="muted">(<code>${escapeHtml(scope.name)}</code>)</span></li>`,
    )
    .join('');
  const hidden = Object.entries(view.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const app = view.tenant
    ? `the sandbox app <strong>${escapeHtml(view.tenant.name)}</strong> <span class="muted">(<code>${escapeHtml(view.tenant.id)}</code>)</span>`
    : 'one of your sandbox apps';
  const alert = view.alert ? `<p class="alert" role="alert">${escapeHtml(view.alert)}</p>` : '';
  return layout(
    `Authorize ${view.clientName} – AeThex sandbox`,
    `
<h1>Authorize ${escapeHtml(view.clientName)}</h1>${alert}
<p><strong>${escapeHtml(view.clientName)}</strong> <span class="muted">(client <code>${escapeHtml(view.clientId)}</code>)</span>
wants to access ${app}.</p>
<section class="card" aria-labelledby="scopes-heading"><h2 id="scopes-heading">It will be able to:</h2><ul>${scopes}</ul>${view.signIn ? '<p class="muted">Scopes the app does not hold are left out.</p>' : ''}</section>
<p class="muted">After you decide, you return to <code>${escapeHtml(view.redirectUri)}</code>.</p>
<form method="post" action="${escapeHtml(view.action)}" aria-label="Authorization decision">${hidden}${signInField(view)}
<div class="actions"><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button></div></form>`,
  );
}

/**
 * An error page for requests that must not be redirected (unknown client or redirect URI, RFC 6749 §4.1.2.1), or
 * not automatically: `returnTo` is the error response URI, offered as a link the user may follow.
 */
export function renderError(title: string, detail: string, returnTo?: string): string {
  const next = returnTo
    ? `<p>The application's redirect URI was not followed automatically. <a href="${escapeHtml(returnTo)}">Return to ${escapeHtml(new URL(returnTo).host)} with the error</a></p>`
    : '<p class="muted">The application that sent you here is misconfigured; no redirect was made.</p>';
  return layout(
    `${title} – AeThex sandbox`,
    `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(detail)}</p>
${next}`,
  );
}
