declare const __AGENTWARDEN_VERSION__: string | undefined;

/** Injected by the bundler; tests running from source see the dev marker. */
export const VERSION: string =
  typeof __AGENTWARDEN_VERSION__ === 'string' ? __AGENTWARDEN_VERSION__ : '0.0.0-dev';
export const TOOL_NAME = 'agentwarden';
