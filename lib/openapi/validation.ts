/**
 * The document for validators. openapi-backend (lib/sandbox/validate.ts) and Ajv (lib/sandbox/contract.ts) validate
 * requests and responses against the document's own schemas by JSON pointer, so `$ref`s resolve exactly as the
 * document says, cycles included; the model's resolved copies cannot give them that. This module is their one way
 * in: the raw JSON, and the pointers of a response's schemas, so they never walk `paths` or `components` themselves.
 */
import { isRecord } from '@/lib/is-record';

import { apiModel } from './aethex';
import { getDocument } from './document';
import { followRefChain, lookupPointer } from './resolve';

/**
 * A fresh, mutable deep copy of the document as JSON: openapi-backend dereferences its definition in place and Ajv's
 * `addSchema` takes a plain object. For validators only; pages and forms read the model.
 */
export function validationDocument(): Record<string, unknown> {
  return structuredClone(getDocument()) as Record<string, unknown>;
}

/** Where a response's header and body schemas are in {@link validationDocument} (JSON pointers in URI fragments). */
export interface ResponseSchemaPointers {
  readonly headers: readonly { readonly name: string; readonly required: boolean; readonly schema: string }[];
  /** Media type → pointer of its schema. */
  readonly content: Readonly<Record<string, string>>;
}

const escapeSegment = (segment: string) => encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'));

/** Follows `$ref` chains from a pointer: the final pointer (URI-fragment encoded) and its object. */
function follow(pointer: string): { pointer: string; value: Record<string, unknown> } {
  const document = getDocument();
  // lookupPointer decodes each token itself, so the pointer is passed encoded (a `%25` must stay one level deep).
  const chain = followRefChain({ $ref: pointer }, (ref) => lookupPointer(document, ref));
  if (chain.stoppedAt !== undefined) throw new Error(`Circular reference chain through ${chain.stoppedAt}`);
  const last = chain.refs.at(-1) ?? pointer;
  const current =
    last === pointer
      ? pointer
      : last
          .split('/')
          .map((part, index) => (index === 0 ? part : escapeSegment(part.replaceAll('~1', '/').replaceAll('~0', '~'))))
          .join('/');
  return { pointer: current, value: isRecord(chain.value) ? chain.value : {} };
}

/**
 * The schema pointers of one documented response: of an operation (`{operationId, status}`, status as written in
 * the document) or of a reusable response (`{response: 'TooManyRequests'}`).
 * @returns the pointers, or `undefined` when the operation, status or response is not in the document
 */
export function responseSchemaPointers(
  target: { operationId: string; status: string } | { response: string },
): ResponseSchemaPointers | undefined {
  let start: string;
  if ('response' in target) {
    start = `#/components/responses/${escapeSegment(target.response)}`;
  } else {
    const operation = apiModel().operations.find((candidate) => candidate.operationId === target.operationId);
    if (!operation || !(target.status in operation.responses)) return undefined;
    start = `#/paths/${escapeSegment(operation.path)}/${operation.method.toLowerCase()}/responses/${target.status}`;
  }
  let located: ReturnType<typeof follow>;
  try {
    located = follow(start);
  } catch {
    return undefined;
  }
  const headers = Object.entries(isRecord(located.value.headers) ? located.value.headers : {}).map(([name, raw]) => {
    const header =
      isRecord(raw) && typeof raw.$ref === 'string'
        ? follow(raw.$ref)
        : { pointer: `${located.pointer}/headers/${escapeSegment(name)}`, value: isRecord(raw) ? raw : {} };
    return { name, required: header.value.required === true, schema: `${header.pointer}/schema` };
  });
  const content = Object.fromEntries(
    Object.keys(isRecord(located.value.content) ? located.value.content : {}).map((type) => [
      type,
      `${located.pointer}/content/${escapeSegment(type)}/schema`,
    ]),
  );
  return { headers, content };
}

/** The pointer of a reusable schema (`components.schemas[name]`) in {@link validationDocument}. */
export function schemaPointer(name: string): string {
  return `#/components/schemas/${escapeSegment(name)}`;
}
