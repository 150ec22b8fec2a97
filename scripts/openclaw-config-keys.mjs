// Generates src/discover/openclaw-config-keys.generated.json from OpenClaw's `openclaw config schema` output
// (shared reference/openclaw/config-schema.json, OpenClaw 2026.9.6): the key tree OpenClaw's strict
// config accepts, small enough to ship (the schema itself is 2.4 MB).
//   node scripts/openclaw-config-keys.mjs ../shared/reference/openclaw/config-schema.json
// Node shape: { p?: {key: node}, open?: 1, '*'?: node, '[]'?: node, e?: [allowed string values] }; 0 = leaf.
import * as fs from 'node:fs';

const [schemaFile] = process.argv.slice(2);
if (!schemaFile) throw new Error('usage: node scripts/openclaw-config-keys.mjs config-schema.json');
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));

function branches(n) {
  if (typeof n !== 'object' || n === null) return [];
  return [n, ...['anyOf', 'oneOf', 'allOf'].flatMap((k) => (n[k] ?? []).flatMap(branches))];
}

function merge(nodes) {
  const all = nodes.flatMap(branches);
  const props = new Map();
  let isObject = false;
  let open = false;
  const wild = [];
  const items = [];
  const strings = new Set();
  let otherTypes = false;
  for (const b of all) {
    if (b.properties || b.type === 'object') {
      isObject = true;
      for (const [k, v] of Object.entries(b.properties ?? {})) props.set(k, [...(props.get(k) ?? []), v]);
      const ap = b.additionalProperties;
      if (ap === true || ap === undefined) open = true;
      else if (typeof ap === 'object') wild.push(ap);
    }
    if (b.items) items.push(...(Array.isArray(b.items) ? b.items : [b.items]));
    if (typeof b.const === 'string') strings.add(b.const);
    else if (Array.isArray(b.enum) && b.enum.every((v) => typeof v === 'string'))
      for (const v of b.enum) strings.add(v);
    else if (b.type && b.type !== 'object' && !b.anyOf && !b.oneOf) otherTypes = true;
  }
  const out = {};
  if (isObject) {
    if (props.size > 0) out.p = Object.fromEntries([...props].map(([k, v]) => [k, merge(v)]));
    if (open) out.open = 1;
    if (wild.length > 0) out['*'] = merge(wild);
  }
  if (items.length > 0) out['[]'] = merge(items);
  // Only a value that can be nothing but one of these strings is checked against them.
  if (strings.size > 0 && !otherTypes && !isObject && items.length === 0) out.e = [...strings].sort();
  return Object.keys(out).length > 0 ? out : 0;
}

const tree = merge([schema]);
const target = new URL('../src/discover/openclaw-config-keys.generated.json', import.meta.url);
fs.writeFileSync(target, `${JSON.stringify(tree)}\n`);
console.log(`wrote ${target.pathname} (${fs.statSync(target).size} bytes)`);
