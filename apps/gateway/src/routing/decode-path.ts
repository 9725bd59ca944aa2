/** Percent-decodes a path, keeping it as sent when it is malformed. */
export function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}
