/**
 * Prints the token-colour stylesheet for lib/highlight.ts's palette classes.
 * Usage: `npx tsx scripts/code-theme-css.ts > app/code-theme.css` (lib/highlight.test.ts fails when the file is stale).
 */
import { codeThemeCss } from '../lib/highlight';

void codeThemeCss().then((css) => process.stdout.write(css));
