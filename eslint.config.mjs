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
    // One model of the API (issue 15): only lib/openapi/ reads the raw document; everything else reads the model.
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    ignores: ['lib/openapi/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@/lib/openapi',
              importNames: ['getDocument'],
              message: 'Read the API model (apiModel(), listOperations(), …) instead of the raw document.',
            },
          ],
          patterns: [
            {
              group: ['@/lib/openapi/*', '**/lib/openapi/*', '../openapi/*', './openapi/*', '!**/openapi/index'],
              message:
                'lib/openapi/ internals read the raw document: import the model from @/lib/openapi (validators: validationDocument()).',
            },
          ],
        },
      ],
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
