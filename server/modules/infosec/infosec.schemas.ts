/** JSON schemas shared by the information-security routes. */
export const recordParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
export const audienceSchema = {
  description: 'community (TLP:CLEAR, GREEN), named states or a sharing group (AMBER, AMBER+STRICT), named states only (RED)',
  oneOf: [
    { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'community' } } },
    { type: 'object', required: ['kind', 'states'], additionalProperties: false, properties: { kind: { const: 'states' }, states: { type: 'array', minItems: 1, maxItems: 50, uniqueItems: true, items: { type: 'string', pattern: '^[A-Z]{2}$' } } } },
    { type: 'object', required: ['kind', 'group'], additionalProperties: false, properties: { kind: { const: 'group' }, group: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' } } },
  ],
} as const;
