/** localStorage key of the reader's code-sample language (a UI preference, not a secret). Shared by server and client code. */
export const LANGUAGE_STORAGE_KEY = 'aethex-lang';
