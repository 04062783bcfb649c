/**
 * Copies `text` to the clipboard via the async Clipboard API, falling back to a hidden textarea +
 * `execCommand('copy')` where that API is missing (plain-http origins other than localhost). Browser only.
 * @param text what goes on the clipboard, byte for byte
 * @returns true when the browser reports success
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
