import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/** ESLint flat config: Next's rules, strict TypeScript, type-only imports. */
const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.next-*/**',
      'test-results/**',
      'playwright-report/**',
      '.bench/**',
      'next-env.d.ts',
      '.notes/**',
    ],
  },
];

export default config;
