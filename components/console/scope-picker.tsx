import type { ConsoleData } from '@/lib/console/types';

/**
 * Checkboxes for the document's OAuth scopes, each with its description.
 * @param props.selected chosen scope names; props.onChange receives the new list (document order)
 */
export function ScopePicker({
  scopes,
  selected,
  onChange,
  name,
}: {
  scopes: ConsoleData['scopes'];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  name: string;
}) {
  return (
    <fieldset className="mt-2">
      <legend className="text-sm font-medium">Scopes</legend>
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        {scopes.map((scope) => (
          <label key={scope.name} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name={name}
              className="mt-1"
              checked={selected.includes(scope.name)}
              onChange={(e) =>
                onChange(
                  scopes.map((s) => s.name).filter((n) => (n === scope.name ? e.target.checked : selected.includes(n))),
                )
              }
            />
            <span>
              <code className="font-medium">{scope.name}</code>
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">{scope.description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
