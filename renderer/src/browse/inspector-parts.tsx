import { useEffect, useRef, type ReactNode } from 'react';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { formatDate } from './list-model.ts';

/**
 * An inspector's head for a config object (an assistant, an agent): its name, Edit and Delete (off, with
 * the reason, on a read-only connection), its id and dates, and what the caller adds (a "Clone of" link).
 */
export function ConfigHeader({
  name,
  what,
  id,
  createdAt,
  updatedAt,
  readOnlyReason,
  onEdit,
  onDelete,
  focusEdit = false,
  actions,
  children,
}: {
  name: string;
  what: string;
  id: string;
  createdAt: number;
  updatedAt?: number | undefined;
  readOnlyReason: string | null;
  onEdit: () => void;
  onDelete: () => void;
  /** Back from the editor (Save, Cancel, Escape): Edit takes the focus the editor's buttons had. */
  focusEdit?: boolean;
  /** More buttons beside Edit (an assistant's Duplicate). */
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const editButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusEdit) editButton.current?.focus();
  }, [focusEdit]);
  return (
    <header className="inspector__header">
      <div className="inspector__title-row">
        <h2 className="inspector__title">{name}</h2>
        <div className="inspector__actions">
          <button
            ref={editButton}
            type="button"
            className="button button--small"
            disabled={readOnlyReason !== null}
            title={readOnlyReason ?? `Edit this ${what}`}
            onClick={onEdit}
          >
            Edit
          </button>
          {actions}
          <button
            type="button"
            className="button button--small button--danger-quiet"
            disabled={readOnlyReason !== null}
            title={readOnlyReason ?? `Delete this ${what}`}
            onClick={onDelete}
          >
            Delete
          </button>
        </div>
      </div>
      <p className="inspector__id">
        <code>{id}</code> · created {formatDate(createdAt)}
        {updatedAt && updatedAt !== createdAt ? ` · updated ${formatDate(updatedAt)}` : ''}
      </p>
      {readOnlyReason && <p className="inspector__note">Edit and Delete are off: {readOnlyReason}</p>}
      {children}
    </header>
  );
}

/** The confirmation before deleting a config object: it names the object and the org, and says it is final. */
export function DeleteConfigDialog({
  open,
  what,
  name,
  id,
  org,
  busy,
  error,
  onCancel,
  onConfirm,
  children,
}: {
  open: boolean;
  what: string;
  name: string;
  id: string;
  org: string;
  busy: boolean;
  error: string | undefined;
  onCancel: () => void;
  onConfirm: () => void;
  children?: ReactNode;
}) {
  return (
    <ConfirmDialog
      open={open}
      destructive
      title={`Delete “${name}” from ${org}?`}
      confirmLabel="Delete"
      busy={busy}
      error={error}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        The {what} <strong>{name}</strong> (<code>{id}</code>) is deleted in <strong>{org}</strong> itself. This cannot
        be undone.
      </p>
      {children}
    </ConfirmDialog>
  );
}
