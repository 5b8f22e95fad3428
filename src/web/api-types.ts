import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString } from 'openapi-typescript';

/** Where the web app keeps the API types generated from the OpenAPI document (committed). */
export const API_TYPES_PATH = 'web/src/api/schema.d.ts';

const HEADER =
  "// Generated from the service's OpenAPI document by `npm run web:api`; do not edit.\n" +
  '// test/web-api-types.e2e-spec.ts fails when this file and the API differ.\n\n';

/** The TypeScript types (openapi-typescript) of an OpenAPI document, as written to the file. */
export async function apiTypesSource(document: OpenAPIObject): Promise<string> {
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], {
    alphabetize: true,
  });
  return HEADER + astToString(ast);
}
