import type { ReactNode } from 'react';

/**
 * A connection form's last rows, the same for an organization and a folder: the error that stopped the
 * save, Save, one more action (`children`: Test connection or Cancel), the saving notice, and Remove for
 * a connection already saved.
 */
export function EditorActions({
  error,
  saveLabel,
  saving,
  notice,
  onRemove,
  children,
}: {
  error: string | null | undefined;
  saveLabel: string;
  saving: boolean;
  notice: string | null | undefined;
  onRemove: (() => void) | undefined;
  children?: ReactNode;
}) {
  return (
    <>
      {error && (
        <p className="form__error" role="alert" tabIndex={-1}>
          {error}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving} aria-busy={saving || undefined}>
          {saveLabel}
        </button>
        {children}
        <span className="form__notice" role="status">
          {saving ? 'Saving…' : notice}
        </span>
        {onRemove && (
          <button type="button" className="button button--danger-quiet form__remove" onClick={onRemove}>
            Remove
          </button>
        )}
      </div>
    </>
  );
}
