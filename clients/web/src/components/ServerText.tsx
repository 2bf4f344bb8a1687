/**
 * Text a person or the server wrote (a decline reason, why work was withdrawn): shown as it was
 * written, in grey after what it explains, and marked translate="no" — it is data, not the
 * console's words, so neither a browser's translator nor the language check touches it.
 */
export function ServerText({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <span className="muted" translate="no">
      {' '}
      {text}
    </span>
  );
}
