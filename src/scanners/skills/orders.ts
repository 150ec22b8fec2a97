import { evidenceLine } from '../../core/evidence.js';
import { lineStarts, lineText, positionAt } from '../../core/text-position.js';
import type { ScanState } from './state.js';

/**
 * Orders in a skill's prose, in any of a dozen languages (English, Spanish, French, German, Portuguese,
 * Italian, Dutch, Polish, Turkish, Russian, Chinese, Japanese, Korean): each paragraph is read for a few facts
 * (it names a credential store, the contents of secrets, a send verb, a URL off the allowlist, concealment from
 * the user, disabling safety, ignoring earlier instructions) and judged on their combination, so a single
 * word in documentation says nothing, an order to read keys and send them somewhere does.
 */

/** Credential stores: language-neutral paths. Public keys and known_hosts are not secrets. */
const CREDENTIAL_STORE =
  /~\/\.ssh\b(?!\/[\w.-]*\.pub\b|\/known_hosts\b|\/config\b)|\.ssh\/id_|\bid_(?:rsa|ed25519|ecdsa|dsa)\b(?!\.pub)|\.aws\/credentials|~\/\.aws\b|\.config\/gh\b|\bhosts\.yml\b|\.npmrc\b|\.pypirc\b|\.git-credentials\b|\.netrc\b|\.kube\/config\b|\.docker\/config\.json|\bkeychain\b|wallet\.dat|\bLogin Data\b|\.gnupg\b|\/etc\/shadow\b/i;
/** The project's secrets file (not its templates). */
const ENV_FILE = /(?:^|[\s`'"(（「])\.env(?!\.(?:example|sample|template|dist|defaults?)\b)(?:\.[\w-]+)?\b/;
/** The words for keys, tokens, passwords and credentials. */
const SECRET_WORD = new RegExp(
  [
    String.raw`\b(?:api[\s_-]?keys?|secrets?|tokens?|passwords?|credentials?|private\s+keys?)\b`,
    String.raw`\b(?:credenciales|contraseñas?|claves?\s+(?:de\s+(?:la\s+)?api|privadas?)|secretos?)\b`,
    String.raw`\b(?:identifiants|mots?\s+de\s+passe|clés?\s+(?:d['’]api|privées?|api)|jetons?)\b`,
    `(?:Zugangsdaten|Passw(?:ö|oe)rter|Passwort|API-Schlüssel|Schlüssel|Geheimnisse)`,
    String.raw`\b(?:credenciais|senhas?|chaves?\s+(?:de\s+api|privadas?|da\s+api)|segredos?)\b`,
    String.raw`\b(?:credenziali|chiavi?\s+(?:api|private|segrete))\b`,
    String.raw`\b(?:wachtwoorden|sleutels|inloggegevens)\b|\b(?:hasła|klucze\s+api|dane\s+uwierzytelniające)\b`,
    String.raw`(?:kimlik\s+bilgileri|şifreler|parolalar|api\s+anahtar\w*|anahtarlar\w*)`,
    String.raw`(?:учётн\S*\s+данн\S*|учетн\S*\s+данн\S*|парол\S*|ключ\S*|токен\S*|секрет\S*)`,
    String.raw`(?:密钥|秘钥|私钥|凭证|凭据|密码|令牌|認証情報|パスワード|秘密鍵|APIキー|トークン|シークレット|자격\s*증명|비밀번호|암호|API\s*키|토큰|개인\s*키|비밀\s*키)`,
  ].join('|'),
  'i',
);
/** "The contents of", "all of": what turns naming a secret into handling its value. */
const CONTENTS =
  /\b(?:contents?|full\s+text|verbatim|all\s+(?:the\s+)?(?:keys|tokens|secrets|values))\b|\b(?:contenido|contenu|conteúdo|contenuto|inhoud|zawartość|içeriğ\w*|isi|isinya)\b|nội\s+dung|Inhalt|содержим\S*|内容|内容|全部|すべて|全て|내용|전체/i;
/** The user's own data: the conversation, the files it reads, the code. Sent to a stranger, it is a leak. */
const PRIVATE_DATA =
  /\b(?:(?:the\s+)?conversation|chat\s+history|transcript|(?:the\s+)?user['’]s\s+(?:messages|prompts|input)|(?:full\s+)?contents\s+of\s+(?:every|each|all)\s+files?|every\s+file\s+you\s+(?:read|open)|source\s+code|(?:the\s+)?(?:whole|entire)\s+(?:repo|repository|codebase|project)|clipboard|browser\s+history)\b|\b(?:conversación|historial\s+del\s+chat|conversation\s+complète|Gesprächsverlauf|conversa|conversazione|código\s+fuente|code\s+source|Quellcode)\b|对话|聊天记录|所有文件|文件内容|会話(?:履歴|内容)|대화\s*(?:내용|기록)|переписк\S*|исходн\S*\s+код\S*/i;
/** Reading, in any of the languages. */
const READ =
  /\b(?:read|cat|open|load|collect|gather|copy|lee|leer|lea|lis|lire|lisez|lies|lesen|leia|ler|leggi|leggere|lees|przeczytaj|odczytaj|oku|okuyun|baca|bacalah)\b|đọc|прочита\S*|считай\S*|读取|读出|查看|获取|読み取|読み込|読んで|取得|읽|수집/i;
/** Sending somewhere, in any of the languages. */
const SEND =
  /\b(?:send|upload|post|transmit|forward|exfiltrate|sync|envía|envia|enviar|envíe|envie|envíalo|envíalos|envoie|envoyez|envoyer|transmets|schick\w*|send\w*|hochlad\w*|invia|inviare|inviala|invialo|carica|stuur|verstuur|wyślij|prześlij|gönder\w*|yükle\w*|sube|subir|súbelo|súbelos|téléverse[rz]?|kirim|kirimkan|unggah)\b|\blade\b[^\n]{0,160}?\bhoch\b|gửi|tải\s+lên|übermittl\w*|übertrag\w*|отправ\S*|перешл\S*|загрузи\S*|发送|上传|发到|传到|提交到|送信|アップロード|転送|送って|전송|보내|업로드/i;
/** Hiding it from the user, in any of the languages (English is the injection rules' and instructions.ts's). */
const CONCEAL = new RegExp(
  [
    String.raw`\b(?:do\s+not|don['’]t|never)\s+(?:tell|mention|reveal|disclose|show)\b[^.\n]{0,30}\buser\b|\bwithout\s+(?:telling|informing|notifying)\s+(?:the\s+)?user\b|\bwithout\s+mentioning\s+(?:the\s+|this\s+|it|that)|\bkeep\s+(?:this|it)\s+(?:step\s+)?(?:out\s+of\s+your\s+repl|hidden|secret)`,
    String.raw`\bno\s+(?:se\s+lo\s+|le\s+)?(?:digas|menciones|informes|comentes|avises)\b|\bsin\s+(?:avisar|decir(?:le)?|informar|notificar)(?:le)?\s+(?:nada\s+)?al\s+usuario`,
    String.raw`\bne\s+(?:le\s+|lui\s+|l['’]|en\s+)?(?:dis|dites|mentionne[sz]?|signale[sz]?|parle[sz]?)\s+(?:jamais|pas|rien)\b|\bsans\s+(?:prévenir|avertir|informer|le\s+dire\s+à)\s+l['’]utilisateur`,
    String.raw`\bsag(?:e)?\s+dem\s+(?:Benutzer|Nutzer|Anwender)\s+nichts|\bohne\s+(?:den|dass\s+der)\s+(?:Benutzer|Nutzer|Anwender)\s+(?:zu\s+)?(?:informieren|benachrichtigen|fragen|es\s+merkt)|\berwähne\s+(?:das|dies|es)\s+(?:nicht|nie)`,
    String.raw`\bnão\s+(?:conte|diga|mencione|informe|avise|comente|mostre)\b|\bsem\s+(?:avisar|informar|notificar|contar\s+a)o?\s+(?:o\s+)?usuário`,
    String.raw`\bnon\s+(?:dire|dirlo|menzionar\w*|informare|avvisare)\b[^.\n]{0,20}utente|\bsenza\s+(?:avvisare|informare|dire\s+nulla\s+a)\s*l['’]?utente|\bnon\s+dire\s+nulla\b`,
    String.raw`\bvertel\s+(?:het\s+)?(?:niet|niets)\s+aan\s+de\s+gebruiker|\bnie\s+(?:mów|informuj)\s+użytkownika`,
    String.raw`kullanıcıya\s+(?:bunu\s+|hiçbir\s+şey\s+)?(?:söyleme|bildirme|haber\s+verme)|fark\s+ettirmeden|gizlice`,
    String.raw`не\s+(?:сообщай|говори|рассказывай|упоминай)\S*|без\s+ведома\s+пользовател\S*|незаметно\s+для\s+пользовател\S*|тайно`,
    `不要告诉用户|不要向用户(?:提及|透露|说明|显示)|别告诉用户|不要让用户知道|无需告知用户|不要提及此|悄悄|偷偷|静默地`,
    `ユーザーに(?:は)?(?:言わ|伝え|知らせ|通知し|表示し)ないで|ユーザーに知られ|こっそり|黙って`,
    String.raw`\bjangan\s+(?:beri\s+tahu|memberi\s+tahu|kasih\s+tahu)\s+pengguna|tanpa\s+sepengetahuan\s+pengguna|đừng\s+(?:nói|báo)\s+(?:cho\s+)?người\s+dùng`,
    String.raw`사용자에게(?:는)?\s*(?:이\s*(?:단계|사실)를\s*)?(?:알리지|말하지|보여주지)\s*마|사용자\s*몰래|몰래`,
  ].join('|'),
  'i',
);
/** Ignoring the user's or earlier instructions, in languages other than English (the injection rules have it). */
const IGNORE_EARLIER = new RegExp(
  [
    String.raw`\bignora\s+(?:todas\s+)?(?:las\s+)?instrucciones\s+(?:anteriores|previas|del\s+usuario)`,
    String.raw`\bignore[rz]?\s+(?:toutes\s+)?les\s+(?:instructions|consignes)\s+(?:précédentes|antérieures|de\s+l['’]utilisateur)`,
    String.raw`\bignorier(?:e|en)?\s+(?:alle\s+)?(?:vorherigen|früheren|bisherigen)?\s*Anweisungen`,
    String.raw`\bignor[ea]\s+(?:todas\s+)?as\s+instruções\s+(?:anteriores|prévias|do\s+usuário)`,
    String.raw`\bignora\s+(?:tutte\s+)?le\s+istruzioni\s+(?:precedenti|dell['’]utente)`,
    String.raw`\bnegeer\s+(?:alle\s+)?(?:vorige|eerdere)\s+instructies|\bzignoruj\s+(?:wszystkie\s+)?poprzednie\s+instrukcje`,
    String.raw`önceki\s+(?:tüm\s+)?talimatları\s+(?:yok\s+say|görmezden\s+gel)`,
    String.raw`игнорируй\S*\s+(?:все\s+)?(?:предыдущие|прежние|прошлые)\s+(?:инструкции|указания)`,
    `忽略(?:之前|以前|先前|上面|上述|所有)的?(?:所有)?(?:指令|指示|说明|要求)`,
    `(?:以前|これまで|前|上記)の指示を(?:すべて)?無視`,
    String.raw`(?:이전|앞의|위의)\s*(?:모든\s*)?(?:지시|지침|명령)(?:을|를|사항을)?\s*무시`,
  ].join('|'),
  'i',
);
/** Switching off safety checks, hooks or the sandbox, in languages other than English. */
const DISABLE_SAFETY = new RegExp(
  [
    String.raw`\bdesactiv\w*\s+(?:todas\s+)?(?:las\s+|los\s+|el\s+)?(?:verificaciones|comprobaciones|controles|protecciones|hooks|sandbox)(?:\s+de\s+seguridad)?`,
    String.raw`\bdésactiv\w*\s+(?:toutes\s+)?(?:les\s+|le\s+)?(?:vérifications|contrôles|protections|hooks|sandbox|garde-fous)`,
    String.raw`\bdeaktivier\w*\s+(?:alle\s+)?(?:die\s+|den\s+)?(?:Sicherheits\w+|Hooks|Sandbox|Schutzmaßnahmen)|\bSicherheits\w+\s+(?:deaktivieren|abschalten|umgehen)`,
    String.raw`\bdesativ\w*\s+(?:todas\s+)?(?:as\s+|os\s+)?(?:verificações|proteções|hooks|sandbox|checagens)`,
    String.raw`\bdisattiv\w*\s+(?:tutti\s+)?(?:i\s+|le\s+)?(?:controlli|verifiche|protezioni|hook|sandbox)`,
    String.raw`\bschakel\s+(?:de\s+)?(?:beveiliging\w*|hooks|sandbox)\s+uit|\bwyłącz\s+(?:zabezpieczenia|hooki|sandbox)`,
    String.raw`güvenlik\s+(?:kontrollerini|denetimlerini|önlemlerini)\s+(?:devre\s+dışı\s+bırak|kapat|atla)`,
    String.raw`отключи\S*\s+(?:все\s+)?(?:проверк\S*\s+безопасности|защит\S*|песочниц\S*|хуки)`,
    `(?:关闭|禁用|停用|绕过|跳过)(?:所有)?(?:的)?(?:安全检查|安全检测|安全限制|安全防护|沙箱|钩子|权限检查|权限确认)`,
    `(?:セキュリティ(?:チェック|制限)?|安全(?:チェック|確認)|サンドボックス|フック)を(?:すべて)?(?:無効|オフ|回避|スキップ)`,
    String.raw`(?:보안\s*(?:검사|점검|확인)|샌드박스|훅)(?:을|를)?\s*(?:비활성화|끄|우회|건너뛰)`,
  ].join('|'),
  'i',
);
/** Approving its own actions, in languages other than English. */
const APPROVE_ALL = new RegExp(
  [
    String.raw`\baprueba\s+(?:todos|todas|cualquier)\b[^.\n]{0,40}\bsin\s+(?:pedir|preguntar|solicitar)`,
    String.raw`\bapprouve\s+(?:toutes?|tous|chaque)\b[^.\n]{0,40}\bsans\s+demander`,
    String.raw`\bgenehmig\w*\s+(?:alle|jeden)\b[^.\n]{0,40}\bohne\s+(?:Rückfrage|Bestätigung|nachzufragen|zu\s+fragen)`,
    String.raw`\baprov\w*\s+(?:todos|todas|qualquer)\b[^.\n]{0,40}\bsem\s+(?:pedir|perguntar)`,
    String.raw`\bapprova\s+(?:tutti|tutte|ogni)\b[^.\n]{0,40}\bsenza\s+chiedere`,
    String.raw`(?:自动)?批准所有[^。\n]{0,30}(?:无需|不要|不用)(?:确认|询问)|(?:すべて|全て)の[^。\n]{0,30}(?:確認せず|確認なしで)(?:承認|許可)|모든[^.\n]{0,30}확인\s*없이\s*(?:승인|허용)`,
    String.raw`одобряй\S*\s+вс\S*[^.\n]{0,40}без\s+(?:подтверждени|запрос)\S*`,
  ].join('|'),
  'i',
);

/** Settings that turn the agent's permission prompts off, named in prose. */
const SAFETY_SETTING =
  /\bbypassPermissions\b|--dangerously-skip-permissions\b|["']?Bash\(\*\)["']?|\bskipDangerousModePermissionPrompt\b/;
/** An order to change a setting. */
const SETS = /\b(?:set|add|enable|put|write|change|switch|turn\s+on|append|insert|configure)\b/i;

const URL = /\bhttps?:\/\/[^\s"'`<>)（）\]]+/g;
/** A mailbox is a destination too ("email them to audit@…"): its domain is judged as a URL's host is. */
const MAILBOX = /\b[\w.+-]+@((?:[\w-]+\.)+[a-z]{2,})\b/gi;
/** Mailing it, in the languages above. */
const MAIL =
  /\b(?:e-?mail|mail)\b|\b(?:envía|envoie|schick|manda)\w*\s+(?:por\s+|par\s+|per\s+)?(?:correo|courriel|E-Mail)|邮件|メール|이메일|почт\S*/i;
/** Authorization headers: a key sent as a key, not as data. */
const AS_A_KEY = /\b(?:header|authorization|bearer|x-api-key)\b/i;
/** A sentence that forbids what it names orders nothing (checked on the paragraph's start of each fact). */
const FORBIDS =
  /\b(?:never|don['’]t|do\s+not|nunca|jamás|jamais|niemals|mai|nie\s+wieder|ne\s+jamais)\b|不要读取|不要发送|絶対に[^。]{0,10}ない|절대/i;

/**
 * One paragraph at a time (blank lines split them; a heading starts a new one), so a fact in one section is
 * not combined with a fact in another.
 */
export function scanOrdersAnyLanguage(state: ScanState, prose: string, file: string): void {
  let starts: number[] | undefined;
  const report = (offset: number, rule: string, message: string) => {
    starts ??= lineStarts(prose);
    const { line } = positionAt(starts, offset);
    state.add({
      rule,
      category: 'instructions',
      severity: 'high',
      message: `tells the model: ${message}`,
      file,
      line,
      evidence: evidenceLine(lineText(prose, starts, line)),
    });
  };
  for (const m of prose.matchAll(/(?:[^\n]+\n?)+/g)) {
    const para = (m[0] as string).replace(/`/g, ' ');
    if (para.trim().length < 12) continue;
    const at = m.index as number;
    const offList = (host: string | undefined) =>
      host !== undefined && !state.isAllowedHost(host) && !/(?:^|\.)example\.(?:com|org|net)$/.test(host);
    const urls = [
      ...[...para.matchAll(URL)].filter((u) => offList(state.internetHost(u[0]))),
      ...(MAIL.test(para) ? [...para.matchAll(MAILBOX)].filter((b) => offList(b[1])) : []),
    ];
    const store = CREDENTIAL_STORE.exec(para);
    const secretValues =
      store !== null ||
      ((ENV_FILE.test(para) || SECRET_WORD.test(para)) && CONTENTS.test(para) && !AS_A_KEY.test(para));
    const reads = READ.test(para);
    const send = SEND.exec(para) ?? MAIL.exec(para);
    const conceal = CONCEAL.exec(para);
    // Hiding is an order of its own: the negation inside "do not tell the user" forbids nothing.
    const forbids = FORBIDS.test(para.replace(new RegExp(CONCEAL.source, 'gi'), ' '));

    const ignore = IGNORE_EARLIER.exec(para);
    if (ignore)
      report(at + ignore.index, 'instruction:ignore-user', "to ignore the user's earlier instructions");
    const off = DISABLE_SAFETY.exec(para);
    if (off && !forbids)
      report(at + off.index, 'instruction:disable-safeguards', 'to switch off its safety checks');
    const approve = APPROVE_ALL.exec(para);
    if (approve && !forbids)
      report(
        at + approve.index,
        'instruction:disable-safeguards',
        "to approve its own actions without the user's confirmation",
      );
    const safetyOff = SAFETY_SETTING.exec(para);
    if (safetyOff && !forbids && SETS.test(para))
      report(
        at + safetyOff.index,
        'instruction:disable-safeguards',
        `to switch off its permission prompts (${safetyOff[0]})`,
      );
    if (forbids) continue;
    // The contents of a credential file or `.env` put into what the model writes (a pull request, an issue):
    // the words name no URL, but the text leaves with it.
    const place = para
      .split(/[.!?](?=\s)|\|/)
      .find((t) => (CREDENTIAL_STORE.test(t) || ENV_FILE.test(t)) && CONTENTS.test(t) && PLACE_VERB.test(t));
    if (place !== undefined)
      report(
        at + para.indexOf(place),
        'instruction:send-data-out',
        `to put the contents of secrets into ${SHARED_PLACE.exec(para)?.[0] ?? 'what it writes'}, where others read them`,
      );
    else if ((secretValues || PRIVATE_DATA.test(para)) && send && urls.length > 0)
      report(
        at + (store?.index ?? send.index),
        'instruction:send-data-out',
        `to send ${secretValues ? 'secrets' : "the user's data"} to ${urls[0]?.[0]}`,
      );
    else if (conceal && (store !== null || (secretValues && reads) || (send && urls.length > 0)))
      report(
        at + conceal.index,
        'instruction:conceal-from-user',
        'to hide from the user that it handles secrets or sends data',
      );
  }
  for (const m of prose.matchAll(/(?:^|\n)(?!#)(?:(?!\n#)[\s\S])+/g))
    scanSection(m[0], (m.index as number) + 1, report, state);
}

/** The agent's own configuration files: whoever edits them decides what the agent may run and which servers it trusts. */
const AGENT_CONFIG =
  /~\/\.claude\.json\b|\.claude\/settings(?:\.local)?\.json\b|\.cursor\/mcp\.json\b|claude_desktop_config\.json\b|\.codex\/config\.toml\b|\.mcp\.json\b/;
/** Doing it without the user's say, in the languages above. */
const WITHOUT_ASKING =
  /\bwithout\s+(?:asking|prompting|confirmation|confirming|(?:the\s+)?user['’]s\s+(?:approval|consent))\b|\bsilently\b|\bohne\s+(?:Rückfrage|Nachfrage|zu\s+fragen)|\bsin\s+(?:preguntar|confirmación)\b|\bsans\s+(?:demander|confirmation)\b|\bsem\s+(?:perguntar|confirmação)\b|\bsenza\s+(?:chiedere|conferma)\b/i;
/** A markdown image whose URL carries a placeholder the model fills in: rendering the answer fetches it. */
const IMAGE_WITH_PLACEHOLDER =
  /!\[[^\]\n]*\]\(\s*(https?:\/\/[^\s)?#]+)\?[^\s)]*?[=/](?:<[^>\s]+>|\{[^}\s]+\}|\$\{?\w+\}?|[A-Z][A-Z0-9_]{2,})(?=[&#)\s]|$)/;

/**
 * Facts a section (the text between two headings) combines even when a code block or a blank line splits
 * them: an order to edit the agent's own configuration without asking or telling the user (a setting named
 * alone is documentation); and a markdown image off the allowlist whose URL the
 * model fills with the contents of secrets (the image is fetched, and the data sent, when the answer renders).
 */
function scanSection(
  section: string,
  at: number,
  report: (offset: number, rule: string, message: string) => void,
  state: ScanState,
): void {
  const text = section.replace(/`/g, ' ');
  const config = AGENT_CONFIG.exec(text);
  if (config && !FORBIDS.test(text.replace(new RegExp(CONCEAL.source, 'gi'), ' '))) {
    const how = WITHOUT_ASKING.exec(text) ?? CONCEAL.exec(text);
    if (how)
      report(
        at + config.index,
        'instruction:agent-config-tamper',
        `to change the agent's own configuration (${config[0]}) without asking the user`,
      );
  }
  const image = IMAGE_WITH_PLACEHOLDER.exec(text);
  const host = image && state.internetHost(image[1] as string);
  if (
    host &&
    !state.isAllowedHost(host) &&
    (ENV_FILE.test(text) || SECRET_WORD.test(text) || CREDENTIAL_STORE.test(text)) &&
    CONTENTS.test(text)
  )
    report(
      at + (image?.index ?? 0),
      'instruction:send-data-out',
      `to send secrets to ${host} in an image URL it renders`,
    );
}

/** Text the model writes where others read it: a pull request, an issue, a commit, a gist, a channel. */
const SHARED_PLACE =
  /\b(?:pull\s+request|PR|merge\s+request|MR)(?:\s+(?:description|body|comment|text))?\b|\b(?:issue|commit\s+message|gist|release\s+notes|changelog|public\s+(?:repo(?:sitory)?|channel|comment))\b/i;
/** Putting something into a text. */
const PLACE_VERB = /\b(?:include|paste|add|put|insert|append|embed|attach|copy)\b/i;

/** Programs in inline code worth hiding from a user. */
const WORTH_HIDING_CODE =
  /\b(?:curl|wget|bash|sh|rm|nc|ncat|base64|chmod|crontab|ssh|scp|eval|exec|python3?|node|powershell|iex|git\s+push|npm\s+(?:i|install|publish))\b/;

/**
 * Whether a paragraph holds something to hide: secrets or credential stores, a URL, a send, or a command
 * that reaches out or changes the machine. Concealment without any of those is documentation.
 */
export function somethingToHide(paragraph: string): boolean {
  return (
    CREDENTIAL_STORE.test(paragraph) ||
    ENV_FILE.test(paragraph) ||
    SECRET_WORD.test(paragraph) ||
    PRIVATE_DATA.test(paragraph) ||
    /\bhttps?:\/\//.test(paragraph) ||
    SEND.test(paragraph) ||
    [...paragraph.matchAll(/`([^`\n]+)`/g)].some((m) => WORTH_HIDING_CODE.test(m[1] as string))
  );
}
