/**
 * Whether links to `href` may be prefetched. Next prefetches every linked route in the viewport, JavaScript
 * included, so a link to the console from any page would add the console app (~30 KB gzip) to that page's
 * first visit. The console loads on click instead.
 * @param href a site path, query allowed (e.g. `/console?operation=listProjects`)
 * @returns `false` for the console, `undefined` (Next's default) elsewhere
 */
export function prefetchFor(href: string): false | undefined {
  return /^\/console(\/|\?|$)/.test(href) ? false : undefined;
}
