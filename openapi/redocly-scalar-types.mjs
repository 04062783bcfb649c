/**
 * Redocly CLI plugin: teaches the linter Scalar's form of the `x-usePkce` extension.
 *
 * Redocly's built-in type describes `x-usePkce` as Redoc's object form
 * (`{ disableManualConfiguration, hideClientSecretInput }`). The portal's reference and console
 * use Scalar, whose `x-usePkce` is a string: `'SHA-256' | 'plain' | 'no'`. Without this plugin the
 * `struct` rule reports our (correct for Scalar) `x-usePkce: SHA-256` as an error.
 */
export default function scalarTypes() {
  return {
    id: 'aethex-scalar-types',
    typeExtension: {
      oas3(types) {
        return {
          ...types,
          AuthorizationCode: {
            ...types.AuthorizationCode,
            properties: {
              ...types.AuthorizationCode.properties,
              'x-usePkce': { type: 'string', enum: ['SHA-256', 'plain', 'no'] },
            },
          },
        };
      },
    },
  };
}
