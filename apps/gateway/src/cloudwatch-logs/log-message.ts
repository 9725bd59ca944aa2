/** Level names a message can start with, and the one each stands for. */
const LEVELS: Record<string, string> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  WARNING: 'warn',
  ERROR: 'error',
  FATAL: 'fatal',
  CRITICAL: 'fatal',
};
const LEVEL = Object.keys(LEVELS).join('|');
/** Lambda's request ids are UUIDs; here they are the caller's X-Request-Id, so any id without whitespace. */
const REQUEST_ID = '\\S{1,128}';
const ISO_TIME = '\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z';

/** Lambda's text formats: Node `time<TAB>id<TAB>LEVEL<TAB>msg`, Python `[LEVEL]<TAB>time<TAB>id<TAB>msg`. */
const NODE_FORMAT = new RegExp(`^${ISO_TIME}\\t(${REQUEST_ID})\\t(${LEVEL})\\t(.*)$`, 's');
const PYTHON_FORMAT = new RegExp(`^\\[(${LEVEL})\\]\\t${ISO_TIME}\\t(${REQUEST_ID})\\t(.*)$`, 's');
/** `[ERROR] msg`, `ERROR: msg`, `ERROR msg`, `error - msg`. */
const PREFIX = new RegExp(`^\\s*\\[?(${LEVEL})\\]?(?::|\\s+-)?\\s+(.*)$`, 'is');

export interface ParsedLogMessage {
  level: string;
  message: string;
  requestId?: string;
}

function levelOf(name: unknown): string | undefined {
  return typeof name === 'string' ? LEVELS[name.trim().toUpperCase()] : undefined;
}

function fromJson(message: string): ParsedLogMessage | undefined {
  if (!message.trimStart().startsWith('{')) return undefined;
  try {
    const fields = JSON.parse(message) as Record<string, unknown>;
    const level = levelOf(fields.level ?? fields.levelname ?? fields.severity);
    const requestId = fields.requestId ?? fields.request_id ?? fields.AWSRequestId;
    return {
      level: level ?? 'info',
      message,
      ...(typeof requestId === 'string' ? { requestId } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * The level (and, in Lambda's formats, the request id) a log event's message states. JSON messages
 * use their `level`/`levelname`/`severity`; text uses Lambda's Node or Python layout or a leading
 * level word. Anything else is `info`. The message is kept as sent unless a prefix was stripped.
 */
export function parseLogMessage(message: string): ParsedLogMessage {
  const json = fromJson(message);
  if (json) return json;
  const node = NODE_FORMAT.exec(message);
  if (node) return { level: LEVELS[node[2].toUpperCase()], requestId: node[1], message: node[3] };
  const python = PYTHON_FORMAT.exec(message);
  if (python) {
    return { level: LEVELS[python[1].toUpperCase()], requestId: python[2], message: python[3] };
  }
  const prefix = PREFIX.exec(message);
  if (prefix) return { level: LEVELS[prefix[1].toUpperCase()], message: prefix[2] };
  return { level: 'info', message };
}

/** C0 and C1 controls (tab aside), DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

/**
 * A function's text made safe for one log line, wherever it is shown (stdout, `docker logs`, the
 * log sink's UI): line breaks become `\n` / `\r`, every other control character (ANSI escapes
 * start with ESC) `\u001b`-style, so no message can end its own line, start a forged one or
 * repaint a terminal. Tabs (Lambda's field separator) stay.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(
    CONTROL,
    (char) => NAMED_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** True when a name holds a character `escapeControlCharacters` would rewrite. */
export function hasControlCharacters(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}
