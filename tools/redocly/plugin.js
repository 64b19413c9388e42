// Redocly plugin: `x-payload` on a webhook operation is a Schema (the decrypted message), so bundling resolves and
// componentizes it like any schema, and lint checks it (and its examples) like one.
export default function scrmOpenapiPlugin() {
  return {
    id: "scrm-openapi",
    typeExtension: {
      oas3(types) {
        return {
          ...types,
          Operation: {
            ...types.Operation,
            properties: { ...types.Operation.properties, "x-payload": "Schema" },
          },
        };
      },
    },
  };
}
