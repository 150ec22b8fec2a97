import type { Severity } from '../../core/severity.js';
import type { ShellAnalyzer } from '../shell/index.js';

/** One file of a skill as the scanner sees it: text when it is readable text, else what is known of it. */
export interface SkillFile {
  /** Path relative to the skill's directory, `/`-separated. */
  path: string;
  /** The text, when the file is readable UTF-8 text within the size limit. */
  text?: string;
  /** Raw bytes, when the reader could read them (binary files: images, archives). */
  bytes?: Uint8Array;
  size: number;
  /** Set when the file could not be read as text: binary, too large, not UTF-8, unreadable. */
  problem?: string;
  /** For a symbolic link: where it resolves, absolute; `null` when broken or looping. */
  linkTarget?: string | null;
}

/** A skill: its directory and files, SKILL.md first (absent when the directory has none). */
export interface SkillInput {
  /** Absolute directory, or an id (batch mode) — used for messages and the trust tier. */
  dir: string;
  files: SkillFile[];
  /**
   * The file the agent loads as instructions, relative to `dir`: `SKILL.md` for a skill (the default), the
   * command's or agent's own markdown file for a Claude Code command or subagent.
   */
  main?: string;
}

export type SkillFindingCategory =
  /** Code or commands that harm, exfiltrate, hide or fetch-and-run: what makes a skill dangerous. */
  | 'red-flag'
  /** SKILL.md text that instructs the model against its user. */
  | 'instructions'
  /** Files nobody can review: compiled, packed, archives, images carrying extra data. */
  | 'unreviewable'
  /** What the skill says about itself vs what it does. */
  | 'declaration'
  /** Packages the skill installs. */
  | 'dependency'
  /** Broken or unparsable frontmatter. */
  | 'frontmatter'
  /** A dangerous skill the model may run on its own. */
  | 'model-invocation'
  /** Files that leave the skill's directory. */
  | 'symlink';

export interface SkillFinding {
  /** Stable rule id, e.g. `pipe-to-shell`, `typosquat`, `appended-payload`. */
  rule: string;
  category: SkillFindingCategory;
  severity: Severity;
  message: string;
  /** File relative to the skill directory. */
  file: string;
  line?: number;
  /** Already redacted, one line. */
  evidence?: string;
}

export type TrustTier = 'official' | 'organisation' | 'verified' | 'unknown';

export interface SkillReport {
  name: string;
  dir: string;
  /** The SKILL.md path (absolute for skills on disk). */
  skillFile: string;
  version?: string;
  tier: TrustTier;
  findings: SkillFinding[];
  /** Highest severity among the findings, or `none`. */
  worst: Severity | 'none';
}

/** Where skills may come from and which hosts they may reach (user config, plus defaults). */
export interface SkillsConfig {
  /** Directory prefixes or source names of the user's organisation. */
  organisationSources: string[];
  /** Directory prefixes or source names vetted by someone the user trusts. */
  verifiedSources: string[];
  /** Hosts a skill may contact without a finding (suffix match on the host). */
  allowedDomains: string[];
  /** MCP server names or packages the user has reviewed; others get an info finding when this is set. */
  allowedMcpServers?: string[];
}

export interface ScanOptions {
  analyzer: ShellAnalyzer;
  config: SkillsConfig;
  /** Home directory (tilde paths, credential paths) — the scanner never reads it. */
  home: string;
  /** Directories the trust tier calls official (Anthropic plugin dirs, OpenClaw's bundled skills). */
  officialDirs?: string[];
}
