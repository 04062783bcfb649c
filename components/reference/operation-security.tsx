import type { SecurityRequirement } from '@/lib/openapi';

/**
 * How to authenticate an operation: its security requirement alternatives (any one suffices) with
 * the OAuth scopes each needs; `{}` reads as "no credentials".
 * @param props.security the operation's Security Requirement Objects
 */
export function OperationSecurity({ security }: { security: readonly SecurityRequirement[] }) {
  if (security.length === 0) return <p className="text-sm">No authentication.</p>;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
      {security.map((requirement, index) => {
        const schemes = Object.entries(requirement);
        return (
          <li key={index}>
            {index > 0 ? 'or ' : null}
            {schemes.length === 0
              ? 'no credentials'
              : schemes.map(([scheme, scopes], position) => (
                  <span key={scheme}>
                    {position > 0 ? ' and ' : null}
                    <code className="font-mono text-xs">{scheme}</code>
                    {scopes.length > 0 ? (
                      <>
                        {' with scope '}
                        {scopes.map((scope) => (
                          <code
                            key={scope}
                            className="mr-1 rounded bg-indigo-50 px-1 font-mono text-xs text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200"
                          >
                            {scope}
                          </code>
                        ))}
                      </>
                    ) : null}
                  </span>
                ))}
          </li>
        );
      })}
    </ul>
  );
}
