/**
 * Saves a response body as a file from the browser, without another request: a Blob URL, a click on a temporary
 * `<a download>`, and the URL revoked once the browser has taken the download over.
 */

/** The file name a body is saved under: `response.json` for any JSON media type, else `response.txt`. */
export function downloadName(contentType: string | undefined): string {
  return /\bjson\b/i.test(contentType ?? '') ? 'response.json' : 'response.txt';
}

/**
 * Starts a download of `text` as a file. Browser only.
 * @param text the body as received
 * @param contentType the response's media type (the Blob's type; picks the file name)
 */
export function downloadBody(text: string, contentType: string | undefined): void {
  const url = URL.createObjectURL(new Blob([text], { type: contentType || 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = downloadName(contentType);
  link.click();
  // The download has started from the URL by the next task; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
