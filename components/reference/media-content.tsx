import type { MediaTypeObject, RefResolver } from '@/lib/openapi';
import { mediaExamples, toJsonText } from '@/lib/reference/examples';
import type { FieldLocation } from '@/lib/urls';

import { CodeExample } from './code-example';
import { SameAs } from './same-as';
import { SchemaView } from './schema-table';

/**
 * The bodies of a request or response: per media type, its schema as a list of fields and each named
 * example, highlighted (JSON media types as JSON, others as text).
 * @param props.content media type → Media Type Object (resolved)
 * @param props.what "request" or "response", for accessible names
 * @param props.resolve resolves `$ref`s left in schemas and examples (models built with `inlineSchemas: false`)
 * @param props.schemaAs media type → an earlier response status whose identical schema is shown in full (linked instead)
 * @param props.examples show the named examples (off where a side panel shows them)
 * @param props.anchors on an operation's page, where these bodies are documented: the fields of the first schema
 *   shown get anchor ids and copy links (another media type's fields would repeat the same ids)
 */
export function MediaContent({
  content,
  what,
  resolve,
  schemaAs = {},
  examples = true,
  anchors,
}: {
  content: Readonly<Record<string, MediaTypeObject>>;
  what: string;
  resolve?: RefResolver;
  schemaAs?: Readonly<Record<string, string>>;
  examples?: boolean;
  anchors?: FieldLocation;
}) {
  const anchored = Object.entries(content).find(
    ([mediaType, media]) => schemaAs[mediaType] === undefined && media.schema,
  )?.[0];
  return (
    <div className="space-y-4">
      {Object.entries(content).map(([mediaType, media]) => (
        <div key={mediaType} className="space-y-3">
          <p className="text-sm">
            <span className="text-zinc-600 dark:text-zinc-400">Content type </span>
            <code className="font-mono text-xs">{mediaType}</code>
          </p>
          {schemaAs[mediaType] !== undefined ? (
            <SameAs what="Body schema" status={schemaAs[mediaType]} />
          ) : media.schema ? (
            <SchemaView
              schema={media.schema}
              resolve={resolve}
              anchors={mediaType === anchored ? anchors : undefined}
            />
          ) : null}
          {(examples ? mediaExamples(media, resolve) : []).map((example) => (
            <div key={example.name} className="space-y-1">
              <p className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
                Example: {example.summary ?? example.name}
              </p>
              <CodeExample
                code={toJsonText(example.value)}
                lang={/json/.test(mediaType) ? 'json' : 'text'}
                label={`Example ${what} body: ${example.summary ?? example.name}`}
              />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
