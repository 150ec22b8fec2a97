/**
 * Structural features of a segment: what an injection IS rather than how one corpus words it. An injection
 * is text whose author addresses the AI reading it and tries to change its task: an imperative with side
 * effects (send, run, delete, reveal…) aimed at something sensitive (credentials, the conversation, the
 * user's data) or somewhere external (an address, a URL), often with secrecy or persistence cues and fake
 * authority. Benign imperative documentation addresses a human about the document's own topic (install,
 * configure, test), with code. The model (model.ts) weighs these features; it learns no vocabulary here.
 *
 * One pass over the text with a word lexicon (Map lookups, no regex): words and two-word phrases carry cue
 * classes; sentences (split at . ! ? and line ends) combine them, and a two-sentence window catches an
 * instruction split across sentences.
 */
import { intentFeatures } from './intent.js';

const AI = 1;
const YOU = 2;
const ACT = 4;
const SENSITIVE = 8;
const TARGET = 16;
const SECRECY = 32;
const PERSIST = 64;
const OVERRIDE = 128;
const AUTHORITY = 256;
const USER = 512;
const REPLY = 1024;
const HUMAN_DOC = 2048;
const PLEASE = 4096;
/** Verbs of an automated reader at work ("the agent processing this", "AI reading this table"). */
const READING = 8192;
/** The agent's own configuration: settings, permissions, hooks, memory, shell profile. */
const CONFIG = 16384;
/** A new identity for the reader ("you are now …", "developer mode", "stay in character"). */
const PERSONA = 32768;
/** Writing about attacks rather than making one: security docs and tests quote payloads. */
const META = 65536;
/**
 * Reporting mode: a verb in the third person or the past tense that describes what someone did or what a
 * rule catches ("a skill that sends …", "the bot complied", "detects requests to …"), in several languages.
 */
const DESCRIBE = 131072;
/** A third-person subject of such a report: an attacker, a pull request, a skill, a plugin, a page. */
const SUBJECT = 262144;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;
/** Cue classes by word hash and by two-word-phrase hash: the scan looks words up without making strings. */
const WORDS = new Map<number, number>();
const PHRASES = new Map<number, number>();
const wordHash = (w: string) => {
  let h = FNV_OFFSET;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), FNV_PRIME);
  return h;
};
const phraseHash = (first: number, second: number) => Math.imul(first, 31) ^ second;
function cue(cls: number, words: string): void {
  for (const entry of words.trim().split(/\s*,\s*/)) {
    const parts = entry.split(' ').map(wordHash);
    const [first, second] = parts;
    if (first === undefined) continue;
    if (second === undefined) WORDS.set(first, (WORDS.get(first) ?? 0) | cls);
    else PHRASES.set(phraseHash(first, second), (PHRASES.get(phraseHash(first, second)) ?? 0) | cls);
  }
}
cue(
  AI,
  'ai, assistant, assistants, agent, agents, llm, llms, chatbot, bot, claude, gpt, chatgpt, copilot, gemini, summarizer, summariser, language model, ia, ki, asistente, assistent, assistente, modèle, modelo, assistente, agente, coding agent, ai model, the model, this model, summarizer, summariser, whoever, automated system, automated systems, automated tool, automated tools, screening tool, reviewer bot, review bot, triage bot, ai tools, ai tool',
);
cue(YOU, 'you, your, yourself, vous, votre, du, dein, deine, tu, usted, su');
cue(
  ACT,
  'send, forward, email, upload, post, transmit, submit, exfiltrate, leak, share, paste, relay, sync, mirror, export, execute, exec, run, install, delete, remove, wipe, erase, approve, merge, transfer, wire, pay, grant, disable, reset, open, visit, click, fetch, download, push, publish, invite, reveal, print, output, dump, include, append, insert, attach, collect, gather, extract, copy, cat, curl, wget, add, create, change, update, browse, navigate, call, message, notify, locate, refund, subscribe, purchase, checkout, drop, truncate, rewrite, close, rate, rank, envoyez, envoie, envía, envie, sende, senden, schicke, ejecuta, exécutez, führe, borra, supprimez, lösche, reenvía, transfiere, inviare, invia, esegui, envie, envia, execute, apague, stuur, verstuur, voer, verwijder',
);
cue(
  SENSITIVE,
  'password, passwords, passwd, passphrase, credential, credentials, token, tokens, secret, secrets, apikey, api key, api keys, api_key, access key, private key, ssh key, ssh keys, id_rsa, ssh, aws, kubeconfig, cookie, cookies, session token, env, environment variables, env vars, system prompt, hidden instructions, conversation, conversation history, chat history, previous messages, contacts, inbox, iban, credit card, card number, ssn, social security, wallet, seed phrase, mnemonic, private repository, customer list, personal data, bank details, payroll, salary, salaries, nda, ndas, phone numbers, verification code, security code, one-time code, otp, authorized_keys, shadow, saved card, stored card, payment method, card details, mot de passe, contraseña, passwort, clave, jeton, identifiants, credenciales, zugangsdaten, segreti, senhas, senha, credenciais, wachtwoord, wachtwoorden, schlüssel, chiavi, historique, historial, histórico, verlauf',
);
cue(
  TARGET,
  'webhook, endpoint, pastebin, gist, external, attacker, ngrok, requestbin, bucket, discord, telegram',
);
cue(
  SECRECY,
  "silently, secretly, quietly, covertly, discreetly, unnoticed, do not tell, don't tell, not tell, do not mention, don't mention, not mention, do not inform, not inform, without telling, without informing, without asking, without notifying, without confirmation, without mentioning, not mentioning, between us, not report, don't report, no need to mention, no need to loop, keep it quiet, never reveal, not reveal, never mention, keep this, hidden from, nobody, no one, not disclose, sin avisar, sans prévenir, ohne zu",
);
cue(
  PERSIST,
  'from now, going forward, all future, every response, every answer, every reply, each response, before answering, before responding, before replying, before you, first step, remember this, permanently, whenever, each time, dorénavant, desde ahora, ab jetzt',
);
cue(
  OVERRIDE,
  'ignore, disregard, forget, override, supersede, overrides, instead, previous instructions, prior instructions, above instructions, new instructions, real task, actual task, true task, cancelled, canceled, no longer apply, outdated, ignorez, ignora, ignoriere, ignoriert, olvida, oublie, oubliez, vergiss, negeer, esqueça, instrucciones, anweisungen, consignes, instruções, instructies, istruzioni, précédentes, anteriores, vorherigen, precedenti',
);
cue(
  AUTHORITY,
  'system, admin, administrator, sysadmin, developer, official, mandatory, compliance, urgent, important, critical, priority, authorized, authorised, required, im_start, inst, directive, override mode, security team, it department',
);
cue(
  USER,
  "user, user's, users, human, operator, customer, utilisateur, usuario, usuário, benutzer, utente, gebruiker",
);
cue(
  REPLY,
  'response, reply, answer, summary, responses, replies, answers, respond, output, tell the, say that, mention that, state that',
);
cue(
  HUMAN_DOC,
  'npm, pnpm, yarn, pip, brew, apt, cargo, docker, localhost, install, installation, configure, configuration, tests, test, build, lint, commit, commits, changelog, readme, documentation, docs, version, release, dependency, dependencies, cli, repository, we, our, example, see',
);
cue(PLEASE, 'please, kindly, must, should, need, needs, make sure, be sure');
cue(
  READING,
  'reading, reads, processing, processes, handling, handles, parsing, summarizing, summarising, summarizes, summarises, triaging, reviewing, indexing, analysing, analyzing, compiling, ingesting, crawling, scanning, executing, answering, sees this, see this, read this',
);

cue(
  ACT,
  'remember, save, store, persist, enable, register, trust, set, edit, modify, configure, mark, keep, adopt, pretend, roleplay, act as',
);
cue(
  CONFIG,
  'settings, permissions, permission, allow list, allowlist, hooks, hook, sandbox, bashrc, zshrc, crontab, cron, memory, mcp, approval, approvals, confirmation, prompts, trusted, autoapprove, auto approve, bypasspermissions, defaultmode, remote, registry, npmrc, long term, preferences, preference, rule, rules, policy, policies, guardrails, safety',
);
cue(
  PERSONA,
  'are now, act as, pretend, roleplay, role play, persona, in character, developer mode, unrestricted, no restrictions, no rules, without restrictions, no limits, no longer, new identity, your identity',
);
cue(
  META,
  'attacker, attackers, injection, injections, jailbreak, jailbreaks, malicious, payload, payloads, phishing, exploit, exploits, red team, threat, threats, vulnerability, mitigation, mitigations, sanitiser, sanitizer, filter, filters, detect, detects, detection, detector, flag, flags, flagged, block, blocks, blocked, fixture, fixtures, recognise, recognize, scanner, example, examples, such as, like this, for instance',
);

cue(
  DESCRIBE,
  'adds, asks, sends, tells, turns, switches, removes, posts, uploads, copies, reads, deletes, writes, instructs, requests, steals, leaks, hides, buries, plants, pipes, starts, launches, opens, disables, appends, inserts, contains, exfiltrates, forwards, emails, asked, told, sent, instructed, inserted, planted, complied, obeyed, followed, tried, attempted, contained, embedded, submitted, crafted, einfügt, verlangt, sendet, schickt, versetzt, löscht, demande, envoie, ajoute, pide, envía, añade, pedía, chiede, invia, aggiunge, pede, envia, ativa, publica, remove, добавляет, просит',
);
cue(
  SUBJECT,
  'an attacker, the attacker, a pull, a pr, a skill, a plugin, a contributor, a dependency, a package, a page, an email, a message, a document, a comment, an issue, a crafted, a malicious, the researcher, the bot, a readme, the payload, a fixture, a sample',
);

/** Cue classes counted on their own: how much of each the segment has. */
const CLASS_COUNTS: ReadonlyArray<[number, string]> = [
  [AI, 'ai'],
  [YOU, 'you'],
  [ACT, 'act'],
  [SENSITIVE, 'sensitive'],
  [TARGET, 'target'],
  [SECRECY, 'secrecy'],
  [PERSIST, 'persist'],
  [OVERRIDE, 'override'],
  [AUTHORITY, 'authority'],
  [USER, 'user'],
  [REPLY, 'reply'],
  [HUMAN_DOC, 'human-doc'],
  [CONFIG, 'config'],
  [PERSONA, 'persona'],
  [META, 'meta'],
  [DESCRIBE, 'describe'],
];
/** Cue classes meeting in one sentence: the shape of an instruction. `instruction` ones count as such. */
const SENTENCE_CROSSES: ReadonlyArray<[number, string, boolean]> = [
  [ACT | SENSITIVE, 'act*sensitive', true],
  [ACT | TARGET, 'act*target', true],
  [SENSITIVE | TARGET, 'sensitive*target', true],
  [AI | ACT, 'ai*act', true],
  [AI | OVERRIDE, 'ai*override', true],
  [AI | REPLY, 'ai*reply', true],
  [AI | USER, 'ai*user', true],
  [AI | SENSITIVE, 'ai*sensitive', true],
  [AI | READING, 'ai*reading', true],
  [YOU | ACT | SENSITIVE, 'you*act*sensitive', true],
  [SECRECY | ACT, 'secrecy*act', true],
  [SECRECY | USER, 'secrecy*user', true],
  [PERSIST | ACT, 'persist*act', true],
  [PERSIST | REPLY, 'persist*reply', true],
  [OVERRIDE | ACT, 'override*act', true],
  [ACT | CONFIG, 'act*config', true],
  [AI | CONFIG, 'ai*config', true],
  [PERSIST | CONFIG, 'persist*config', true],
  [YOU | PERSONA, 'you*persona', true],
  [AI | PERSONA, 'ai*persona', true],
  [USER | REPLY, 'user*reply', false],
  [DESCRIBE | META, 'describe*meta', false],
  [SUBJECT | DESCRIBE, 'subject*describe', false],
  [AUTHORITY | ACT, 'authority*act', false],
];
/** The same across a sentence and the one before it: an instruction split in two. */
const WINDOW_CROSSES: ReadonlyArray<[number, string]> = [
  [ACT | SENSITIVE | TARGET, 'window:act*sensitive*target'],
  [AI | ACT, 'window:ai*act'],
  [SECRECY | ACT, 'window:secrecy*act'],
  [AI | READING | ACT, 'window:ai*reading*act'],
  [ACT | CONFIG | SECRECY, 'window:act*config*secrecy'],
];
/** The same anywhere in the segment: an instruction spread over several short sentences. */
const SEGMENT_CROSSES: ReadonlyArray<[number, string]> = [
  [ACT | SENSITIVE | TARGET, 'segment:act*sensitive*target'],
  [SECRECY | ACT | SENSITIVE, 'segment:secrecy*act*sensitive'],
  [AI | ACT | SENSITIVE, 'segment:ai*act*sensitive'],
  [AI | ACT | CONFIG, 'segment:ai*act*config'],
  [OVERRIDE | ACT | TARGET, 'segment:override*act*target'],
];
const IMPERATIVE_SENSITIVE = 'imperative*sensitive';
/** The AI named at the start of a sentence and followed by `:` or `,` ("Assistant: …", "Claude, …"). */
const AI_VOCATIVE = 'ai-vocative';
const IMPERATIVE_TARGET = 'imperative*target';
const URL_FEATURE = 'url';
const EMAIL_ADDRESS = 'email-address';

/** "that / which / who" followed within three words by a reporting verb: "a PR that adds …". */
const RELATIVE_DESCRIBE = 'relative*describe';
const RELATIVE = new Set(
  ['that', 'which', 'who', 'der', 'die', 'das', 'qui', 'que', 'che', 'который', 'которая'].map(wordHash),
);
const HTTP = wordHash('http');
const HTTPS = wordHash('https');
const PLEASE_WORD = wordHash('please');
/** Names that are credential stores when written as dotfiles (.env, ~/.ssh). */
const DOTFILES = new Set(['env', 'ssh', 'aws', 'npmrc', 'netrc', 'pypirc', 'kube', 'gnupg'].map(wordHash));

/** ASCII letters, digits, `_`, and letters past Latin-1 (not the punctuation block: ’ “ — …). */
const isWordChar = (c: number) =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  (c >= 48 && c <= 57) ||
  c === 95 ||
  (c > 191 && (c < 0x2000 || c > 0x206f));

/**
 * A line break inside a sentence (hard-wrapped prose, a comment block) does not end it: the next line, past
 * indentation and comment or quote markers, starts with a lower-case letter.
 */
function continuesSentence(text: string, from: number, end: number): boolean {
  let k = from;
  for (; k < end; k++) {
    const c = text.charCodeAt(k);
    // space, tab, '*', '/', '#', '-', '>'
    if (c !== 32 && c !== 9 && c !== 42 && c !== 47 && c !== 35 && c !== 45 && c !== 62) break;
  }
  const c = text.charCodeAt(k);
  return c >= 97 && c <= 122;
}

/**
 * Structural features of text[start, end), named `s:<feature>`: counts squashed by log1p (long texts do
 * not dominate), the share of sentences shaped like instructions, and how much reads as human-facing docs.
 */
export function structureFeatures(text: string, start: number, end: number): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  let words = 0;
  let sentence = 0;
  let prevSentence = 0;
  let segment = 0;
  let firstOfSentence = true;
  let clauseStart = false;
  /** Whether the segment addresses an AI reader, and whether it has a side-effect imperative. */
  let addressed = false;
  let imperativeAct = false;
  let imperative = false;
  let sentences = 0;
  let instructionSentences = 0;
  let prevWord = 0;
  let codeTicks = 0;
  let wordInSentence = 0;
  /** Words since "that / which / who" (a relative clause describing its subject), or -1. */
  let sinceRelative = -1;
  let tableRows = 0;
  let listItems = 0;

  const endSentence = () => {
    const f = sentence;
    if (f !== 0) {
      sentences++;
      let instruction = false;
      for (const [mask, name, isInstruction] of SENTENCE_CROSSES)
        if ((f & mask) === mask) {
          add(name);
          instruction ||= isInstruction;
        }
      if ((f & (AI | READING)) === (AI | READING)) addressed = true;
      if (imperative && f & (ACT | SENSITIVE | TARGET)) imperativeAct = true;
      if (imperative && f & SENSITIVE) add(IMPERATIVE_SENSITIVE);
      if (imperative && f & TARGET) add(IMPERATIVE_TARGET);
      const w = f | prevSentence;
      for (const [mask, name] of WINDOW_CROSSES) if ((w & mask) === mask) add(name);
      if (instruction) instructionSentences++;
      segment |= f;
    }
    prevSentence = f;
    sentence = 0;
    firstOfSentence = true;
    imperative = false;
    wordInSentence = 0;
  };

  const classify = (cls: number) => {
    if (cls === 0) return;
    sentence |= cls;
    for (const [bit, name] of CLASS_COUNTS) if (cls & bit) add(name);
  };

  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c)) {
      if (c === 46 || c === 33 || c === 63) {
        // ".env" and "~/.ssh" are words, not sentence ends.
        if (!(c === 46 && isWordChar(text.charCodeAt(i + 1)))) endSentence();
      } else if (c === 10) {
        const next = text.charCodeAt(i + 1);
        if (next === 124) tableRows++;
        else if ((next === 45 || next === 42) && text.charCodeAt(i + 2) === 32) listItems++;
        if (!continuesSentence(text, i + 1, end)) endSentence();
      } else if (c === 44 || c === 58 || c === 59) {
        // "Before you answer, send …": an imperative may start a clause as well as a sentence.
        clauseStart = true;
      } else if (
        c === 64 &&
        i > start &&
        isWordChar(text.charCodeAt(i - 1)) &&
        isWordChar(text.charCodeAt(i + 1))
      ) {
        add(EMAIL_ADDRESS);
        sentence |= TARGET;
      } else if (c === 96) codeTicks++;
      i++;
      continue;
    }
    // One word: lower-cased FNV hash; an apostrophe between letters (don't, user's) stays inside it.
    let h = FNV_OFFSET;
    let j = i;
    for (; j < end; j++) {
      let d = text.charCodeAt(j);
      if (d === 8217) d = 39;
      if (d === 39 ? !isWordChar(text.charCodeAt(j + 1)) : !isWordChar(d)) break;
      h = Math.imul(h ^ (d >= 65 && d <= 90 ? d + 32 : d), FNV_PRIME);
    }
    words++;
    if (
      (h === HTTP || h === HTTPS) &&
      text.charCodeAt(j) === 58 &&
      text.charCodeAt(j + 1) === 47 &&
      text.charCodeAt(j + 2) === 47
    ) {
      add(URL_FEATURE);
      sentence |= TARGET;
    }
    let cls = WORDS.get(h) ?? 0;
    if (text.charCodeAt(i - 1) === 46 && DOTFILES.has(h)) cls |= SENSITIVE;
    if (prevWord !== 0) cls |= PHRASES.get(phraseHash(prevWord, h)) ?? 0;
    if (firstOfSentence) {
      imperative = (cls & ACT) !== 0 || h === PLEASE_WORD;
      firstOfSentence = false;
    } else if ((prevWord === PLEASE_WORD || clauseStart) && cls & ACT) imperative = true;
    clauseStart = false;
    classify(cls & ~PLEASE);
    if (cls & AI && wordInSentence < 4) {
      let k = j;
      while (text.charCodeAt(k) === 32) k++;
      const next = text.charCodeAt(k);
      if (next === 58 || next === 44 || next === 45) {
        add(AI_VOCATIVE);
        addressed = true;
        // "Assistant: send …": what follows the vocative is where an imperative starts.
        firstOfSentence = true;
      }
    }
    if (cls & DESCRIBE && sinceRelative >= 0 && sinceRelative <= 3) add(RELATIVE_DESCRIBE);
    sinceRelative = RELATIVE.has(h) ? 0 : sinceRelative >= 0 ? sinceRelative + 1 : -1;
    wordInSentence++;
    prevWord = h;
    i = j;
  }
  endSentence();
  for (const [mask, name] of SEGMENT_CROSSES) if ((segment & mask) === mask) add(name);

  const out = new Map<string, number>();
  for (const [name, v] of counts) out.set(`s:${name}`, Math.log1p(v));
  if (words > 0) {
    out.set('s:words', Math.log1p(words) / 8);
    out.set('s:doc-ratio', Math.min(1, ((counts.get('human-doc') ?? 0) * 10) / words));
  }
  if (codeTicks >= 2) out.set('s:code', 1);
  // Quotation and listing: inline code spans, table rows and list items (rule tables, detection lists).
  if (codeTicks >= 2) out.set('s:ticks', Math.log1p(codeTicks >> 1));
  if (tableRows > 0) out.set('s:table-rows', Math.log1p(tableRows));
  if (listItems > 0) out.set('s:list-items', Math.log1p(listItems));
  if (instructionSentences > 0) out.set('s:instruction-fraction', instructionSentences / sentences);
  // An AI reader addressed somewhere and told to act somewhere else: the instruction need not be one sentence.
  if (addressed && imperativeAct) out.set('s:addressed*imperative', 1);
  // The same shape in thirteen languages, from the intent lexicon (intent.ts).
  for (const [name, v] of intentFeatures(text, start, end).features) out.set(name, v);
  return out;
}
