import { renderMarkdown } from '@/lib/markdown/render';

/**
 * Markdown from the OpenAPI document (descriptions are CommonMark), rendered on the server.
 * @param props.text the Markdown source; nothing is rendered when it is empty
 * @param props.className extra classes for the wrapper
 * @param props.compact lighter styling for table cells (schema rows repeat it hundreds of times)
 * Styles are the `.ref-prose` / `.ref-inline` classes in app/globals.css.
 */
export function Description({
  text,
  className = '',
  compact = false,
}: {
  text?: string;
  className?: string;
  compact?: boolean;
}) {
  const content = text ? renderMarkdown(text) : null;
  if (!content) return null;
  return <div className={`${compact ? 'ref-inline' : 'ref-prose'} ${className}`}>{content}</div>;
}
