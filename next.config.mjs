/**
 * Next.js configuration for the AeThex Developer Portal.
 * `NEXT_DIST_DIR` lets several builds (CI, benchmarks, parallel work) live side by side.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native addon: must be required at run time, not bundled.
  serverExternalPackages: ['better-sqlite3'],
};

export default nextConfig;
