import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { policyJsonSchema } from '../../src/policy/index.js';

const SCHEMA_FILE = path.join(import.meta.dirname, '..', '..', 'schema', 'agentwarden.policy.schema.json');
const expected = `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;

describe('policy JSON schema', () => {
  // Regenerate with: UPDATE_POLICY_SCHEMA=1 npx vitest run test/policy/schema.test.ts
  if (process.env.UPDATE_POLICY_SCHEMA === '1') fs.writeFileSync(SCHEMA_FILE, expected);

  it('is committed and up to date with the zod schema', () => {
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    expect(committed, 'schema/agentwarden.policy.schema.json is stale').toBe(expected);
  });

  it('accepts the documented example and rejects a typo', () => {
    const ajv = new Ajv2020.default({ strict: false });
    const validate = ajv.compile(JSON.parse(expected));
    const doc = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'policy.md'), 'utf8');
    const example = /```yaml\n# agentwarden\.policy\.yaml example\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(validate(parse(example ?? ''))).toBe(true);
    expect(validate({ rol: 'builder' })).toBe(false);
  });
});
