/**
 * The Chromium that e2e tests and benchmarks drive: Debian's by default, any other via CHROMIUM_PATH.
 * The flags keep a headless run off the network (this machine reaches no Google services) and root-safe.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch flags for headless Chromium as root without background network traffic. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
