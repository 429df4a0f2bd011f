/** The JSON Schema of organisation.json, checked when the reference data is loaded. */
const localised = { type: 'object', required: ['en'], properties: { en: { type: 'string' }, ru: { type: 'string' }, zh: { type: 'string' } }, additionalProperties: false };
const date = { type: 'string', format: 'date' };
const lang = { enum: ['en', 'ru', 'zh'] };

export const organisationSchema = {
  type: 'object',
  required: ['id', 'name', 'abbreviation', 'founded', 'languages', 'statuses', 'rotation', 'decisionRules', 'procedures'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    name: localised,
    abbreviation: localised,
    founded: date,
    languages: { type: 'object', required: ['official', 'working', 'source'], properties: { official: { type: 'array', items: lang }, working: { type: 'array', items: lang }, source: { type: 'array', items: { type: 'string' } }, note: { type: 'string' } } },
    statuses: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['id', 'label', 'colour', 'decides', 'roles'], additionalProperties: false, properties: { id: { type: 'string', pattern: '^[a-z_]+$' }, label: localised, colour: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' }, decides: { type: 'boolean' }, since: date, until: date, roles: { type: 'array', items: { type: 'string', pattern: '^[a-z_]+$' }, uniqueItems: true } } },
    },
    rotation: {
      type: 'object',
      required: ['organ', 'order', 'among', 'term', 'termYears', 'host', 'source', 'confidence'],
      properties: { organ: { type: 'string' }, order: { type: 'object', required: ['by', 'language'], properties: { by: { const: 'name' }, language: lang } }, among: { type: 'string' }, term: { type: 'string' }, termYears: { type: 'integer', minimum: 1 }, host: { type: 'string' }, source: { type: 'array', items: { type: 'string' } }, confidence: { type: 'string' }, note: { type: 'string' } },
    },
    decisionRules: { type: 'array', items: { type: 'object', required: ['id', 'text'], properties: { id: { type: 'string' }, article: { type: 'integer' }, text: { type: 'string' } } } },
    membershipRules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'act', 'requires', 'text', 'source'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-z_]+$' }, act: { type: 'string', pattern: '^[a-z_]+$' }, status: { type: 'string', pattern: '^[a-z_]+$' }, since: date,
          requires: { type: 'array', minItems: 1, items: { type: 'object', additionalProperties: false, minProperties: 1, properties: { act: { type: 'string', pattern: '^[a-z_]+$' }, status: { type: 'string', pattern: '^[a-z_]+$' }, holds: { type: 'array', minItems: 1, items: { type: 'string' } } } } },
          text: localised, source: { type: 'string' },
        },
      },
    },
    procedures: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['procedure', 'source'],
        additionalProperties: false,
        properties: { organs: { type: 'array', items: { type: 'string' } }, decisionKinds: { type: 'array', items: { type: 'string' } }, procedure: { enum: ['consensus', 'consensus_minus_one', 'silence', 'interested_states'] }, silenceDays: { type: 'integer', minimum: 1 }, holdReviewDays: { type: 'integer', minimum: 1 }, source: { type: 'string' } },
      },
    },
  },
} as const;
