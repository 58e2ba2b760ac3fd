import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

/**
 * The website API's contract as integrators read it: the OpenAPI description served at
 * /api/ticketing/openapi.json, validated by a maintained validator (@apidevtools/swagger-parser,
 * against the OpenAPI 3.1 schema), then used to check answers: ajv (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1) against the response schema of the route and status. An answer whose
 * shape drifts from the description fails the test that received it.
 */
export interface Contract {
  /** Throws when `body` is not what the description says `GET url` answers with `status`. */
  check(url: string, status: number, body: unknown): void;
  /** Whether the description has a path for `url` (the CRUD doors and unknown paths are not the website API). */
  covers(url: string): boolean;
  /** How many answers were checked (so a suite can tell it checked some). */
  checked(): number;
}

type Doc = { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: object }> }> } }>; components: { schemas: Record<string, object> } };

export async function loadContract(document: unknown): Promise<Contract> {
  // swagger-parser mutates what it is given (it dereferences): validate a copy.
  await SwaggerParser.validate(structuredClone(document) as never);
  const doc = document as Doc;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  // OpenAPI's own keywords inside schemas (annotations only).
  ajv.addKeyword({ keyword: 'example', schemaType: ['string', 'number', 'boolean', 'object', 'array', 'null'] });
  // The components as $defs of one schema, refs rebased onto it (#/components/schemas/X → openapi.json#/$defs/X).
  const rebase = (schema: object) => JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\//g, '"openapi.json#/$defs/'));
  ajv.addSchema({ $id: 'openapi.json', $defs: rebase(doc.components.schemas) });
  const base = '/api/ticketing';
  const routes = Object.keys(doc.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${base}${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
  }));
  const validators = new Map<string, ValidateFunction>();
  let count = 0;
  return {
    check(url, status, body) {
      const path = url.split('?')[0];
      const route = routes.find((r) => r.pattern.test(path));
      if (!route) throw new Error(`${path}: not in the OpenAPI description`);
      const responses = doc.paths[route.template].get!.responses;
      const response = responses[String(status)];
      if (!response) throw new Error(`GET ${url} answered ${status}, which the OpenAPI description does not list (${Object.keys(responses).join(', ')})`);
      const schema = response.content?.['application/json']?.schema;
      if (!schema) return;
      const key = `${route.template}|${status}`;
      let validate = validators.get(key);
      if (!validate) {
        validate = ajv.compile(rebase(schema));
        validators.set(key, validate);
      }
      count++;
      if (!validate(body)) {
        throw new Error(`GET ${url} → ${status}: the answer does not match the OpenAPI description:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
      }
    },
    covers: (url) => routes.some((r) => r.pattern.test(url.split('?')[0])),
    checked: () => count,
  };
}
