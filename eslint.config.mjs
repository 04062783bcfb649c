import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/** Accessors of @/lib/openapi that hand out the raw document (as JSON), by who may use them. */
const RAW_COPIES = {
  validators: ['validationDocument', 'responseSchemaPointers', 'schemaPointer'],
  served: ['servedDocument', 'servedDocumentYaml'],
};

/**
 * `no-restricted-imports` for `files` (outside lib/openapi/): no module of lib/openapi/ but its index (by alias or
 * by any relative path), nothing from the openapi/ folder itself, and none of the raw copies but `allowed`.
 * @param {string[]} files globs the block applies to
 * @param {string[]} allowed names of RAW_COPIES these files may import
 */
function rawDocumentRule(files, allowed) {
  const restricted = Object.values(RAW_COPIES)
    .flat()
    .filter((name) => !allowed.includes(name));
  return [
    {
      files,
      ignores: ['lib/openapi/**'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [
              {
                name: '@/lib/openapi',
                importNames: restricted,
                message: 'This is the raw document: read the model (apiModel(), listOperations(), …) instead.',
              },
            ],
            patterns: [
              {
                regex: '^(@/|(\\.\\.?/)+)(lib/)?openapi/(?!index$)',
                message: 'Only lib/openapi/ reads the document: import the model from @/lib/openapi.',
              },
            ],
          },
        ],
      },
    },
  ];
}

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
  // One model of the API: only lib/openapi/ reads the raw document; everything else reads the model. The raw
  // copies it hands out are allowed where they are the point: validators and the download routes.
  ...rawDocumentRule(['**/*.{ts,tsx,mts,js,mjs}'], []),
  ...rawDocumentRule(['lib/sandbox/validate.ts', 'lib/sandbox/contract.ts'], RAW_COPIES.validators),
  ...rawDocumentRule(['app/openapi.json/route.ts', 'app/openapi.yaml/route.ts', '**/*.test.ts'], RAW_COPIES.served),
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
