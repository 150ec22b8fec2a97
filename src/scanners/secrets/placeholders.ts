/**
 * What people write where a secret goes without writing one: masked or templated values in docs and examples
 * (`ghp_xxxx…`, `your-api-key-here`, `<token>`, `****`), references to the environment or a template
 * (`$API_KEY`, `${TOKEN}`, `%(password)s`, `{{ secret }}`), and literals (`changeme`, `null`, `false`).
 * The one answer to "is this value a placeholder", for the detector's rules and for values under a
 * secret-looking name alike.
 */
export function isPlaceholder(value: string): boolean {
  return (
    hasPlaceholderRun(value) ||
    PLACEHOLDER_WORD.test(value) ||
    REFERENCE.test(value) ||
    PLACEHOLDER_VALUE.test(value)
  );
}

/** A run of one repeated character: `ghp_xxxx…`, `AIzaaaaa…`, `####`. */
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
