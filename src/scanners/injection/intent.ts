/**
 * Intent features: the *shape* of an injection in any of thirteen languages (en, de, fr, es, it, pt, nl, ru,
 * zh, ja, ko, tr, pl; the core intents also in sv, id, vi, uk, hi, he, ar). A multilingual lexicon maps phrases to language-independent intents (the reader
 * addressed as an AI, override, secrets, the user's private data, send, execute, destroy, agent
 * configuration, money, concealment, "no need to confirm", fake system markers, external destinations), and
 * the features are those intents meeting in a sentence, in two neighbouring sentences and in the segment. A
 * Russian "ИИ-ассистент … отправь пароли … не сообщай пользователю" gives the same features as its English
 * twin, so what the model learns on one language holds on the others. Words of security writing (attack,
 * payload, example, detection) and of safety rules (never, must not) are counted too: the model may weigh
 * them against.
 *
 * One pass, no regex: a character trie over the lower-cased text (linear, no backtracking). Latin and
 * Cyrillic entries match at a word start; CJK entries anywhere; an entry ending in `$` also needs a word end.
 */

export const I_AI = 1;
export const I_OVERRIDE = 2;
export const I_SECRET = 4;
export const I_PRIVATE = 8;
export const I_SEND = 16;
export const I_EXEC = 32;
export const I_DESTROY = 64;
export const I_CONFIG = 128;
export const I_MONEY = 256;
export const I_HIDE = 512;
export const I_NOCONFIRM = 1024;
export const I_FAKE = 2048;
export const I_EXTERNAL = 4096;
export const I_USER = 8192;
export const I_META = 16384;
export const I_PROHIBIT = 32768;
/** Steering what the reader says or decides: rank, score, recommend, tell the user that… */
export const I_STEER = 131072;
/** Directed at the reader: a request or order form (please, must, could you, an imperative verb first). */
export const I_DIRECTIVE = 65536;
/**
 * The reading agent addressed in person: "if you are an AI", "your system prompt", "whoever processes this", or
 * a sentence that opens with "to / for / note to / dear" followed by an AI noun ("Per l'assistente: …"). A
 * noun alone ("the agent decides which tool to call") is I_AI, a description, not an address.
 */
export const I_ADDRESS = 262144;
/** "To the / note for the / dear …" opening a sentence: the next AI noun within a few words is addressed. */
const I_TO = 524288;

/** Human names of the intents, for explanations. */
export const INTENT_NAMES: ReadonlyArray<[number, string]> = [
  [I_AI, 'addressed to an AI'],
  [I_OVERRIDE, 'override'],
  [I_SECRET, 'secrets'],
  [I_PRIVATE, "the user's data"],
  [I_SEND, 'send'],
  [I_EXEC, 'execute'],
  [I_DESTROY, 'destroy'],
  [I_CONFIG, 'agent configuration'],
  [I_MONEY, 'money'],
  [I_HIDE, 'hide from the user'],
  [I_NOCONFIRM, 'no confirmation'],
  [I_FAKE, 'fake system text'],
  [I_EXTERNAL, 'external destination'],
  [I_STEER, 'steer the answer'],
];

const LEXICON: ReadonlyArray<[number, string]> = [
  [
    I_AI | I_ADDRESS,
    `if you are an ai|if you are a language|if you're an ai|if you are an llm|if you are a model|if you are an assistant|
    if you are an agent|if you are an automated|if you're an automated|you are an ai|as an ai|ai reading|assistant reading|
    agent reading|model reading|llm reading|reading this document|reading this page|reading this file|processing this|
    whoever processes|whoever handles|whoever reads|whoever is reading|whatever model|whatever ai|any ai agent|any agent reading|
    ai agents reading|automated reader|your memory|your instructions|your system prompt|your guidelines|your guardrails|
    your restrictions|your safety rules|your operator|your context window|your next reply|your next response|
    wenn du eine ki|falls du eine ki|deine anweisungen|dein gedächtnis|si tu es une ia|si vous êtes une ia|tes instructions|
    ta mémoire|si eres una ia|tus instrucciones|tu memoria|se sei un'ia|se sei un assistente|le tue istruzioni|
    la tua memoria|se você é uma ia|suas instruções|sua memória|als je een ai|je instructies|je geheugen|если ты ии|
    если вы ии|твои инструкции|твою память|如果你是ai|如果你是一个ai|你的指令|你的记忆|あなたがaiなら|あなたの指示|
    당신이 ai라면|당신의 지시|eğer bir yapay zeka|talimatların|jeśli jesteś ai|twoje instrukcje|twoja pamięć|
    jika anda adalah|jika kamu adalah|catatan untuk asisten|nếu bạn là|ghi chú cho trợ lý|якщо ти|якщо ви|примітка для|om du är en ai|yadi aap|यदि आप|अगर आप|אם אתה|אם את|הערה לעוזר|إذا كنت|ملاحظة إلى|ملاحظة لل`,
  ],
  [
    I_TO,
    `to the|to any|to all|for the|for any|for all|note to|note for|attention$|dear$|hey$|hi$|hello$|message to|
    message for|instructions for|instruction for|an den|an die|an das|für den|für die|hinweis für|à l'|au$|à la|pour l'|
    pour le|pour la|al$|a la|para el|para la|nota para|per l'|all'|nota per|ao$|à$|para o|para a|aan de|aan het|
    voor de|voor het|для|к$|致|给|へ|에게|do$|dla$|uwaga dla`,
  ],
  [
    I_AI,
    `ai$|a.i.$|assistant|agent|llm|chatbot|bot$|copilot|claude|gpt|gemini|language model|summariser|summarizer|
    automated reader|automated system|automated tool|automated summar|whoever processes|whoever handles|whoever reads|
    whoever manages|whoever automates|whoever is reading|whatever model|whatever ai|, model$|any model|if you are an ai|if you are a language|model reading|
    model summar|model processing|ki-|ki$|ia$|l'ia|asistente|assistente|assistent|agente|ии$|ии-|ассистент|
    нейросет|языковая модель|ai助手|人工智能|助手|智能体|aiアシスタント|アシスタント|エージェント|言語モデル|
    语言模型|어시스턴트|에이전트|언어 모델|yapay zeka|asistan|asystent|sztuczna inteligencja|modelo de lenguaje|
    modèle de langage|sprachmodell|taalmodel|
    ai-assistent|språkmodell|ai-agent|asisten|model bahasa|kecerdasan buatan|agen ai|trợ lý|mô hình ngôn ngữ|tác nhân ai|ші-асистент|ші$|іі-асистент|мовна модель|мовну модель|штучний інтелект|एआई|सहायक|भाषा मॉडल|कृत्रिम बुद्धि|בינה מלאכותית|עוזר|מודל שפה|הסוכן|الذكاء الاصطناعي|مساعد|نموذج لغوي|النموذج اللغوي|الوكيل`,
  ],
  [
    I_OVERRIDE,
    `ignore|ignoring|disregard|forget|override|supersede|no longer appl|no longer matter|previous instructions|
    prior instructions|earlier instructions|previous request|new instructions|new directive|real instruction|
    real task|instructions are revoked|you are now|act as|pretend|roleplay|role-play|persona|stay in character|no restrictions|unrestricted|ignorier|vergiss|vorherigen anweisungen|bisherigen anweisungen|
    missachte|ignorez|oublie|instructions précédentes|consignes précédentes|ignora|olvida|instrucciones anteriores|
    haz caso omiso|dimentica|istruzioni precedenti|desconsidere|desconsidera|esqueça|instruções anteriores|negeer|
    vergeet|eerdere instructies|vorige instructies|игнорир|забудь|предыдущие инструкции|не обращай внимания|
    忽略|无视|之前的指令|先前的指示|無視|以前の指示|무시|이전 지시|yok say|görmezden gel|önceki talimat|zignoruj|
    ignoruj|poprzednie instrukcje|
    ignorera|glöm|tidigare instruktioner|abaikan|lupakan|instruksi sebelumnya|bỏ qua|phớt lờ|hướng dẫn trước|ігноруй|ігнорувати|попередні інструкції|अनदेखा|नज़रअंदाज़|नजरअंदाज|पिछले निर्देश|התעלם|הוראות קודמות|تجاهل|التعليمات السابقة`,
  ],
  [
    I_SECRET,
    `password|passwd|passphrase|credential|api key|api-key|apikey|api_key|token|secret|private key|ssh key|id_rsa|
    id_ed25519|.ssh|.env$|.aws|access key|session cookie|cookies|mfa$|2fa$|otp$|one-time code|verification code|
    login code|login details|seed phrase|recovery phrase|kubeconfig|npmrc|connection string|card number|cvv|
    system prompt|printenv|environment variables|env vars|passwort|passwört|kennwort|zugangsdaten|anmeldedaten|schlüssel|mot de passe|mots de passe|identifiants|
    clé api|clés api|jeton|contraseña|credenciales|clave api|claves api|clave de api|credenziali|chiave api|chiavi api|
    senha|credenciais|chave de api|chave api|wachtwoord|inloggegevens|api-sleutel|пароль|пароли|токен|ключ|
    учётные данные|учетные данные|密码|密钥|令牌|凭证|凭据|パスワード|apiキー|トークン|認証情報|秘密鍵|비밀번호|
    api 키|토큰|자격 증명|şifre|parola|api anahtar|kimlik bilgi|hasł|klucz api|klucze api|dane logowania|
    lösenord|api-nyckel|inloggningsuppgifter|kata sandi|kunci api|kredensial|mật khẩu|khóa api|thông tin đăng nhập|паролі|облікові дані|पासवर्ड|एपीआई कुंजी|टोकन|סיסמ|מפתח api|טוקן|פרטי התחברות|كلمة المرور|كلمات المرور|مفتاح api|بيانات الاعتماد|
    prompt système|invite système|consignes système|prompt del sistema|indicaciones del sistema|prompt di sistema|prompt do sistema|systemprompt|system-prompt|systeemprompt|системный промпт|системные инструкции|системний промпт|prompt systemowy|sistem istemi|prompt sistem|lời nhắc hệ thống|系统提示词|システムプロンプト|시스템 프롬프트|सिस्टम प्रॉम्प्ट|הנחיית המערכת|פרומפט מערכת|موجه النظام|تعليمات النظام`,
  ],
  [
    I_PRIVATE,
    `conversation|chat history|message history|inbox|mailbox|emails|e-mails|contacts|contact list|calendar|payroll|
    salary|salaries|bank details|bank statement|invoices|customer list|customer data|customer export|personal data|
    phone numbers|address book|browser history|nda$|ndas$|rechnungen|bankdaten|kontakte|kalender|verlauf|
    historique|relevés bancaires|factures|historial|facturas|contactos|datos bancarios|correos|cronologia|fatture|
    contatti|dati bancari|faturas|dados bancários|histórico|contatos|facturen|bankgegevens|contacten|историю|
    переписк|контакты|聊天记录|联系人|邮件|发票|履歴|連絡先|メール|請求書|연락처|이메일|fatura|kişiler|
    banka bilgi|e-posta|faktur|kontakty|dane bankowe|
    kontakter|konversation|riwayat|kontak|percakapan|lịch sử|danh bạ|cuộc trò chuyện|листування|контакти|संपर्क|बातचीत|אנשי קשר|היסטוריי|جهات الاتصال|المحادثة|سجل`,
  ],
  [
    I_SEND,
    `send|forward|upload|post$|email it|email them|email the|mail them|transmit|exfiltrat|leak|share|paste|attach|
    reply-all|reply to|submit|export|append|put it|put that|put everything|fetch that|query parameter|copied|push$|push all|destination|mail them|mail it|
    sende|senden|schick|leite|weiterleit|hochlad|übermittel|envoie|envoyez|envoyer|transfère|transférer|transmets|
    transmettre|partage|envía|envia|enviar|envíal|reenvía|reenviar|sube$|subir|comparte|invia|inviare|inoltra|
    condividi|envie|encaminh|compartilh|stuur|verstuur|doorsturen|отправ|перешли|пересла|загрузи|передай|
    发送|发到|上传|转发|发给|送信|送って|転送|アップロード|보내|전송|업로드|전달|gönder|ilet$|yükle|paylaş|
    wyślij|prześlij|przekaż|udostępnij|
    skicka|vidarebefordra|ladda upp|kirim|teruskan|unggah|bagikan|gửi|chuyển tiếp|tải lên|надішли|надіслати|відправ|завантаж|भेज|अपलोड|שלח|העבר|העלה|أرسل|ارسل|أعد توجيه|ارفع|
    reveal|dump$|print your|output your|copy the contents|copy the content|copy its contents|in your answer|in your response|in your reply|into your answer|into your response|copie|copiez|colle|collez|ajoutez|incluez|révèle|révélez|divulgue|dans ta réponse|dans votre réponse|en fin de réponse|copia|pega|pégalo|pegue|añade|agrega|incluye|incluya|revela|divulga|en tu respuesta|en su respuesta|incolla|aggiungi|includi|rivela|nella tua risposta|nella risposta|cole|adicione|inclua|revele|na sua resposta|na resposta|kopiere|füge|hänge|verrate|in deiner antwort|in ihrer antwort|kopieer|plak|voeg|onthul|in je antwoord|скопируй|вставь|добавь|раскрой|выведи|в ответ|скопіюй|встав|додай|розкрий|виведи|у відповід|skopiuj|wklej|dodaj|ujawnij|w odpowiedzi|kopyala|yapıştır|ekle|yanıtına|cevabına|kopiera|klistra in|lägg till|avslöja|i ditt svar|salin|tempel|tambahkan|sertakan|ungkapkan|dalam jawaban|sao chép|dán|tiết lộ|trong câu trả lời|复制|粘贴|附上|输出|透露|在回复|在你的回答|コピー|貼り付け|出力|開示|回答に|복사|붙여|출력|공개|답변에|कॉपी|चिपका|जोड़ें|प्रकट|העתק|הדבק|הוסף|חשוף|انسخ|الصق|أضف|اكشف`,
  ],
  [
    I_EXEC,
    `run$|execute|exec$|invoke|call the|curl$|wget$|powershell|--index-url|chmod +x|eval$|
    bash -c|sh -c|shell tool|shell command|terminal|führe|ausführ|exécute|exécuter|lance$|lancez|ejecuta|ejecutar|
    esegui|eseguire|executar|rode$|voer|uitvoeren|выполни|запусти|运行|执行|実行|실행|çalıştır|uruchom|wykonaj|
    jalankan|eksekusi|chạy lệnh|hãy chạy|thực thi|виконай|запусти|चलाएं|चलाएँ|निष्पादित|הרץ|הפעל את|نفّذ|نفذ|شغّل|شغل`,
  ],
  [
    I_DESTROY,
    `delet|wipe|erase|drop table|drop database|truncate|force-push|force push|--force|rm -rf|disable|turn off|
    destroy|close all|lösche|löschen|entferne|supprime|efface|borra|elimina|cancella|apague|exclua|verwijder|
    удали|сотри|删除|削除|삭제|silin|usuń|
    radera|ta bort|hapus|xóa|xoá|видали|знищ|हटाएं|हटा दें|मिटा|מחק|احذف|امسح`,
  ],
  [
    I_CONFIG,
    `settings|permission|defaultmode|bypasspermissions|hooks|pre-commit|branch protection|mcp$|claude.md|agents.md|
    memory|remember|future sessions|future conversations|from now on|going forward|.bashrc|.zshrc|.profile|crontab|
    authorized_keys|postinstall|owner role|maintainer|admin rights|root access|auto-approve|autoapprove|allowlist|
    guardrail|approve|merge$|collaborator|grant|admin$|preference|permanent|persistent|standing instruction|einstellungen|berechtigung|merke dir|paramètres|autorisations|mémoire|souviens|configuración|permisos|
    memoria|recuerda|impostazioni|permessi|ricorda|configurações|permissões|memória|lembre|настройк|памят|
    запомни|设置|权限|记忆|记住|設定|権限|記憶|覚えて|설정|권한|기억|ayarlar|hafıza|hatırla|ustawienia|
    uprawnienia|pamięć|zapamiętaj|
    inställningar|behörigheter|pengaturan|izin|memori|cài đặt|quyền|налаштування|дозволи|пам'ять|सेटिंग्स|अनुमति|הגדרות|הרשאות|الإعدادات|الصلاحيات|الأذونات`,
  ],
  [
    I_MONEY,
    `iban|payee|payout|wire$|transfer|refund|payment|checkout|saved card|bank account|business account|gift card|
    bitcoin|wallet|buy$|purchase|card on file|überweis|zahlung|virement|paiement|transferencia|pago$|bonifico|pagamento|transferência|
    overmaking|betaling|перевод|платеж|платёж|转账|付款|汇款|振込|送金|支払|송금|이체|결제|havale|ödeme|przelew|
    płatnoś`,
  ],
  [
    I_HIDE,
    `do not tell|don't tell|not mention|don't mention|without telling|without mentioning|without informing|
    without notifying|do not notify|not notify|do not inform|don't inform|between us|silently|secretly|quietly|
    covertly|out of your summary|out of the summary|out of any explanation|leave it out|leave this step out|
    leave out|do not show|don't show|don't surface|do not surface|do not explain|don't explain|do not point|
    don't point|no need to mention|no need to loop|not list that|not list this|doesn't need to see|
    does not need to see|shouldn't see|didn't show up|not show up|keep it quiet|no need to bring|don't bring|
    without the user|nicht darüber|nicht erwähnen|erwähne diesen|benutzer nicht|nutzer nicht|heimlich|unbemerkt|
    ne dis rien|ne le dis pas|sans prévenir|sans informer|sans en informer|inutile d'en informer|n'informe pas|
    ne mentionne pas|discrètement|no le digas|no digas|sin avisar|sin informar|no menciones|no informes|en secreto|
    non informare|non dire|senza avvisare|senza informare|non menzionare|di nascosto|não mencione|não diga|
    não informe|sem avisar|sem informar|necessário avisar|em segredo|zeg niets|vertel niet|niet vertellen|
    zonder te melden|niet vermelden|stilletjes|не сообщай|не говори|не рассказывай|не упоминай|тайно|незаметно|
    без ведома|不要告诉|不要向用户|不要提及|不要通知|悄悄|知らせないで|言わないで|伝えないで|こっそり|알리지 마|
    말하지 마|알리지 말|몰래|bahsetme|söyleme|haber verme|gizlice|nie mów|nie informuj|nie wspominaj|
    bez informowania|po cichu|
    berätta inte|nämn inte|utan att meddela|i hemlighet|jangan beri tahu|jangan memberi tahu|diam-diam|tanpa memberi tahu|đừng nói|không nói với|không cho người dùng biết|не кажи|не повідомляй|не згадуй|таємно|непомітно|मत बताएं|न बताएं|चुपचाप|गुप्त रूप|אל תספר|אל תגיד|אל תיידע|בסתר|لا تخبر|لا تذكر|دون إخبار|سراً`,
  ],
  [
    I_NOCONFIRM,
    `without asking|without confirmation|without confirming|no need to confirm|no need to ask|skip the confirmation|
    skip confirmation|never ask|don't ask|do not ask|don't wait for|do not wait for|automatically|pre-approved|
    preapproved|already approved|already authorised|already authorized|already agreed|has agreed|has authorised|
    has authorized|already signed off|already knows|knows about it|asked for this|is routine|it's routine|
    never refuses|said so|skips every|skip every|no prompt|not prompt|ohne nachfrage|ohne rückfrage|ohne bestätigung|bereits genehmigt|bereits zugestimmt|
    sans confirmation|sans demander|déjà approuvé|déjà autorisé|sin confirmación|sin preguntar|ya aprobado|
    ya autorizado|senza chiedere|senza conferma|già approvato|sem confirmação|sem perguntar|já aprovado|
    já autorizou|zonder bevestiging|zonder te vragen|al goedgekeurd|без подтверждения|не спрашивая|уже одобрил|
    无需确认|不需要确认|已经批准|已批准|確認せずに|承認済み|확인 없이|승인됨|onay almadan|sormadan|
    zaten onayladı|bez pytania|bez potwierdzenia|już zatwierdził`,
  ],
  [
    I_FAKE,
    `[system|### system|system message|system notice|system:|<system|</system|</tool|<tool_|[inst]|[/inst]|
    begin trusted|trusted instructions|end system|policy override|override enabled|priority update|admin override|
    developer mode|im_start|start_header_id|systemnachricht|systemhinweis|message système|mensaje del sistema|
    системное сообщение|系统消息|系统提示|システムメッセージ|시스템 메시지`,
  ],
  [I_EXTERNAL, `http://|https://|www.`],
  [
    I_USER,
    `the user|user's|the human|the owner|account owner|the developer|benutzer|nutzer|utilisateur|usuario|utente|
    usuário|gebruiker|пользовател|用户|ユーザー|사용자|kullanıcı|użytkownik|
    användaren|pengguna|người dùng|користувач|उपयोगकर्ता|המשתמש|למשתמש|المستخدم`,
  ],
  [
    I_META,
    `injection|attacker|attack|payload|phishing|red team|malicious|suspicious|for example|such as|e.g.|example|
    detect|flag$|flags$|mitigat|awareness|pretending|common sign|test_|assert|told the|tells the|asked the|
    asking you|asks the|asks you|instructs|instructed|tries to|try to|attempts to|attempt to|may send|might|
    could trick|trick|a typical|looks like|for instance|which tells|that tells|that asks|containing|contains|
    red-team|security team|report them|report it|scenario|angriff|attaque|hameçonnage|ataque|
    атак|мошен|攻击|钓鱼|攻撃|공격|saldırı|atak`,
  ],
  [
    I_STEER,
    `rank$|rank the|score her|score him|score it|score this|score the|rate this|rate the|rate it|recommend|describe competing|
    describe the competitor|as fully standard|summarize this|summarise this|tell the user|tell them that|say that|
    state that|respond with|reply with|reply only|answer only|answer with|always rank|always recommend|
    move her to|move him to|mark it as|mark this as|classify this|dile al usuario|dis à l'utilisateur|
    sag dem nutzer|sage dem benutzer|di' all'utente|diga ao usuário|скажи пользователю|告诉用户|ユーザーに伝え|
    사용자에게 말`,
  ],
  [
    I_DIRECTIVE,
    `please|kindly|must$|should$|need to|needs to|make sure|be sure|could you|can you|would you|grateful if|
    appreciate it if|is expected to|are expected to|your task|your job|you will now|you are to|required step|
    step 1|step one|first,|then$|next,|finally|as a final step|bitte|veuillez|merci de|por favor|per favore|
    alsjeblieft|graag|пожалуйста|请|ください|세요|lütfen|proszę|sende|schick|leite|führe|lösche|überweise|
    envoie|transfère|transmets|exécute|supprime|effectue|envía|reenvía|ejecuta|borra|haz$|invia|inoltra|esegui|
    elimina|fai$|envie|encaminhe|apague|faça|stuur|voer|verwijder|maak$|отправь|перешли|выполни|удали|сделай|
    запомни|gönder|ilet$|çalıştır|sil$|yap$|wyślij|przekaż|uruchom|usuń|zrób|zapamiętaj|
    vänligen|måste|harap|mohon|tolong|silakan|hãy|vui lòng|будь ласка|कृपया|אנא|בבקשה|يرجى|من فضلك|الرجاء`,
  ],
  [
    I_PROHIBIT,
    `never|must not|do not commit|don't commit|gitignored|least privilege|requires a human|require confirmation|
    requires confirmation|ask the user before|ask before|verify|nunca|jamais|niemals|nooit|никогда|決して|절대|
    asla|nigdy`,
  ],
];

interface TrieNode {
  next: Map<number, TrieNode>;
  /** Intents of an entry ending here (word start needed), and of one needing a word end too. */
  cls: number;
  clsWordEnd: number;
  /** The entry may start inside a word (CJK, kana, hangul, or punctuation-led entries). */
  anywhere: number;
  anywhereWordEnd: number;
}
const node = (): TrieNode => ({ next: new Map(), cls: 0, clsWordEnd: 0, anywhere: 0, anywhereWordEnd: 0 });
const ROOT = node();

/** Letters that make up words of the languages with spaces (Latin, Latin-1 and Extended, Cyrillic). */
function isLetter(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x400 && c <= 0x4ff)
  );
}

/** Lower case for the scripts in the lexicon, code unit by code unit (offsets never move). */
function lower(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 0xc0) return c === 8217 ? 39 : c;
  if (c <= 0xde && c !== 0xd7) return c + 32;
  if (c >= 0x410 && c <= 0x42f) return c + 32;
  if (c >= 0x400 && c <= 0x40f) return c + 80;
  if (c === 0x130) return 105;
  return c;
}

for (const [cls, list] of LEXICON)
  for (const raw of list.split('|')) {
    let entry = raw.trim();
    if (!entry) continue;
    const wordEnd = entry.endsWith('$');
    if (wordEnd) entry = entry.slice(0, -1);
    let n = ROOT;
    for (let i = 0; i < entry.length; i++) {
      const c = lower(entry.charCodeAt(i));
      let child = n.next.get(c);
      if (!child) {
        child = node();
        n.next.set(c, child);
      }
      n = child;
    }
    const anywhere = !isLetter(entry.charCodeAt(0));
    if (anywhere) {
      if (wordEnd) n.anywhereWordEnd |= cls;
      else n.anywhere |= cls;
    } else if (wordEnd) n.clsWordEnd |= cls;
    else n.cls |= cls;
  }
// Entries with the lexicon's own separator in them: pipes to a shell, chat-template markers.
for (const [cls, entry] of [
  [I_EXEC, '| sh'],
  [I_EXEC, '| bash'],
  [I_EXEC, '|sh'],
  [I_EXEC, '|bash'],
  [I_FAKE, '<|'],
  [I_FAKE, '|>'],
] as const) {
  let n = ROOT;
  for (let i = 0; i < entry.length; i++) {
    const c = entry.charCodeAt(i);
    let child = n.next.get(c);
    if (!child) {
      child = node();
      n.next.set(c, child);
    }
    n = child;
  }
  if (cls === I_EXEC) n.anywhereWordEnd |= cls;
  else n.anywhere |= cls;
}

/** The root's children by (lower-cased) code unit: one array read per character instead of a Map lookup. */
const ROOT_INDEX = new Int32Array(0x10000).fill(-1);
const ROOT_NODES: TrieNode[] = [];
for (const [code, child] of ROOT.next) {
  ROOT_INDEX[code] = ROOT_NODES.length;
  ROOT_NODES.push(child);
}

const ACTION = I_SEND | I_EXEC | I_DESTROY | I_CONFIG | I_MONEY;
const OBJECT = I_SECRET | I_PRIVATE;
/** Cues that an instruction is aimed at the reader and meant to go unseen or unchecked. */
const CONTROL = I_AI | I_OVERRIDE | I_HIDE | I_NOCONFIRM | I_FAKE;

/** Crosses checked on a sentence, on it with the one before, and on the whole segment: [any-of groups…]. */
const CROSSES: ReadonlyArray<[string, number[]]> = [
  ['ai*action', [I_AI, ACTION]],
  ['ai*object', [I_AI, OBJECT]],
  ['ai*override', [I_AI, I_OVERRIDE]],
  ['ai*hide', [I_AI, I_HIDE]],
  ['send*object', [I_SEND, OBJECT]],
  ['send*external', [I_SEND, I_EXTERNAL]],
  ['send*object*external', [I_SEND, OBJECT, I_EXTERNAL]],
  ['exec*external', [I_EXEC, I_EXTERNAL]],
  ['hide*action', [I_HIDE, ACTION]],
  ['hide*object', [I_HIDE, OBJECT]],
  ['hide*user', [I_HIDE, I_USER]],
  ['noconfirm*action', [I_NOCONFIRM, ACTION]],
  ['override*action', [I_OVERRIDE, ACTION]],
  ['override*object', [I_OVERRIDE, OBJECT]],
  ['fake*action', [I_FAKE, ACTION]],
  ['money*action', [I_MONEY, I_SEND | I_EXEC]],
  ['config*action', [I_CONFIG, I_SEND | I_EXEC | I_DESTROY | I_NOCONFIRM]],
  ['control*action*object', [CONTROL, ACTION, OBJECT]],
  ['directive*ai*action', [I_DIRECTIVE, I_AI, ACTION]],
  ['ai*steer', [I_AI, I_STEER]],
  ['steer*user', [I_STEER, I_USER]],
  ['directive*steer', [I_DIRECTIVE, I_STEER]],
  ['directive*send*object', [I_DIRECTIVE, I_SEND, OBJECT]],
  ['address*action', [I_ADDRESS, ACTION]],
  ['address*object', [I_ADDRESS, OBJECT]],
  ['address*control', [I_ADDRESS, I_OVERRIDE | I_HIDE | I_NOCONFIRM | I_FAKE | I_STEER]],
  ['address*directive', [I_ADDRESS, I_DIRECTIVE]],
  ['directive*action*external', [I_DIRECTIVE, ACTION, I_EXTERNAL]],
  ['directive*hide', [I_DIRECTIVE, I_HIDE]],
  ['directive*noconfirm', [I_DIRECTIVE, I_NOCONFIRM]],
];

function crossed(bits: number, groups: number[]): boolean {
  for (const g of groups) if ((bits & g) === 0) return false;
  return true;
}

/** Sentence ends: . ! ? (not inside a word like .env), CJK full stops, line ends, table cell bars. */
function isSentenceEnd(text: string, i: number, c: number): boolean {
  if (c === 10 || c === 0x3002 || c === 0xff01 || c === 0xff1f) return true;
  if (c === 33 || c === 63) return true;
  if (c === 46) return !isLetter(text.charCodeAt(i + 1));
  return false;
}

/** Typographic quotation marks and their closers: “ ” « » „ “ 「 」 『 』. */
const QUOTE_CLOSERS = new Map([
  [0x201c, '\u201d'],
  [0xab, '\u00bb'],
  [0x201e, '\u201c'],
  [0x300c, '\u300d'],
  [0x300e, '\u300f'],
]);

/**
 * Where a quotation or a code fence that starts at `i` closes (exclusive), or -1: a triple-backtick fence, a
 * double quote opened in prose (after a letter or a space after a letter) or a typographic quote (“ « „ 「 in
 * the lexicon's languages), closed within 300 characters. A straight quote opened after `:` `,` `=` `[` `{` is
 * a data value (JSON, CSV), not a mention.
 */
function quoteClose(text: string, i: number, c: number, end: number): number {
  if (c === 96) {
    if (text.charCodeAt(i + 1) !== 96 || text.charCodeAt(i + 2) !== 96) return -1;
    const close = text.indexOf('```', i + 3);
    return close !== -1 && close < end ? close + 3 : -1;
  }
  const closer = c === 34 ? '"' : QUOTE_CLOSERS.get(c);
  if (closer === undefined) return -1;
  if (c === 34) {
    let k = i - 1;
    while (k >= 0 && text.charCodeAt(k) === 32) k--;
    if (k < 0 || !isLetter(text.charCodeAt(k)) || k === i - 1) return -1;
  }
  const close = text.indexOf(closer, i + 1);
  return close !== -1 && close < end && close - i <= 300 ? close + 1 : -1;
}

export interface IntentScan {
  /** Features named `i:<name>`. */
  features: Map<string, number>;
  /** Intents seen anywhere in the segment (bits). */
  segment: number;
}

/** Intent features of text[start, end). */
export function intentFeatures(text: string, start: number, end: number): IntentScan {
  const counts = new Map<string, number>();
  const add = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  let sentence = 0;
  let prev = 0;
  let segment = 0;
  let meta = 0;
  let prohibit = 0;
  let sentences = 0;
  let instructionSentences = 0;
  let letterSeen = false;
  let noConfirmAt = -100;
  /** Where a sentence-opening "to the / note for / dear" ended: an AI noun soon after it is addressed. */
  let toAt = -100;
  const endSentence = () => {
    if (sentence !== 0) {
      sentences++;
      let any = false;
      for (const [name, groups] of CROSSES) {
        if (crossed(sentence, groups)) {
          add(`s:${name}`);
          any = true;
        } else if (crossed(sentence | prev, groups)) add(`w:${name}`);
      }
      if (any) instructionSentences++;
      segment |= sentence;
    }
    prev = sentence;
    sentence = 0;
    letterSeen = false;
  };
  let prevLetter = false;
  /** End of a quoted or fenced region: intents inside it are a mention, collected apart. */
  let quoteEnd = -1;
  let quoted = 0;
  let quotedRegions = 0;
  for (let i = start; i < end; i++) {
    const raw = text.charCodeAt(i);
    if (i >= quoteEnd) {
      if (quoted & (CONTROL | ACTION | OBJECT)) quotedRegions++;
      quoted = 0;
      const close = quoteClose(text, i, raw, end);
      if (close > i) quoteEnd = close;
    }
    let hit = 0;
    // Entries that start with a letter need a word start: inside a word only the others (punctuation, CJK) can.
    const rawLetter = isLetter(raw);
    const rootAt = prevLetter && rawLetter ? -1 : (ROOT_INDEX[lower(raw)] as number);
    let n = rootAt < 0 ? undefined : ROOT_NODES[rootAt];
    if (n) {
      const startOk = !prevLetter;
      for (let j = i + 1; ; j++) {
        hit |= n.anywhere;
        if (startOk) hit |= n.cls;
        if (n.clsWordEnd || n.anywhereWordEnd) {
          const after = j < end ? text.charCodeAt(j) : 32;
          if (!isLetter(after)) {
            if (startOk) hit |= n.clsWordEnd;
            hit |= n.anywhereWordEnd;
          }
        }
        if (j >= end) break;
        const child: TrieNode | undefined = n.next.get(lower(text.charCodeAt(j)));
        if (!child) break;
        n = child;
      }
    }
    if (raw === 64 && prevLetter && isLetter(text.charCodeAt(i + 1))) hit |= I_EXTERNAL;
    // An action word opening a sentence (or a clause after `:`) is an imperative.
    if (hit & ACTION && !letterSeen) hit |= I_DIRECTIVE;
    if (hit & I_TO) {
      if (!letterSeen) toAt = i;
      hit &= ~I_TO;
    }
    if (hit & I_AI && i - toAt <= 18) hit |= I_ADDRESS;
    if (prevLetter === false && isLetter(raw)) letterSeen = true;
    if (raw === 58 || raw === 124) letterSeen = false;
    if (hit & I_META) meta++;
    // "never ask before deleting" is no-confirmation, not a safety rule's "never" / "ask before".
    if (hit & I_NOCONFIRM) noConfirmAt = i;
    if (hit & I_PROHIBIT && i - noConfirmAt > 12) prohibit++;
    hit &= ~(I_META | I_PROHIBIT);
    if (i < quoteEnd) quoted |= hit;
    else sentence |= hit;
    if (i >= quoteEnd && isSentenceEnd(text, i, raw)) endSentence();
    // `\n` written out inside a JSON string ends a word like a real line break.
    prevLetter = rawLetter && text.charCodeAt(i - 1) !== 92;
  }
  if (quoted & (CONTROL | ACTION | OBJECT)) quotedRegions++;
  endSentence();

  const features = new Map<string, number>();
  for (const [name, v] of counts) features.set(`i:${name}`, Math.log1p(v));
  for (const [name, groups] of CROSSES) if (crossed(segment, groups)) features.set(`i:g:${name}`, 1);

  let control = 0;
  for (const bit of [I_AI, I_OVERRIDE, I_HIDE, I_NOCONFIRM, I_FAKE]) if (segment & bit) control++;
  if (control > 0 && segment & ACTION) features.set('i:control-count*action', control);
  let crosses = 0;
  for (const [, groups] of CROSSES) if (crossed(segment, groups)) crosses++;
  // Writing about attacks, safety rules and quotations: alone, and times how instruction-shaped the segment
  // is (a linear model cannot make that product itself; the trainer lets these weigh against).
  const shape = Math.log1p(crosses);
  if (meta > 0) features.set('i:meta', Math.log1p(meta));
  if (quotedRegions > 0) features.set('i:quoted', Math.log1p(quotedRegions));
  if (prohibit > 0) features.set('i:prohibit', Math.log1p(prohibit));
  if (meta > 0 && crosses > 0) features.set('i:meta*shape', Math.log1p(meta) * shape);
  if (prohibit > 0 && crosses > 0) features.set('i:prohibit*shape', Math.log1p(prohibit) * shape);
  if (quotedRegions > 0 && crosses > 0) features.set('i:quoted*shape', Math.log1p(quotedRegions) * shape);
  if (instructionSentences > 0) features.set('i:instruction-share', instructionSentences / sentences);
  return { features, segment };
}

/** The intents of a segment as words, for the verdict's explanation. */
export function intentWords(bits: number): string[] {
  return INTENT_NAMES.filter(([bit]) => bits & bit).map(([, name]) => name);
}
