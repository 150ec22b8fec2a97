/**
 * What people write where a secret goes without writing one: placeholder words (`your-api-key-here`,
 * `<token>`, `sk-example-…`, `changeme`), references to the environment or a template (`$API_KEY`,
 * `${TOKEN}`, `%(password)s`, `{{ secret }}`) and literals (`null`, `false`, `xxx`, `****`).
 * The one answer to "is this value a placeholder", for the detector's rules and for values under a
 * secret-looking name alike.
 */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_WORD.test(value) || REFERENCE.test(value) || PLACEHOLDER_VALUE.test(value);
}

/**
 * A token found in free text that is a placeholder, or masked or padded with one repeated character
 * (`ghp_xxxx…`, `AIzaaaaa…`, `####`): in docs and examples that is a template, not a leak. A config value
 * under a secret name is judged by `isPlaceholder` alone: whatever it holds is what the program is given.
 */
export function isPlaceholderToken(value: string): boolean {
  return hasPlaceholderRun(value) || isPlaceholder(value);
}

function hasPlaceholderRun(value: string): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    run = c === value.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= 10) return true;
    if (run >= 6 && (c === 0x78 || c === 0x58)) return true; // x X
    if (run >= 4 && (c === 0x23 || c === 0x2a || c === 0x2e)) return true; // # * .
  }
  return false;
}

const PLACEHOLDER_WORD = /example|placeholder|here$|^your|[<>]|\$\{|\{\{/i;
/** A variable or template reference, not a value: `$TOKEN`, `${TOKEN}`, `%(password)s`, `%s`, `{{…}}`, `<…>`. */
const REFERENCE = /^(?:\$\{?[A-Za-z_]|%[A-Za-z_(]|\{\{|<)/;
const PLACEHOLDER_VALUE =
  /^(?:x+|\*+|\.+|changeme|redacted.*|placeholder.*|none|null|undefined|true|false)$/i;
