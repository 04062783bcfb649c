import { getDocument } from './document';
import { buildApiModel } from './model';
import type { ApiModel } from './types';

let cachedModel: ApiModel | undefined;

/** The model of the AeThex API (openapi/aethex.yaml), built on first use and kept for the process. */
export function apiModel(): ApiModel {
  cachedModel ??= buildApiModel(getDocument());
  return cachedModel;
}
