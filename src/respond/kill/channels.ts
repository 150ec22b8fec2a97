import { isRecord, parseDocument } from '../../core/document/index.js';
import { readForEdit, replaceWithBackup } from '../../fix/file.js';

export interface ChannelsResult {
  file?: string;
  /** Channels switched off now (they were on, or had no `enabled`). */
  disabled: string[];
  /** Channels that were already off. */
  alreadyOff: string[];
  backup?: string;
  error?: string;
}

// Keys of `channels` that configure all channels rather than being one.
const NOT_A_CHANNEL = new Set(['defaults', 'modelByChannel']);

/**
 * Sets `enabled: false` on every channel of an OpenClaw config (JSON5, comments kept), after a backup.
 * Undo: copy the backup back, or set `enabled: true` again. The gateway reads it on its next start.
 */
export function disableOpenclawChannels(
  file: string | undefined,
  opts: { now: Date; dryRun: boolean },
): ChannelsResult {
  if (!file) return { disabled: [], alreadyOff: [] };
  const target = readForEdit(file, 4 * 1024 * 1024);
  if (!target.ok) return { file, disabled: [], alreadyOff: [], error: `${file} ${target.reason}` };
  if (!target.exists) return { file, disabled: [], alreadyOff: [] };
  let parsed = parseDocument(target.text, 'json5');
  if (!parsed.ok)
    return { file, disabled: [], alreadyOff: [], error: `${file}:${parsed.position.line}: ${parsed.error}` };
  const channels = parsed.doc.get(['channels']);
  const result: ChannelsResult = { file, disabled: [], alreadyOff: [] };
  if (!isRecord(channels)) return result;
  for (const [name, config] of Object.entries(channels)) {
    if (NOT_A_CHANNEL.has(name) || !isRecord(config)) continue;
    if (config.enabled === false) {
      result.alreadyOff.push(name);
      continue;
    }
    const edited = parsed.doc.set(['channels', name, 'enabled'], false);
    if (!edited.ok) return { ...result, error: `${file}: channels.${name}: ${edited.error}` };
    const reparsed = parseDocument(edited.text, 'json5');
    if (!reparsed.ok)
      return { ...result, error: `${file}: editing channels.${name} broke the file; nothing written` };
    parsed = reparsed;
    result.disabled.push(name);
  }
  if (result.disabled.length === 0 || opts.dryRun) return result;
  result.backup = replaceWithBackup(target, parsed.doc.text, { now: opts.now });
  return result;
}
