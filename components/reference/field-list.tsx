import type { ReactNode } from 'react';

/**
 * A compact list of fields (parameters, headers, schema properties): one item each, no columns, so no
 * identifier is squeezed into a narrow cell. Styles are the `.ref-field*` classes in app/globals.css.
 * @param props.label accessible name of the list, e.g. "Parameters"
 * @param props.children {@link FieldItem}s
 */
export function FieldList({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <ul aria-label={label} className="ref-fields">
      {children}
    </ul>
  );
}

/**
 * One field: a first line with the name (never broken inside), an optional copy-link control and `head`
 * (type, location, markers), then `children` (description, facts, nested fields).
 * @param props.name the field's name as the document spells it
 * @param props.id the item's anchor id; without it the item cannot be linked to
 * @param props.linkLabel with `id`, adds the copy-link control, named "Copy link to {linkLabel}"; field-links.client.tsx
 *   copies its URL on click, and without JavaScript it is a plain link to the fragment
 * @param props.head what follows the name on its line
 */
export function FieldItem({
  name,
  id,
  linkLabel,
  head,
  children,
}: {
  name: string;
  id?: string;
  linkLabel?: string;
  head: ReactNode;
  children?: ReactNode;
}) {
  return (
    <li id={id} className="ref-field">
      <div className="ref-field-head">
        <code className="ref-name">{name}</code>
        {id !== undefined && linkLabel !== undefined ? (
          <a href={`#${id}`} data-copy-link="" aria-label={`Copy link to ${linkLabel}`} className="ref-link" />
        ) : null}
        {head}
      </div>
      {children}
    </li>
  );
}

/** The "required" marker of a field's first line. */
export function Required() {
  return <span className="ref-required">required</span>;
}

/**
 * A muted word on a field's first line: a parameter's location (`query`), a header's presence.
 * @param props.children the word
 */
export function Marker({ children }: { children: ReactNode }) {
  return <span className="ref-marker">{children}</span>;
}
