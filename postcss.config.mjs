/** PostCSS pipeline: Tailwind CSS v4 only. */
const config = { plugins: { '@tailwindcss/postcss': {} } };
export default config;
