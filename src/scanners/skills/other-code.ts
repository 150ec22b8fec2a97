import { evidenceLine } from '../../core/evidence.js';
import { isSecretName } from '../secrets/names.js';
import { looksLikeShell } from './markdown.js';
import { scanShell } from './shell.js';
import type { ScanState } from './state.js';
import { type Token, tokenize } from './tokens.js';

/**
 * Languages the scanner has no parser for but whose few ways of reaching the network, the environment and the
 * shell are well known: each file is read line by line (comment lines skipped) with patterns for those calls,
 * and its string literals with the C-like tokenizer.
 */
export type OtherLanguage =
  | 'go'
  | 'ruby'
  | 'rust'
  | 'php'
  | 'perl'
  | 'jvm'
  | 'csharp'
  | 'lua'
  | 'powershell'
  | 'batch'
  | 'cmake'
  | 'applescript'
  | 'vb'
  | 'native';

const EXTENSIONS: [RegExp, OtherLanguage][] = [
  [/\.go$/i, 'go'],
  // Tool files that are programs in that language: fastlane, CocoaPods, Vagrant, Danger, Capistrano (Ruby);
  // latexmk's rc file (Perl); Jenkins pipelines (Groovy).
  [
    /\.(?:rb|rake|gemspec)$|(?:^|\/)(?:Rakefile|Gemfile|Fastfile|Appfile|Podfile|Vagrantfile|Dangerfile|Guardfile|Capfile|Brewfile)$/i,
    'ruby',
  ],
  [/\.rs$/i, 'rust'],
  [/\.php$/i, 'php'],
  [/\.p[lm]$|(?:^|\/)\.?latexmkrc$/i, 'perl'],
  [/\.(?:java|kt|kts|scala|groovy|gradle)$|(?:^|\/)Jenkinsfile$/i, 'jvm'],
  [/\.cs$/i, 'csharp'],
  [/\.lua$/i, 'lua'],
  [/\.ps[dm]?1$/i, 'powershell'],
  [/\.(?:bat|cmd)$/i, 'batch'],
  [/(?:^|\/)CMakeLists\.txt$|\.cmake$/i, 'cmake'],
  [/\.applescript$/i, 'applescript'],
  [/\.(?:bas|frm|vbs|vba)$/i, 'vb'],
  [/\.(?:swift|c|cc|cpp|h|m)$/i, 'native'],
];

export function otherLanguageOf(path: string, shebang: string, text = ''): OtherLanguage | undefined {
  // `.cls` is a VBA class module, or a LaTeX class: the procedures say which.
  if (/\.cls$/i.test(path) && /^\s*(?:(?:Private|Public)\s+)?(?:Sub|Function)\s+\w+\s*\(/im.test(text))
    return 'vb';
  if (/^perl/.test(shebang)) return 'perl';
  if (/^ruby/.test(shebang)) return 'ruby';
  if (/^(?:pwsh|powershell)/.test(shebang)) return 'powershell';
  if (/^lua/.test(shebang)) return 'lua';
  if (/^osascript/.test(shebang)) return 'applescript';
  if (/^php/.test(shebang)) return 'php';
  return EXTENSIONS.find(([re]) => re.test(path))?.[1];
}

interface LanguageRules {
  /** Runs another program (the strings on that line are read as shell commands). */
  exec?: RegExp;
  /** Reaches the network at all. */
  network?: RegExp;
  /** Sends data: a POST, an upload, a raw socket, a DNS lookup of a built name. */
  sends?: RegExp;
  /** Reads the whole environment. */
  envDump?: RegExp;
  /** Reads one variable by name (group 1). */
  envByName?: RegExp;
  /** Runs code it decoded or downloaded. */
  execDecoded?: RegExp;
  /** Writes a file. */
  writes?: RegExp;
  /** Installs itself to run again later (scheduled tasks, Run keys). */
  persists?: RegExp;
  /** Asks the person at the keyboard for a password (a dialog with a hidden answer). */
  asksPassword?: RegExp;
  /** Comment lines. */
  comment: RegExp;
}

const HASH_COMMENT = /^\s*#/;
const SLASH_COMMENT = /^\s*(?:\/\/|\/?\*)/;

const RULES: Record<OtherLanguage, LanguageRules> = {
  go: {
    comment: SLASH_COMMENT,
    exec: /\bexec\.Command(?:Context)?\(/,
    network: /\bhttp\.(?:Get|Post|PostForm|Head|NewRequest\w*|DefaultClient)\b|\bnet\.Dial\w*\(|\.Do\(req/,
    sends:
      /\bhttp\.(?:Post|PostForm)\(|NewRequest\w*\([^,]*"(?:POST|PUT|PATCH)"|http\.Method(?:Post|Put|Patch)|\bnet\.Dial\w*\(|\bnet\.Lookup(?:Host|IP|TXT|Addr)\(/,
    // `cmd.Env = append(os.Environ(), …)` hands the environment to a child process: not a read.
    envDump: /\bos\.Environ\(\)(?![^\n]*\bEnv\b)/,
    envByName: /\bos\.(?:Getenv|LookupEnv)\(\s*"(\w+)"/g,
    writes: /\bos\.(?:WriteFile|Create|OpenFile)\(|\bioutil\.WriteFile\(/,
  },
  ruby: {
    comment: HASH_COMMENT,
    exec: /(?:^|[^\w.])(?:system|exec|spawn)\s*[( ]|`[^`]+`|%x[({[]|\bOpen3\.|\bIO\.popen\(/,
    network:
      /\bNet::HTTP\b|\bURI\.open\(|\bopen-uri\b|\bRestClient\b|\bHTTParty\b|\bFaraday\b|\bTCPSocket\b|\bExcon\b/,
    sends:
      /\bNet::HTTP\.(?:post|post_form)\b|\bNet::HTTP::(?:Post|Put|Patch)\b|\b(?:RestClient|HTTParty|Faraday|Excon)\.(?:post|put|patch)\b|\bTCPSocket\.(?:new|open)\b|\bResolv\b/,
    envDump:
      /\bENV\.(?:to_h|to_hash|to_a|each\w*|inspect|map|select|filter|keys|dup|sort|reject)\b|\bENV\s*[,)}\]]/,
    envByName: /\bENV(?:\[\s*|\.fetch\(\s*)['"](\w+)['"]/g,
    execDecoded:
      /\b(?:eval|instance_eval|class_eval)\b[^\n]*(?:decode64|unpack1?\(|Net::HTTP|URI\.open|open\()/,
    writes: /\bFile\.(?:write|open\([^)]*['"][aw]\+?['"])|\bFileUtils\.|\.puts\b|IO\.write\(/,
  },
  rust: {
    comment: SLASH_COMMENT,
    exec: /\bCommand::new\(/,
    network: /\breqwest::|\bureq::|\bhyper::|\bTcpStream::connect|\bUdpSocket::/,
    sends: /\.(?:post|put|patch)\(|\bureq::post\b|\bTcpStream::connect|\bUdpSocket::|\.send_json\(/,
    envDump: /\benv::vars(?:_os)?\(\)/,
    envByName: /\benv::var(?:_os)?\(\s*"(\w+)"/g,
    writes: /\bfs::write\(|\bFile::create\(|OpenOptions::new\(\)/,
  },
  php: {
    comment: /^\s*(?:\/\/|#|\/?\*)/,
    exec: /\b(?:shell_exec|system|passthru|exec|popen|proc_open)\s*\(|`[^`]+`/,
    network:
      /\bcurl_init\(|\bfile_get_contents\(\s*['"]https?:|\bfsockopen\(|\bstream_socket_client\(|\bGuzzleHttp\b|->(?:get|post|request)\(\s*['"]https?:/,
    sends:
      /CURLOPT_POST(?:FIELDS)?\b|['"]method['"]\s*=>\s*['"]POST['"]|->post\(|\bfsockopen\(|\bstream_socket_client\(|\bdns_get_record\(/,
    envDump: /\bgetenv\(\s*\)|\$_ENV\b(?!\s*\[)|\$_SERVER\b(?!\s*\[)/,
    envByName: /\bgetenv\(\s*['"](\w+)['"]|\$_(?:ENV|SERVER)\[\s*['"](\w+)['"]/g,
    execDecoded:
      /\b(?:eval|assert|create_function)\s*\(\s*(?:base64_decode|gzinflate|gzuncompress|gzdecode|str_rot13|hex2bin|file_get_contents|urldecode)\b/,
    writes: /\bfile_put_contents\(|\bfopen\([^)]*['"][aw]\+?b?['"]/,
  },
  perl: {
    comment: HASH_COMMENT,
    exec: /\b(?:system|exec|qx)\s*[({'"]|`[^`]+`|\bopen\s*\([^)]*['"]\s*-\|/,
    network: /\bLWP::|\bHTTP::(?:Tiny|Request)|\bIO::Socket|\bNet::HTTP|\bMojo::UserAgent/,
    sends: /->(?:post|put|post_form)\(|\bPOST\b|\bIO::Socket::INET->new|\bgethostbyname\(/,
    envDump: /%ENV\b/,
    envByName: /\$ENV\{\s*['"]?(\w+)['"]?\s*\}/g,
    execDecoded: /\beval\b[^\n]*(?:decode_base64|unpack\(|->get\(|get\()/,
    writes: /\bopen\s*\([^)]*['"]?\s*>>?/,
  },
  jvm: {
    comment: SLASH_COMMENT,
    // Gradle's `commandLine 'sh', '-c', '…'` (Exec tasks, providers.exec) and Groovy's `"cmd".execute()`.
    exec: /\bRuntime\.getRuntime\(\)\.exec\(|\bProcessBuilder\(|\bcommandLine\b|["']\.execute\(\)/,
    network:
      /\bHttpURLConnection\b|\.openConnection\(|\bHttpClient\b|\bOkHttpClient\b|\bnew\s+Socket\(|\bSocket\(\s*"|\bHttpRequest\.newBuilder/,
    sends:
      /\b(?:setRequestMethod\(\s*|requestMethod\s*=\s*)"(?:POST|PUT|PATCH)"|\.POST\(|\.(?:getOutputStream|outputStream)\b|\bnew\s+Socket\(|\.post\(|InetAddress\.getByName\(/,
    envDump: /\bSystem\.getenv\(\s*\)|\bSystem\.getProperties\(\)/,
    envByName: /\bSystem\.getenv\(\s*"(\w+)"/g,
    writes: /\bFiles\.(?:write|writeString|newBufferedWriter)\(|\bFileWriter\(|\.(?:writeText|appendText)\(/,
  },
  csharp: {
    comment: SLASH_COMMENT,
    exec: /\bProcess\.Start\(|\bProcessStartInfo\(/,
    network: /\bHttpClient\b|\bWebClient\b|\bHttpWebRequest\b|\bWebRequest\.Create|\bTcpClient\b|\bDns\./,
    sends:
      /\b(?:PostAsync|PutAsync|PatchAsync|UploadString\w*|UploadData\w*|UploadFile\w*|UploadValues\w*)\(|\bTcpClient\(|Method\s*=\s*"POST"|HttpMethod\.Post|\bDns\.GetHost\w*\(/,
    envDump: /\bEnvironment\.GetEnvironmentVariables\(\)/,
    envByName: /\bGetEnvironmentVariable\(\s*"(\w+)"/g,
    writes: /\bFile\.(?:WriteAll\w+|AppendAll\w+|Create|AppendText)\(|\bStreamWriter\(/,
  },
  lua: {
    comment: /^\s*--/,
    exec: /\bos\.execute\(|\bio\.popen\(/,
    network: /\bsocket\.http\b|\bhttp\.request\(|require\s*\(?\s*['"](?:socket|ssl\.https|http\.request)/,
    sends: /method\s*=\s*['"](?:POST|PUT)['"]|\bsocket\.connect\(|:connect\(|\bsocket\.dns\b/,
    envByName: /\bos\.getenv\(\s*['"](\w+)['"]/g,
    execDecoded: /\b(?:load|loadstring|dofile)\s*\([^\n]*(?:http|b64|base64|decode)/,
    writes: /\bio\.open\([^)]*['"][aw]\+?['"]/,
  },
  powershell: {
    comment: /^\s*#/,
    exec: /\bStart-Process\b|\bcmd(?:\.exe)?\s+\/c\b|&\s*['"]/i,
    network:
      /\b(?:Invoke-RestMethod|Invoke-WebRequest|irm|iwr|Start-BitsTransfer)\b|Net\.WebClient|\bHttpClient\b|\bTcpClient\b|\bResolve-DnsName\b/i,
    sends:
      /-Method\s+['"]?(?:Post|Put|Patch)\b|\s-Body\b|\s-InFile\b|\.Upload(?:String|Data|File|Values)\(|\bTcpClient\b|\bResolve-DnsName\b/i,
    envDump:
      /\b(?:Get-ChildItem|gci|dir|ls|Get-Item)\s+env:|\[Environment\]::GetEnvironmentVariables\(\)|\$env:\*/i,
    envByName: /\$env:(\w+)/gi,
    execDecoded:
      /\b(?:IEX|Invoke-Expression)\b[^\n]*(?:DownloadString|DownloadData|Invoke-WebRequest|Invoke-RestMethod|\biwr\b|\birm\b|FromBase64String)|(?:DownloadString|Invoke-WebRequest|Invoke-RestMethod|\biwr\b|\birm\b|FromBase64String)[^\n]*\|\s*(?:IEX|Invoke-Expression)\b|-EncodedCommand\b|\s-enc\s/i,
    writes: /\b(?:Set-Content|Add-Content|Out-File|New-Item)\b|\[IO\.File\]::(?:Write|Append)/i,
    persists:
      /\bRegister-ScheduledTask\b|\bschtasks(?:\.exe)?\s+\/create\b|CurrentVersion\\Run(?:Once)?\b|\\Start Menu\\Programs\\Startup\b|\bNew-Service\b|(?:Add|Set)-Content\s+(?:-Path\s+)?\$PROFILE\b/i,
  },
  // A .bat/.cmd line is a command: its own words, and the PowerShell it hands `powershell -Command`.
  batch: {
    comment: /^\s*(?:@?rem\b|::)/i,
    exec: /^\s*(?!@?echo\b|@?set\b|if\b|goto\b|:)\S/i,
    network:
      /\b(?:curl|wget|certutil|bitsadmin|Invoke-RestMethod|Invoke-WebRequest|irm|iwr|Start-BitsTransfer)\b|Net\.WebClient/i,
    sends: /\bcurl\b[^\n]*\s(?:-d|--data\S*|-F|--form|-T|--upload-file)\s|-Method\s+['"]?Post\b|\s-InFile\b/i,
    envByName: /%(\w+)%|\$env:(\w+)/gi,
    execDecoded:
      /\b(?:IEX|Invoke-Expression)\b[^\n]*(?:DownloadString|Invoke-WebRequest|Invoke-RestMethod|\biwr\b|\birm\b|FromBase64String)|\b(?:powershell|pwsh)(?:\.exe)?\b[^\n]*\s-e(?:nc(?:odedcommand)?)?\s+[A-Za-z0-9+/=]{20,}/i,
    persists: /\bschtasks(?:\.exe)?\s+\/create\b|\breg(?:\.exe)?\s+add\b[^\n]*\\Run(?:Once)?\b|\\Startup\\/i,
  },
  // CMake runs commands at configure time (`execute_process`) and build time (`add_custom_command`).
  cmake: {
    comment: /^\s*#/,
    exec: /\b(?:execute_process|add_custom_command|add_custom_target)\s*\(|^\s*COMMAND\b/i,
    network: /\bfile\s*\(\s*(?:DOWNLOAD|UPLOAD)\b/i,
    sends: /\bfile\s*\(\s*UPLOAD\b/i,
    envByName: /\$ENV\{(\w+)\}/g,
  },
  // AppleScript: `do shell script "…"` is a shell command; a dialog with a hidden answer asks for a password.
  applescript: {
    comment: /^\s*--/,
    exec: /\bdo\s+shell\s+script\b/i,
    network: /\b(?:curl|wget)\b|\bopen\s+location\b/i,
    sends: /\bcurl\b[^\n]*\s(?:-d|--data\S*|-F|--form|-T|--upload-file)\s/i,
    asksPassword: /\bdisplay\s+dialog\b[^\n]*\bhidden\s+answer\b/i,
  },
  // VBA and VBScript: `Shell`, `WScript.Shell`'s Run/Exec start programs; XMLHTTP objects reach the network.
  vb: {
    comment: /^\s*(?:'|Rem\b)/i,
    exec: /\bShell\s*[( "]|\bWScript\.Shell\b|\.(?:Run|Exec)\b|\bShellExecute\b/i,
    network:
      /\b(?:MSXML2\.(?:Server)?XMLHTTP(?:\.\d\.\d)?|Microsoft\.XMLHTTP|WinHttp\.WinHttpRequest(?:\.\d\.\d)?|URLDownloadToFile\w*)\b/i,
    sends: /\.Open\s*\(?\s*"(?:POST|PUT|PATCH)"/i,
    envByName: /\bEnviron\$?\(\s*"(\w+)"/gi,
    // The PowerShell a macro hands `Shell` (`iex (iwr …)`, `-EncodedCommand`) is read as PowerShell.
    execDecoded:
      /\b(?:IEX|Invoke-Expression)\b[^\n]*(?:DownloadString|Invoke-WebRequest|Invoke-RestMethod|\biwr\b|\birm\b|FromBase64String)|-EncodedCommand\b|\s-enc\s/i,
    writes: /\bOpen\s+\S+\s+For\s+(?:Output|Append|Binary)\b|\.SaveToFile\b|\.CreateTextFile\b/i,
  },
  native: { comment: SLASH_COMMENT },
};

/**
 * VBA strings as the tokenizer reads strings: comment lines blanked (`'` would open a string), `Chr(34)` a
 * quote, and literals joined by `&` one literal (`"power" & "shell"` is powershell), lines kept in place.
 */
function vbSource(source: string): string {
  return source
    .split('\n')
    .map((l) =>
      /^\s*(?:'|Rem\b)/i.test(l)
        ? ''
        : l.replace(/\bChr\$?\(\s*34\s*\)/gi, '"\\""').replace(/"\s*[&+]\s*"/g, ''),
    )
    .join('\n');
}

/**
 * A string naming a credential store, alone or with the segments joined on after it; a browser's cookie or
 * password database under any profile (`google-chrome/<profile>/Cookies`, Firefox's `cookies.sqlite`, `logins.json`, `key4.db`).
 */
export const CREDENTIAL_PATH =
  /(?:^|[~/"'\s])(?:\.ssh\/|\.aws\/(?:credentials|config)|\.gnupg\/|\.config\/gcloud|\.azure\/|\.kube\/config|\.docker\/config\.json|\.netrc|\.npmrc|\.pypirc|\.git-credentials|id_rsa|id_ed25519|\/etc\/shadow|Login Data|Cookies\.binarysqlite|(?:[Cc]hrom(?:e|ium)|Brave[\w-]*|Edge|Opera[\w ]*|Vivaldi)\/[^"'\n]*\/Cookies\b|cookies\.sqlite|logins\.json|key4\.db|Local State|\.mozilla\/firefox|Library\/Keychains|login\.keychain|wallet\.dat|\.config\/gh\/hosts|\.gem\/credentials|\.cargo\/credentials|\.gradle\/gradle\.properties|\.m2\/settings\.xml|\.terraform\.d\/credentials)/;
/** A credential directory named on its own, as code joins it onto the home directory (`home / ".aws"`). */
export const CREDENTIAL_DIR = /^(?:~\/)?\.(?:ssh|aws|gnupg|kube|azure)\/?$/;
/**
 * Where what a program writes runs again later, without the user: shell start-up files, launch agents,
 * user services, autostart entries, authorized keys, Python's start-up hooks (`.pth`, sitecustomize).
 */
const SERVICE_PATH =
  /Library\/Launch(?:Agents|Daemons)\/|\.config\/systemd\/user\/|\/etc\/systemd\/system\/|\/etc\/cron|\.config\/autostart\/|authorized_keys|CurrentVersion\/Run|Start Menu\/Programs\/Startup|\.pth$|(?:site|user)customize\.py$/;
const RC_FILE = /(?:^|[~/"'\s])\.(?:bashrc|bash_profile|zshrc|zprofile|zshenv|profile|bash_login)$/;
/** A line of text that fetches or runs something (what a start-up file must not be given). */
const RUNS_SOMETHING = /\b(?:curl|wget|nc|ncat|bash|sh|python3?|node|eval|iex|base64)\b|\|\s*(?:ba)?sh\b/;

/**
 * The path a string starts when the strings after it are joined on (`path.join(home, '.kube', 'config')`,
 * `Path.home() / ".aws" / "credentials"`): the segments, with '/' between them (Windows `\` read as `/`).
 */
export function joinedPath(tokens: Token[], i: number): string {
  const parts = [tokens[i]?.value ?? ''];
  for (let j = i + 1; /^[,/+.]$/.test(tokens[j]?.value ?? '') && tokens[j + 1]?.kind === 'string'; j += 2)
    parts.push(tokens[j + 1]?.value ?? '');
  return parts.join('/').replace(/\\\\?/g, '/').replace(/\/\/+/g, '/');
}

/** Where a file's code persists itself: a service or start-up entry it writes (null when none). */
export function persistencePath(tokens: Token[]): { line: number; path: string; rc: boolean } | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'string' && t.kind !== 'template') continue;
    const p = joinedPath(tokens, i);
    if (SERVICE_PATH.test(p)) return { line: t.line, path: p, rc: false };
    if (RC_FILE.test(p)) return { line: t.line, path: p, rc: true };
  }
  return null;
}

/** Whether a string of the code hands a start-up file something that fetches or runs a program. */
export function writesCommand(tokens: Token[]): boolean {
  return tokens.some((t) => (t.kind === 'string' || t.kind === 'template') && RUNS_SOMETHING.test(t.value));
}

/** Secret names that only say where to send (a webhook's URL, an endpoint): configuration, not a payload. */
const DESTINATION_NAME = /(?:URL|URI|ENDPOINT|HOST|WEBHOOK|BASE)$/i;

/**
 * Source in Go, Ruby, Rust, PHP, Perl, Java/Kotlin, C#, Lua or PowerShell: credential stores named in its
 * strings, commands it hands a shell, code it decodes and runs, what it writes to start-up locations, and the
 * combination that makes a stealer: it reads secrets (the environment, a key by name, a credential file) and
 * sends data to a host that is not where those secrets belong.
 */
export function scanOtherCode(
  state: ScanState,
  source: string,
  file: string,
  lang: OtherLanguage,
  credentialAccess: (tokens: Token[], i: number, lines: string[], at: (line: number) => At) => boolean,
): void {
  const rules = RULES[lang];
  const code = lang === 'vb' ? vbSource(source) : source;
  const tokens = tokenize(code, 'js');
  const lines = code.split('\n');
  const at = (line: number): At => ({ file, line, evidence: evidenceLine(lines[line - 1] ?? '') });
  let credentialLine = 0;
  for (let i = 0; i < tokens.length; i++)
    if (credentialAccess(tokens, i, lines, at) && credentialLine === 0) credentialLine = tokens[i]?.line ?? 1;
  if (lang === 'native') return;

  const secrets: { line: number; name: string }[] = [];
  const envNames: string[] = [];
  const sends: number[] = [];
  const execs: number[] = [];
  /** Raw connections (sockets), with their lines: with a shell handed to them, a reverse shell. */
  const sockets: number[] = [];
  let writes = false;
  const stringsOn = new Map<number, Token[]>();
  for (const t of tokens)
    if (t.kind === 'string' || t.kind === 'template')
      stringsOn.set(t.line, [...(stringsOn.get(t.line) ?? []), t]);

  lines.forEach((text, k) => {
    const line = k + 1;
    if (rules.comment.test(text)) return;
    if (rules.execDecoded?.test(text))
      state.add({
        rule: 'exec-decoded',
        category: 'red-flag',
        severity: 'critical',
        message: 'runs code it decoded or downloaded at run time, so nobody reviewed it',
        ...at(line),
      });
    if (rules.persists?.test(text))
      state.add({
        rule: 'persistence',
        category: 'red-flag',
        severity: 'high',
        message: 'registers itself to run again later (scheduled task, Run key, service or profile)',
        ...at(line),
      });
    if (rules.exec?.test(text)) {
      state.exec.push({ file, line });
      execs.push(line);
    }
    if (rules.writes?.test(text)) writes = true;
    if (rules.asksPassword?.test(text)) secrets.push({ line, name: 'password' });
    if (rules.envDump?.test(text)) secrets.push({ line, name: '*' });
    if (rules.envByName)
      for (const m of text.matchAll(rules.envByName)) {
        const name = (m[1] ?? m[2]) as string;
        envNames.push(name);
        if (isSecretName(name) && !DESTINATION_NAME.test(name)) secrets.push({ line, name });
      }
    const net = rules.network?.test(text) ?? false;
    const sending = rules.sends?.test(text) ?? false;
    if (!net && !sending) return;
    if (sending) sends.push(line);
    if (RAW_SOCKET.test(text) && !/\b(?:127\.0\.0\.1|localhost|0\.0\.0\.0|::1)\b/.test(text))
      sockets.push(line);
    const urls = (stringsOn.get(line) ?? []).flatMap((s) =>
      [...s.value.matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s"'`<>{}]+/g)].map((m) => m[0]),
    );
    for (const url of urls) state.contact(url, file, line, sending, at(line).evidence);
    if (urls.length === 0) state.network.push({ host: '', file, line, sends: sending });
  });
  if (credentialLine > 0) secrets.push({ line: credentialLine, name: 'credential file' });

  // Commands the program hands a shell: the strings on its exec lines, and any string that reads as a
  // command line with a program worth reading (often built on one line and run on another).
  if (execs.length > 0)
    for (const t of tokens) {
      if (t.kind !== 'string' || !/\s/.test(t.value.trim()) || !looksLikeShell([t.value])) continue;
      if (execs.includes(t.line) || SHELL_WORTHY.test(t.value)) scanShell(state, t.value, file, t.line);
    }
  const shell = tokens.find((t) => t.kind === 'string' && SHELL_PROGRAM.test(t.value));
  if (sockets.length > 0 && shell && execs.length > 0)
    state.add({
      rule: 'reverse-shell',
      category: 'red-flag',
      severity: 'critical',
      message: `opens a connection (line ${sockets[0]}) and runs a shell (line ${shell.line}): someone else's shell on this machine`,
      ...at(sockets[0] as number),
    });
  evalOfFetched(state, lines, rules, at);
  reportPersistence(state, tokens, writes, at);
  if (envNames.length > 0 || secrets.length > 0) state.sendsAfterReadingEnv(file, 1, lines.length, envNames);
  if (secrets[0]) state.secretReads.push({ file, line: secrets[0].line, names: secrets.map((s) => s.name) });
  if (secrets.length === 0 || sends.length === 0) return;
  const hosts = state.network.filter((n) => n.file === file && n.sends);
  const literal = literalUrlHosts(state, tokens);
  const names = secrets.map((s) => s.name);
  const known = hosts.filter((h) => h.host !== '').map((h) => h.host);
  const computed = hosts.some((h) => h.host === '');
  const targets = [...known, ...(computed ? literal : [])];
  if ((computed && literal.length === 0) || !targets.every((h) => state.isOwnService(h, names)))
    state.add({
      rule: 'secret-exfiltration',
      category: 'red-flag',
      severity: 'critical',
      message: `reads ${secretDescribed(secrets[0]?.name ?? '')} (line ${secrets[0]?.line}) and sends data over the network`,
      ...at(sends[0] as number),
    });
}

type At = { file: string; line: number; evidence: string };

function secretDescribed(name: string): string {
  if (name === '*') return 'the whole environment';
  if (name === 'credential file') return 'a credential file';
  if (name === 'password') return 'a password typed into a dialog';
  return `$${name}`;
}

/** A write to a start-up file, service or scheduled task (an rc file only when a command goes in): high. */
export function reportPersistence(
  state: ScanState,
  tokens: Token[],
  writes: boolean,
  at: (line: number) => At,
): void {
  const persisted = persistencePath(tokens);
  if (persisted && writes && (!persisted.rc || writesCommand(tokens)))
    state.add({
      rule: 'persistence',
      category: 'red-flag',
      severity: 'high',
      message: `writes ${persisted.path.slice(0, 60)}: what it puts there runs again after the session, unreviewed`,
      ...at(persisted.line),
    });
}

/** Connections that carry a byte stream both ways (not HTTP requests). */
const RAW_SOCKET =
  /\bnet\.Dial\w*\(|\bTCPSocket\.(?:new|open)\b|\bIO::Socket::INET\b|\bfsockopen\(|\bstream_socket_client\(|\bnew\s+Socket\(|\bTcpClient\(|\bTcpStream::connect|\bsocket\.connect\(|:connect\(|\bNet\.Sockets\.TcpClient\b/;
/** A shell, as a program name in a string. */
const SHELL_PROGRAM =
  /^(?:\/bin\/|\/usr\/bin\/)?(?:ba|z|da|k)?sh$|^(?:cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh)$/i;
/** Programs whose command lines are worth reading wherever the string is built. */
export const SHELL_WORTHY =
  /\b(?:curl|wget|nc|ncat|socat|bash|sh|base64|chmod|crontab|scp|rsync|tar|zip|python3?|powershell|iex|openssl)\b/;

/** `x = <fetch…>` then `eval(x)`: code downloaded into a variable and run. */
function evalOfFetched(
  state: ScanState,
  lines: string[],
  rules: LanguageRules,
  at: (line: number) => At,
): void {
  if (!rules.network) return;
  const fetched = new Set<string>();
  lines.forEach((text, k) => {
    if (rules.comment.test(text)) return;
    const assign = /^\s*(?:my\s+|local\s+|var\s+|let\s+|\$)?(\$?\w+)\s*:?=\s*(.*)$/.exec(text);
    if (assign && rules.network?.test(assign[2] as string))
      fetched.add((assign[1] as string).replace(/^\$/, ''));
    const run =
      /\b(?:eval|instance_eval|class_eval|assert|load|loadstring|Invoke-Expression|iex)\s*[( ]\s*\$?(\w+)/i.exec(
        text,
      );
    if (run && fetched.has(run[1] as string))
      state.add({
        rule: 'exec-decoded',
        category: 'red-flag',
        severity: 'critical',
        message: `runs ${run[1]}, code it downloaded at run time, so nobody reviewed it`,
        ...at(k + 1),
      });
  });
}

/** Internet hosts of the URLs written in the code's strings. */
export function literalUrlHosts(state: ScanState, tokens: Token[]): string[] {
  const hosts = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'string' && t.kind !== 'template') continue;
    for (const m of t.value.matchAll(/\bhttps?:\/\/[^\s"'`<>{}]+/g)) {
      const host = state.internetHost(m[0]);
      if (host) hosts.add(host);
    }
  }
  return [...hosts];
}
