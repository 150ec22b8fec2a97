import type { AuditContext } from '../../core/context.js';
import type { RawFinding } from '../../core/finding.js';
import { commandFailure, runHostCommand, undetermined } from './facts/system.js';

/**
 * Apple patches only the three newest major releases. Dates are the last security update each
 * release received; a release missing here is either current or (14) at the edge of support.
 */
const MACOS_SUPPORT_ENDED: Readonly<Record<string, string>> = {
  '10.15': '2022-07-20',
  '11': '2023-09-11',
  '12': '2024-07-29',
  '13': '2025-09-15',
};
/** macOS 27 (autumn 2026) pushes 14 out of the supported three; after this date 14 is reported. */
const MACOS_14_AT_RISK_FROM = '2026-10-01';

const SOFTWARE_UPDATE_PLIST = '/Library/Preferences/com.apple.SoftwareUpdate';

/** `defaults read <domain>` prints an old-style plist: `{\n    AutomaticCheckEnabled = 1;\n … }`. */
export function parseDefaultsDict(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*"?([A-Za-z0-9_.]+)"?\s*=\s*"?([^";]*)"?;\s*$/.exec(line);
    if (m) out[m[1] as string] = m[2] as string;
  }
  return out;
}

function majorOf(version: string): string {
  const [major, minor] = version.split('.');
  return major === '10' ? `10.${minor ?? '0'}` : (major ?? '');
}

export function macosSupport(
  version: string,
  now: Date,
): { kind: 'ended' | 'at-risk' | 'supported'; on?: string } {
  const major = majorOf(version);
  const ended = MACOS_SUPPORT_ENDED[major];
  if (ended || (major.startsWith('10.') && Number(major.slice(3)) < 15))
    return { kind: 'ended', ...(ended && { on: ended }) };
  if (major === '14' && now.toISOString().slice(0, 10) >= MACOS_14_AT_RISK_FROM) return { kind: 'at-risk' };
  return { kind: 'supported' };
}

/** macOS release support (`sw_vers`) and Software Update's automatic settings (`defaults read`). */
export async function macosUpdateFindings(ctx: AuditContext): Promise<RawFinding[]> {
  const findings: RawFinding[] = [];
  const sw = await runHostCommand(ctx, 'sw_vers', ['-productVersion']);
  const version = sw.stdout.trim();
  if (sw.code !== 0 || !/^\d+(?:\.\d+)*$/.test(version))
    findings.push(undetermined('the macOS version', commandFailure('sw_vers', sw)));
  else {
    const support = macosSupport(version, ctx.now);
    if (support.kind === 'ended')
      findings.push({
        message: `macOS ${version} no longer gets security updates${support.on ? ` (the last came on ${support.on})` : ''}.`,
        fix: 'Upgrade macOS in System Settings → General → Software Update, or move the agent to a supported machine.',
      });
    else if (support.kind === 'at-risk')
      findings.push({
        severity: 'low',
        message: `macOS ${version}: Apple patches only the three newest major releases, and macOS 14 is leaving that window.`,
        fix: 'Plan the upgrade to a newer macOS.',
      });
  }
  const r = await runHostCommand(ctx, 'defaults', ['read', SOFTWARE_UPDATE_PLIST]);
  // No domain at all means nobody changed the defaults, which check and install security data automatically.
  if (r.code !== 0 && !/does not exist/i.test(`${r.stderr}${r.stdout}`)) {
    findings.push(undetermined('the Software Update settings', commandFailure('defaults', r)));
    return findings;
  }
  const prefs = r.code === 0 ? parseDefaultsDict(r.stdout) : {};
  if (prefs.AutomaticCheckEnabled === '0')
    findings.push({
      message: 'Software Update never checks for updates by itself (AutomaticCheckEnabled = 0).',
      fix: `sudo defaults write ${SOFTWARE_UPDATE_PLIST} AutomaticCheckEnabled -bool true`,
    });
  if (prefs.CriticalUpdateInstall === '0')
    findings.push({
      severity: 'medium',
      message:
        'Security responses and system data files (XProtect, Rapid Security Responses) are not installed automatically (CriticalUpdateInstall = 0).',
      fix: `sudo defaults write ${SOFTWARE_UPDATE_PLIST} CriticalUpdateInstall -bool true`,
    });
  if (prefs.AutomaticallyInstallMacOSUpdates !== '1')
    findings.push({
      severity: 'low',
      message:
        'macOS updates are not installed automatically: patches wait until someone installs them by hand.',
      fix: 'System Settings → General → Software Update → Automatic Updates → "Install macOS updates".',
    });
  return findings;
}
